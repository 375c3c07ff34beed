// nvidia-smi as it really printed on an NVIDIA H200 (driver 580.159.04), idle and under a bf16 matmul load,
// and inferload's own sampler program run there with its GPU reader: the formats the parsers were written for.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNvidiaSmiCsvLine, parseNvidiaSmiDmon } from '../../../../src/diagnose/gpu/nvidia-smi.ts';
import { HostFrameReader } from '../../../../src/diagnose/host/host-frame.ts';
import { parseDiscovery } from '../../../../src/diagnose/host/discover-host.ts';
import { gpuSource } from '../../../../src/diagnose/host/gpu-source.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures');
const read = (...path: string[]): string => readFileSync(join(fixtures, ...path), 'utf8');
const MIB = 1024 * 1024;

describe('nvidia-smi on a real H200', () => {
  it('parses the idle query loop: 143771 MiB, idle clocks, only the GpuIdle reason', () => {
    const samples = read('gpu', 'nvidia-smi-h200-idle.csv')
      .split('\n')
      .map(parseNvidiaSmiCsvLine)
      .filter((s) => s !== undefined);
    assert.equal(samples.length, 6);
    const first = samples[0];
    assert.equal(first?.name, 'NVIDIA H200');
    assert.equal(first?.vramTotalBytes, 143771 * MIB);
    assert.equal(first?.utilPercent, 0);
    assert.equal(first?.smClockMHz, 345);
    assert.deepEqual(first?.throttle, { thermal: false, power: false, reasons: ['gpu_idle'] });
  });

  it('reads dmon as it prints on this driver, with and without -o DT', () => {
    const plain = parseNvidiaSmiDmon(read('gpu', 'nvidia-smi-h200-dmon.txt'));
    assert.equal(plain.length, 2);
    assert.deepEqual([plain[0]?.powerWatts, plain[0]?.temperatureC, plain[0]?.smClockMHz], [212, 43, 1980]);
    const dated = parseNvidiaSmiDmon(read('gpu', 'nvidia-smi-h200-dmon-dt.txt'));
    assert.equal(dated.length, 4);
    assert.deepEqual([dated[3]?.memClockMHz, dated[3]?.vramUsedBytes], [3201, 1 * MIB]);
  });

  it("runs inferload's sampler there: frames, files and the busy GPU (98%, 507 W, power cap) come through", () => {
    const discovery = parseDiscovery(read('diagnose', 'discovery-h200.txt'));
    assert.deepEqual([...discovery.tools], ['nvidia-smi']);
    const source = gpuSource('nvidia-smi', discovery, 1000);
    const reader = new HostFrameReader(['/proc/loadavg', '/proc/meminfo']);
    const frames = reader.push(read('diagnose', 'sampler-h200-busy.txt'));
    assert.equal(frames.length, 4);
    assert.ok(frames.every((f) => (f.files.get('/proc/meminfo')?.length ?? 0) > 10));
    const gpus = frames.map((f) => source.read(f.gpu, f.files));
    const busy = gpus.at(-1)?.[0];
    assert.equal(busy?.utilPercent, 98);
    assert.equal(busy?.powerWatts, 507.27);
    assert.equal(busy?.vramUsedBytes, 1139 * MIB);
    assert.deepEqual(busy?.throttle, { thermal: false, power: true, reasons: ['sw_power_cap'] });
    assert.equal(gpus.find((g) => g.length > 0)?.[0]?.utilPercent, 0, 'idle before the load');
  });
});
