import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderTerminalSummary } from '../../../src/report/terminal-summary.ts';
import type { LlmRunSummary } from '../../../src/results/llm-summary.ts';

const SUMMARY: LlmRunSummary = {
  durationSeconds: 10,
  requests: 20,
  failed: 6,
  requestsPerSecond: 2,
  latency: [],
  thresholds: [],
  missingUsage: 0,
};

describe('renderTerminalSummary', () => {
  it('prints the counts by kind, then the first message of each kind on its own line', () => {
    const text = renderTerminalSummary(
      SUMMARY,
      { disconnect: 1, timeout: 5 },
      {
        timeout: ['Post "http://127.0.0.1:8080/v1/chat/completions": context deadline exceeded', 'second'],
        disconnect: ['unexpected\nEOF'],
      },
    );
    const lines = text.split('\n');
    const at = lines.indexOf('errors     timeout 5, disconnect 1');
    assert.ok(at >= 0, text);
    assert.deepEqual(lines.slice(at + 1, at + 3), [
      '  timeout     Post "http://127.0.0.1:8080/v1/chat/completions": context deadline exceeded',
      '  disconnect  unexpected EOF',
    ]);
    assert.ok(!text.includes('second'), 'only the first message of a kind');
  });

  it('bounds a long message and prints none for a kind without one', () => {
    const text = renderTerminalSummary(
      SUMMARY,
      { http_503: 2, malformed: 4 },
      { malformed: ['x'.repeat(500)] },
    );
    const line = text.split('\n').find((l) => l.startsWith('  malformed'));
    assert.ok(line !== undefined && line.length < 200 && line.endsWith('…'), line);
    assert.ok(!text.split('\n').some((l) => l.startsWith('  http_503')), text);
  });

  it('prints the counts alone when no messages are given, as before', () => {
    const text = renderTerminalSummary(SUMMARY, { timeout: 5 });
    assert.ok(text.includes('errors     timeout 5'));
    assert.ok(!text.split('\n').some((l) => l.startsWith('  timeout')));
  });
});
