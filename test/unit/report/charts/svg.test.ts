import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  escapeXml,
  formatCoord,
  renderAttrs,
  svgEl,
  svgText,
  svgTitle,
  toSafeId,
} from '../../../../src/report/charts/svg.ts';
import { assertWellFormed } from './svg-query.ts';
import { HOSTILE_NAMES } from './hostile-names.ts';

describe('svg helpers', () => {
  it('escapes markup, both quotes and ampersands, and drops control characters', () => {
    assert.equal(
      escapeXml(`<script>"x" & 'y'</script>`),
      '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;',
    );
    assert.equal(escapeXml('&amp;'), '&amp;amp;');
    assert.equal(escapeXml('a\u0000b\u0008c\td\ne'), 'abc\td\ne');
  });

  it('escapes attribute values and text, leaving out undefined and false attributes', () => {
    assert.equal(
      renderAttrs({ 'data-series': '"><x', width: 1.234567, hidden: false, missing: undefined, open: true }),
      ' data-series="&quot;&gt;&lt;x" width="1.23" open=""',
    );
    for (const name of HOSTILE_NAMES) {
      const markup = svgEl('g', { 'data-series': name }, svgTitle(name), svgText({ x: 1 }, name));
      assertWellFormed(markup);
      assert.doesNotMatch(markup, /<(script|img|b)\b/);
    }
  });

  it('self-closes empty elements', () => {
    assert.equal(svgEl('rect', { x: 0 }), '<rect x="0"/>');
    assert.equal(svgEl('g', {}, '<rect/>'), '<g><rect/></g>');
  });

  it('rounds coordinates and never prints NaN', () => {
    assert.equal(formatCoord(1.006), '1.01');
    assert.equal(formatCoord(1.234), '1.23');
    assert.equal(formatCoord(-0.001), '0');
    assert.equal(formatCoord(Number.NaN), '0');
    assert.equal(formatCoord(120), '120');
  });

  it('makes distinct fragment-safe ids', () => {
    const a = toSafeId('a b');
    const b = toSafeId('a_b');
    assert.match(a, /^[A-Za-z][\w-]*$/);
    assert.notEqual(a, b);
    assert.match(toSafeId('<script>'), /^[A-Za-z][\w-]*$/);
  });
});
