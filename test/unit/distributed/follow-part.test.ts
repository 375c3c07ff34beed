// followPart on this machine's session: the real tail -F behind it, a file written while followed.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

function partIn(dir: string) {
  return {
    session: createLocalSession(),
    paths: { dir, bundle: '', summary: '', metrics: join(dir, 'metrics.json'), stderr: '' },
    offset: { offsetMs: 250, uncertaintyMs: 1 },
  };
}

describe('followPart', () => {
  // A follower a failed assertion left running would keep the test process alive: each is finished after.
  const started: ReturnType<typeof followPart>[] = [];
  const follow = (...args: Parameters<typeof followPart>): ReturnType<typeof followPart> => {
    const follower = followPart(...args);
    started.push(follower);
    return follower;
  };
  afterEach(async () => {
    for (const follower of started.splice(0)) await follower.finish(undefined, 0);
  });

  it('copies the file byte for byte as it is written and hands on the wanted samples on our clock', async () => {
    const work = mkdtempSync(join(tmpdir(), 'inferload-follow-'));
    const dir = join(work, 'part');
    mkdirSync(dir);
    const part = partIn(dir);
    const copy = join(work, 'copy.json');
    const points: MetricPoint[] = [];
    const follower = follow(part, copy, ['llm_e2e', 'vus'], (point) => points.push(point));
    // Written after the follower started (tail -F waits for the file), a line cut across two writes, UTF-8.
    await sleep(300);
    const written = [
      '{"type":"Metric","metric":"llm_e2e","data":{"type":"trend","name":"é"}}\n',
      pointLine('llm_e2e', '2026-12-06T10:00:01.500Z', 812),
    ];
    const cut = pointLine('vus', '2026-12-06T10:00:02Z', 4);
    written.push(cut.slice(0, 20), cut.slice(20) + pointLine('http_reqs', '2026-12-06T10:00:01.900Z', 1));
    for (const text of written) {
      appendFileSync(part.paths.metrics, text);
      await sleep(50);
    }
    await waitFor(() => points.length >= 2);
    assert.deepEqual(
      points.map((p) => [p.metric, p.time, p.value]),
      [
        ['llm_e2e', Date.parse('2026-12-06T10:00:01.500Z') - 250, 812],
        ['vus', Date.parse('2026-12-06T10:00:02Z') - 250, 4],
      ],
      'Metric lines and unwanted metrics are left out; times move by the offset',
    );
    const size = readFileSync(part.paths.metrics).length;
    assert.equal(await follower.finish(size, 5000), size);
    assert.ok(readFileSync(copy).equals(readFileSync(part.paths.metrics)), 'the copy is the file');
    rmSync(work, { recursive: true });
  });

  it('ends by itself once the part folder is removed, having copied what was written', async () => {
    const work = mkdtempSync(join(tmpdir(), 'inferload-follow-'));
    const dir = join(work, 'part');
    mkdirSync(dir);
    const part = partIn(dir);
    const follower = follow(part, join(work, 'copy.json'), undefined);
    appendFileSync(part.paths.metrics, pointLine('vus', '2026-12-06T10:00:02Z', 4));
    await waitFor(() => follower.bytes() > 0);
    rmSync(dir, { recursive: true });
    const ended = await Promise.race([follower.done.then(() => true), sleep(5000).then(() => false)]);
    assert.ok(ended, 'the follower ended within 5 s of its folder going');
    await follower.finish(undefined, 0);
    assert.equal(readFileSync(join(work, 'copy.json'), 'utf8'), pointLine('vus', '2026-12-06T10:00:02Z', 4));
    rmSync(work, { recursive: true });
  });
});
