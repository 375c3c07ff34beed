import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkThreadsAgainstCores,
  physicalCoresIn,
  readCpuTopology,
  type CpuTopology,
} from '../../../src/config/cpu-topology.ts';

/** A fake /sys/devices/system/cpu: 8 cores with 2 threads each, siblings N and N+8 (the usual x86 layout). */
async function writeFakeSysfs(root: string): Promise<void> {
  await writeFile(join(root, 'online'), '0-15\n');
  for (let cpu = 0; cpu < 16; cpu++) {
    const dir = join(root, `cpu${cpu}`, 'topology');
    await mkdir(dir, { recursive: true });
    const core = cpu % 8;
    await writeFile(join(dir, 'thread_siblings_list'), `${core},${core + 8}\n`);
  }
}

describe('cpu topology', () => {
  let root = '';
  let topology: CpuTopology;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'inferload-sysfs-'));
    await writeFakeSysfs(root);
    topology = await readCpuTopology(root);
  });
  after(async () => rm(root, { recursive: true, force: true }));

  it('reads online CPUs and their siblings', () => {
    assert.deepEqual(topology.online, [...Array(16).keys()]);
    assert.deepEqual(topology.siblings.get(9), [1, 9]);
  });

  it('counts physical cores inside a cpuset', () => {
    assert.deepEqual(physicalCoresIn('0-7', topology), { logicalCpus: 8, physicalCores: 8, missingCpus: [] });
    assert.deepEqual(physicalCoresIn('0-3,8-11', topology), {
      logicalCpus: 8,
      physicalCores: 4,
      missingCpus: [],
    });
    assert.deepEqual(physicalCoresIn(undefined, topology), {
      logicalCpus: 16,
      physicalCores: 8,
      missingCpus: [],
    });
    assert.deepEqual(physicalCoresIn([0, 8, 40], topology), {
      logicalCpus: 2,
      physicalCores: 1,
      missingCpus: [40],
    });
  });

  it('warns when threads exceed the physical cores of the cpuset', () => {
    const warnings = checkThreadsAgainstCores(
      { threadsGen: 8, threadsBatch: 8, cpuset: '0-3,8-11' },
      topology,
    );
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(
      warnings[0] ?? '',
      /threads_gen 8 exceeds the 4 physical cores of cpuset 0-3,8-11 \(8 logical CPUs\)/,
    );
    assert.deepEqual(
      checkThreadsAgainstCores({ threadsGen: 4, threadsBatch: 8, cpuset: '0-3,8-11' }, topology),
      [],
    );
  });

  it('warns about CPUs the machine does not have', () => {
    const warnings = checkThreadsAgainstCores(
      { threadsGen: 1, threadsBatch: 1, cpuset: '0,30-31' },
      topology,
    );
    assert.ok(
      warnings.some((w) => w.includes('30-31 are offline or absent')),
      warnings.join('\n'),
    );
  });

  it('counts a CPU without topology as its own core', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'inferload-sysfs-'));
    try {
      await writeFile(join(bare, 'online'), '0-1');
      const t = await readCpuTopology(bare);
      assert.equal(physicalCoresIn(undefined, t).physicalCores, 2);
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});

describe('checkThreadsAgainstCores without a cpuset', () => {
  it('checks against every online CPU and leaves cpuset overflows to resolvePreset', () => {
    const topology: CpuTopology = {
      online: [0, 1, 2, 3],
      siblings: new Map([
        [0, [0, 2]],
        [1, [1, 3]],
        [2, [0, 2]],
        [3, [1, 3]],
      ]),
    };
    const free = checkThreadsAgainstCores({ threadsGen: 3, threadsBatch: 5 }, topology);
    assert.equal(free.length, 2, free.join('\n'));
    assert.match(free[0] ?? '', /2 physical cores of this machine/);
    assert.deepEqual(
      checkThreadsAgainstCores({ threadsGen: 9, threadsBatch: 9, cpuset: '0-3' }, topology),
      [],
    );
  });
});
