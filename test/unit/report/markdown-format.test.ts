import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown, formatCode, formatTable } from '../../../src/report/markdown-format.ts';

describe('markdown-format', () => {
  it('escapes emphasis, links, tables and raw HTML, and folds newlines', () => {
    assert.equal(
      escapeMarkdown('a|b *c* _d_ [e](f) <script>&\nnext'),
      'a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &lt;script&gt;&amp; next',
    );
    assert.equal(escapeMarkdown('back\\slash `tick` ~x~'), 'back\\\\slash \\`tick\\` \\~x\\~');
  });

  it('makes code spans that hold backticks and pipes', () => {
    assert.equal(formatCode('llm_errors'), '`llm_errors`');
    assert.equal(formatCode('a`b'), '``a`b``');
    assert.equal(formatCode('`x'), '`` `x ``');
    assert.equal(formatCode('p(95)<2000|x'), '`p(95)<2000\\|x`');
  });

  it('lays out a table with right-aligned numeric columns', () => {
    assert.equal(
      formatTable(
        ['name', 'n'],
        [
          ['a', '1'],
          ['', '2'],
        ],
        [false, true],
      ),
      '| name | n |\n| --- | ---: |\n| a | 1 |\n|   | 2 |',
    );
  });
});
