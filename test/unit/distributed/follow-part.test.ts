// followPart on this machine's session: the real tail -F and grep behind it, a file written while followed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followPart } from '../../../src/distributed/follow-part.ts';
import type { MetricPoint } from '../../../src/results/read-metric-points.ts';
import { createLocalSession } from '../../../src/remote/local-session.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function pointLine(metric: string, iso: string, value: number): string {
  return `${JSON.stringify({ type: 'Point', metric, data: { time: iso, value, tags: { scenario: 's' } } })}\n`;
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await sleep(50);
}

describe('followPart', () => {
  it('streams the wanted Point lines as they are written, on our clock, and ends once the folder is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-follow-'));
    const metrics = join(dir, 'metrics.json');
    const points: MetricPoint[] = [];
    const follower = followPart(
      {
        session: createLocalSession(),
        paths: { dir, bundle: '', summary: '', metrics, stderr: '' },
        offset: { offsetMs: 250, uncertaintyMs: 1 },
      },
      ['llm_e2e', 'vus'],
      (point) => points.push(point),
    );
    // Written after the follower started (tail -F waits for the file), a line cut across two writes.
    await sleep(300);
    appendFileSync(
      metrics,
      `{"type":"Metric","metric":"llm_e2e","data":{"type":"trend"}}\n${pointLine('llm_e2e', '2026-12-06T10:00:01.500Z', 812)}`,
    );
    const cut = pointLine('vus', '2026-12-06T10:00:02Z', 4);
    appendFileSync(metrics, cut.slice(0, 20));
    appendFileSync(
      metrics,
      pointLine('http_reqs', '2026-12-06T10:00:01.900Z', 1).replace(/^/, cut.slice(20)),
    );
    await waitFor(() => points.length >= 2);
    assert.deepEqual(
      points.map((p) => [p.metric, p.time, p.value]),
      [
        ['llm_e2e', Date.parse('2026-12-06T10:00:01.500Z') - 250, 812],
        ['vus', Date.parse('2026-12-06T10:00:02Z') - 250, 4],
      ],
      'Metric lines and unwanted metrics are left out; times move by the offset',
    );
    rmSync(dir, { recursive: true });
    const exit = await Promise.race([follower.done, sleep(5000).then(() => undefined)]);
    assert.ok(exit !== undefined, 'the follower ended by itself once the folder was removed');
    assert.ok(!existsSync(dir));
  });
});
