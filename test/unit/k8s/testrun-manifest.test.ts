import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkStructuralSchema } from '../../../src/k8s/structural-schema.ts';
import { TESTRUN_SCHEMA } from '../../../src/k8s/testrun-crd-schema.ts';
import {
  buildManifests,
  escapeEnvValue,
  operatorSegment,
  partNames,
} from '../../../src/k8s/testrun-manifest.ts';

function manifests(settings: Record<string, string> = { TARGET_URL: 'http://llama:8080' }) {
  return buildManifests({
    name: 'run',
    profile: 'heavy',
    parallelism: 4,
    files: [{ key: 'heavy.js', text: 'export default function () {}\n' }],
    bundleSha256: '0'.repeat(64),
    settings,
    stream: true,
    image: 'k6:sse',
    separate: true,
    claim: { name: 'run-results', create: { size: '1Gi' } },
    readerImage: 'busybox',
  });
}

describe('TestRun manifest', () => {
  it('passes the CRD schema; each runner writes its own files on the claim', () => {
    const { testRun, claim } = manifests();
    assert.deepEqual(checkStructuralSchema(testRun, TESTRUN_SCHEMA), []);
    const env = (testRun['spec'] as { runner: { env: { name: string; value?: string }[] } }).runner.env;
    assert.equal(env.find((v) => v.name === 'K6_OUT')?.value, 'json=/results/$(INFERLOAD_PART).json');
    assert.ok(claim, 'a claim is written when none is given');
  });

  it('the schema rejects what the operator would: a typo, a wrong type, a missing field, an unknown cleanup', () => {
    const { testRun } = manifests();
    const spec = testRun['spec'] as Record<string, unknown>;
    const broken = (change: Record<string, unknown>, drop?: string): string[] => {
      const copy = Object.fromEntries(Object.entries({ ...spec, ...change }).filter(([key]) => key !== drop));
      return checkStructuralSchema({ ...testRun, spec: copy }, TESTRUN_SCHEMA);
    };
    assert.deepEqual(broken({ paralelism: 4 }), ['spec.paralelism: unknown field']);
    assert.deepEqual(broken({ parallelism: '4' }), ['spec.parallelism: expected integer, got string "4"']);
    assert.deepEqual(broken({}, 'script'), ['spec.script: required, missing']);
    assert.match(broken({ cleanup: 'always' })[0] ?? '', /spec\.cleanup: expected one of "post"/);
    assert.match(broken({ parallelism: 2 ** 31 })[0] ?? '', /outside int32/);
    const named = checkStructuralSchema({ ...testRun, metadata: { name: 'Bad_Name' } }, TESTRUN_SCHEMA);
    assert.match(named[0] ?? '', /metadata\.name: "Bad_Name" does not match/);
  });

  it('escapes $ so the kubelet expands nothing in a value', () => {
    assert.equal(escapeEnvValue('a$(B)$$c$'), 'a$$(B)$$$$c$$');
  });

  it('names parts and segments as the operator does: 1-based, unreduced fractions', () => {
    assert.deepEqual(partNames('run', 3), ['run-1', 'run-2', 'run-3']);
    assert.deepEqual(
      [1, 2, 3, 4].map((i) => operatorSegment(i, 4)),
      ['0:1/4', '1/4:2/4', '2/4:3/4', '3/4:1'],
    );
  });
});
