import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LoadGeneratorConfig } from '../../../src/config/types.ts';
import { partArgv, partCommand, partPaths } from '../../../src/distributed/part-argv.ts';
import { planParts } from '../../../src/distributed/plan-parts.ts';
import { parseSegmentSequence } from '../../../src/engine/execution/segment.ts';

function generator(name: string, extra: Partial<LoadGeneratorConfig> = {}): LoadGeneratorConfig {
  return {
    name,
    host: { name: 'local', connection: 'local', presetOverrides: new Map() },
    engine: 'embedded',
    k6: 'k6',
    workdir: '/tmp/gen',
    ...extra,
  };
}

describe('planParts', () => {
  it('gives N parts the segments of one equal sequence, reduced fractions, in order', () => {
    const plans = planParts(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => generator(n)));
    assert.deepEqual(
      plans.map((p) => p.segment),
      ['0:1/6', '1/6:1/3', '1/3:1/2', '1/2:2/3', '2/3:5/6', '5/6:1'],
    );
    assert.ok(plans.every((p) => p.sequence === '0,1/6,1/3,1/2,2/3,5/6,1'));
    // The engine's own parser takes the sequence (k6's syntax).
    assert.equal(parseSegmentSequence(plans[0]?.sequence ?? '').length, 6);
  });

  it('numbers the parts of a generator named twice', () => {
    assert.deepEqual(
      planParts([generator('local'), generator('local'), generator('x')]).map((p) => p.name),
      ['local-1', 'local-2', 'x'],
    );
  });
});

describe('partArgv and partCommand', () => {
  const plan = planParts([generator('g', { engine: 'k6', k6: '/opt/k6' }), generator('h')])[0];
  assert.ok(plan);
  const paths = partPaths('/tmp/gen', 'run-1', 'g');

  it('starts k6 paused behind its API, with its segment, outputs in its folder and every setting as -e', () => {
    const argv = partArgv(
      plan,
      paths,
      { TARGET_URL: 'http://127.0.0.1:8080', MODE: 'vus' },
      '127.0.0.1:6565',
    );
    assert.deepEqual(argv, [
      '/opt/k6',
      'run',
      '--paused',
      '--address',
      '127.0.0.1:6565',
      '--execution-segment',
      '0:1/2',
      '--execution-segment-sequence',
      '0,1/2,1',
      '--summary-export',
      '/tmp/gen/run-1-g/summary.json',
      '--out',
      'json=/tmp/gen/run-1-g/metrics.json',
      '--quiet',
      '-e',
      'TARGET_URL=http://127.0.0.1:8080',
      '-e',
      'MODE=vus',
      '/tmp/gen/run-1-g/bundle.js',
    ]);
  });

  it('keeps a hostile setting one argument through the shell line', async () => {
    const hostile = `x'; touch /tmp/pwned-$(id -u) #"\`$HOME`;
    const argv = partArgv(plan, paths, { MODEL: hostile }, '127.0.0.1:0');
    const command = partCommand(argv, paths);
    assert.equal(command[0], 'sh');
    // The shell gives the program exactly the argv we built: print it instead of running k6.
    const { spawnSync } = await import('node:child_process');
    const line = (command[2] ?? '')
      .replace(/^exec ('?)\/opt\/k6\1 /, `exec printf '%s\\n' `)
      .replace(/ 2>.*$/, '');
    const printed = spawnSync('sh', ['-c', line], { encoding: 'utf8' }).stdout.split('\n').slice(0, -1);
    assert.deepEqual(printed, argv.slice(1));
    assert.ok(printed.includes(`MODEL=${hostile}`));
  });
});
