import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describePartialMerge } from '../../../src/distributed/partial-reason.ts';
import type { PartInfo } from '../../../src/distributed/types.ts';

function part(name: string, samples: number, failed?: string): PartInfo {
  return {
    name,
    generator: name,
    host: `${name}.lan`,
    engine: 'embedded',
    segment: '0:1',
    samples,
    ...(failed ? { failed } : {}),
  };
}

test('a failed part that wrote samples is said to be in the merge, with its count', () => {
  const reason = describePartialMerge(
    [part('a', 900), part('b', 412, 'exited 137'), part('c', 880)],
    (info) => ` on ${info.host}`,
  );
  assert.equal(
    reason,
    'part b on b.lan exited 137; the run is partial: merged from the 2 of 3 parts that finished, with the 412 samples part b wrote before it failed',
  );
});

test('a failed part with no samples is said to add nothing; several failures are each named', () => {
  const reason = describePartialMerge([
    part('a', 0, 'left no raw samples'),
    part('b', 10, 'its raw samples are cut or damaged'),
    part('c', 5),
  ]);
  assert.match(reason, /^part a left no raw samples; part b its raw samples are cut or damaged; /);
  assert.match(
    reason,
    /merged from the 1 of 3 parts that finished, with nothing from part a and the 10 samples part b wrote before it failed$/,
  );
});
