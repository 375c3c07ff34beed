import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioProgress } from '../../../../src/engine/execution/runtime-types.ts';
import { formatProgressLine } from '../../../../src/engine/run/progress-line.ts';
import { RunObserver } from '../../../../src/engine/run/run-observer.ts';

const scenario: ScenarioProgress = {
  scenario: 'chat',
  executor: 'constant-vus',
  status: 'running',
  elapsedMs: 30_000,
  durationMs: 60_000,
  fraction: 0.5,
  activeVus: 4,
  busyVus: 4,
  maxVus: 8,
  iterations: 12,
  interrupted: 1,
  dropped: 0,
};

describe('formatProgressLine', () => {
  it('shows the recent request and token rates and the error share', () => {
    const line = formatProgressLine([scenario], {
      elapsedMs: 65_500,
      requests: 200,
      failedRequests: 10,
      recentRequests: 20,
      outputTokens: 5000,
      recentOutputTokens: 640,
      recentWindowMs: 4000,
    });
    assert.match(line, /^running \(1m05\.5s\), 4\/8 VUs, 11 complete and 1 interrupted iterations/);
    assert.match(line, /, 5\.0 req\/s, 160\.0 tok\/s, errors 5\.0%/);
    assert.match(line, /chat \[=========> {10}\] 50%/);
  });

  it('leaves the token rate out where no profile counts tokens', () => {
    const line = formatProgressLine([scenario], {
      elapsedMs: 1000,
      requests: 3,
      failedRequests: 0,
      recentRequests: 3,
      outputTokens: 0,
      recentOutputTokens: 0,
      recentWindowMs: 1000,
    });
    assert.doesNotMatch(line, /tok\/s/);
    assert.match(line, /3\.0 req\/s, errors 0\.0%/);
  });
});

describe('RunObserver counters', () => {
  it('counts requests, failures and output tokens from the sample stream', () => {
    const observer = new RunObserver(
      () => undefined,
      {},
      () => undefined,
    );
    const sample = (metric: string, value: number): void =>
      observer.sample({ metric, time: Date.now(), value, tags: {} });
    sample('http_reqs', 1);
    sample('http_reqs', 1);
    sample('http_req_failed', 0);
    sample('http_req_failed', 1);
    sample('llm_output_tokens_total', 64);
    sample('llm_output_tokens_total', 32);
    sample('llm_output_tokens', 999); // the per-request Trend is not the counter
    const counters = observer.counters(2000);
    assert.equal(counters.requests, 2);
    assert.equal(counters.failedRequests, 1);
    assert.equal(counters.outputTokens, 96);
    assert.equal(counters.recentOutputTokens, 96);
  });
});
