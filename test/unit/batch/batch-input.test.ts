import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseBatchInput, readBatchInput } from '../../../src/batch/batch-input.ts';
import { projectRoot } from '../../../src/util/paths.ts';

const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({
    custom_id: 'a',
    method: 'POST',
    url: '/v1/chat/completions',
    body: { messages: [] },
    ...fields,
  });

describe('batch input', () => {
  it('reads good lines with their line numbers, skipping blank ones', () => {
    const { requests, problems } = parseBatchInput(`${line({})}\n\n${line({ custom_id: 'b' })}\n`);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      requests.map((r) => [r.customId, r.line, r.url]),
      [
        ['a', 1, '/v1/chat/completions'],
        ['b', 3, '/v1/chat/completions'],
      ],
    );
  });

  it('names every bad line kind with its line', () => {
    const text = [
      line({}),
      '{oops',
      line({ custom_id: undefined }),
      line({}),
      line({ custom_id: 'c', url: '/v1/embeddings' }),
      line({ custom_id: 'd', method: 'GET' }),
      line({ custom_id: 'e', body: undefined }),
      line({ custom_id: 'f', url: '/v1/completions' }),
    ].join('\n');
    const lines = parseBatchInput(text).problems.map((p) => `${p.line}: ${p.message.split(' (')[0]}`);
    assert.deepEqual(lines, [
      '2: not valid JSON',
      '3: custom_id is missing',
      '4: duplicate custom_id "a"',
      '5: unsupported url "/v1/embeddings": supported are /v1/chat/completions, /v1/completions',
      '6: method must be "POST", got "GET"',
      '7: body is missing',
      "8: url /v1/completions differs from the first request's /v1/chat/completions: a batch has one endpoint",
    ]);
  });

  it('refuses a file with any bad line, listing each as file:line', () => {
    const path = join(projectRoot, 'test/fixtures/batch/bad-lines.jsonl');
    assert.throws(
      () => readBatchInput(path),
      (error: Error) => {
        assert.match(error.message, /4 bad lines, nothing was sent/);
        for (const n of [2, 3, 4, 5]) assert.ok(error.message.includes(`${path}:${n}: `), error.message);
        return true;
      },
    );
  });

  it('refuses an empty file', () => {
    assert.deepEqual(parseBatchInput('\n').problems, [{ line: 1, message: 'no request in the file' }]);
  });
});
