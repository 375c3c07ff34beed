// The leak detector on RSS series and on GPU samples recorded with nvidia-smi on a real H200.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseNvidiaSmiCsvLine } from '../../../src/diagnose/gpu/nvidia-smi.ts';
import { judgeMemoryTrend, type MemoryReading } from '../../../src/diagnose/soak/judge-memory-trend.ts';
import { DEFAULT_SOAK_THRESHOLDS } from '../../../src/diagnose/soak/soak-thresholds.ts';
import { projectRoot } from '../../../src/util/paths.ts';

const MB = 1024 ** 2;
const H200 = readFileSync(join(projectRoot, 'test/fixtures/gpu/nvidia-smi-h200-idle.csv'), 'utf8')
  .trim()
  .split('\n');

// The recording's lines as readings, one every `every` seconds; `rewrite` edits memory.used (MiB, field 6).
function gpuReadings(every: number, rewrite?: (i: number, mib: number) => number): MemoryReading[] {
  return H200.map((line, i) => {
    const fields = line.split(', ');
    if (rewrite) fields[5] = String(rewrite(i, Number(fields[5])));
    const sample = parseNvidiaSmiCsvLine(fields.join(', '));
    assert.ok(sample?.vramUsedBytes !== undefined, `line ${i + 1} of the H200 recording has memory.used`);
    return { t: i * every, bytes: sample.vramUsedBytes };
  });
}

describe('memory trend', () => {
  it('calls a noisy but level RSS flat, with its numbers and limits', () => {
    const readings = Array.from({ length: 60 }, (_, i) => ({ t: i, bytes: (500 + (i % 3) * 4) * MB }));
    const v = judgeMemoryTrend('server RSS', readings, DEFAULT_SOAK_THRESHOLDS);
    assert.equal(v.verdict, 'flat', v.reason);
    assert.equal(v.samples, 60);
    assert.ok(Math.abs(v.slopeMbPerMin ?? 99) < 1, v.reason);
    assert.match(v.reason, /a leak is >= 2 MB\/min and >= 128 MB/);
  });

  it('needs both a steep slope and real growth: a short steep rise is not yet a leak', () => {
    const steep = Array.from({ length: 10 }, (_, i) => ({ t: i, bytes: (500 + i) * MB }));
    const v = judgeMemoryTrend('server RSS', steep, DEFAULT_SOAK_THRESHOLDS);
    assert.equal(v.verdict, 'flat', 'a 9 MB rise stays under the 128 MB growth limit');
    assert.equal(v.slopeMbPerMin, 60);
    const long = Array.from({ length: 200 }, (_, i) => ({ t: i, bytes: (500 + i) * MB }));
    assert.equal(judgeMemoryTrend('server RSS', long, DEFAULT_SOAK_THRESHOLDS).verdict, 'leak');
  });

  it('does not judge two readings', () => {
    const v = judgeMemoryTrend(
      'x',
      [
        { t: 0, bytes: 1 },
        { t: 9, bytes: 1e12 },
      ],
      DEFAULT_SOAK_THRESHOLDS,
    );
    assert.equal(v.verdict, 'not judged');
  });

  it('reads the H200 recording as flat GPU memory, and as a leak once memory.used climbs line by line', () => {
    const flat = judgeMemoryTrend('GPU memory', gpuReadings(60), DEFAULT_SOAK_THRESHOLDS);
    assert.equal(flat.verdict, 'flat', flat.reason);
    assert.equal(flat.growthMb, 0);
    // The same lines with 100 MiB more on each, a minute apart: 100 MB/min, 500 MB in all.
    const leak = judgeMemoryTrend(
      'GPU memory',
      gpuReadings(60, (i, mib) => mib + 100 * i),
      DEFAULT_SOAK_THRESHOLDS,
    );
    assert.equal(leak.verdict, 'leak', leak.reason);
    assert.equal(leak.slopeMbPerMin, 100);
    assert.equal(leak.growthMb, 500);
  });
});
