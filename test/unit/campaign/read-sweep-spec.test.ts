import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSweepSpec } from '../../../src/campaign/read-sweep-spec.ts';
import { UserError } from '../../../src/util/errors.ts';

const VALID = `server: tiny
base_preset: base
server_factors:
  max_num_seqs: [1, 4]
  threads_gen: [2]
load_factors:
  concurrency: [1, 8]
  max_tokens: [32]
duration: 10s
warmup_requests: 2
repetitions: 2
objective: e2e_p95=5s,errors=1%
`;

/** The error lines of a spec that fails, without the count line. */
function errorsOf(text: string): string[] {
  try {
    parseSweepSpec(text, 'sweeps/bad.yaml');
  } catch (error) {
    assert.ok(error instanceof UserError, String(error));
    assert.equal(error.exitCode, 2);
    return error.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
  }
  assert.fail('the spec was accepted');
}

describe('parseSweepSpec', () => {
  it('reads factors, aliases as their preset keys, load, duration and objective', () => {
    const spec = parseSweepSpec(VALID, 'config/sweeps/quick.yaml');
    assert.equal(spec.name, 'quick');
    assert.equal(spec.server, 'tiny');
    assert.equal(spec.basePreset, 'base');
    assert.deepEqual(
      spec.serverFactors.map((f) => [f.name, f.presetKey, f.levels.map((l) => l.value)]),
      [
        ['max_num_seqs', 'parallel_slots', [1, 4]],
        ['threads_gen', 'threads_gen', [2]],
      ],
    );
    assert.deepEqual(spec.serverFactors[0]?.levels[1]?.preset, { parallelSlots: 4 });
    assert.deepEqual(spec.loadFactors, [
      { name: 'concurrency', values: [1, 8] },
      { name: 'max_tokens', values: [32] },
    ]);
    assert.equal(spec.durationSeconds, 10);
    assert.equal(spec.repetitions, 2);
    assert.equal(spec.warmupRequests, 2);
    assert.equal(spec.objective, 'e2e_p95=5s,errors=1%');
  });

  it('names file, line, column and key for each schema error, all at once', () => {
    const errors = errorsOf(`server: tiny
server_factors:
  paralel_slots: [1, 2]
  threads_gen: [2, 0]
load_factors:
  concurrency: [1, two]
duration: soon
objective: e2e_p95=fast
colour: blue
`);
    assert.deepEqual(
      errors.map((e) => /^(\S+:\d+:\d+): ([\w.[\]]+):/.exec(e)?.slice(1, 3)),
      [
        ['sweeps/bad.yaml:3:3', 'server_factors.paralel_slots'],
        ['sweeps/bad.yaml:4:20', 'server_factors.threads_gen[1]'],
        ['sweeps/bad.yaml:6:20', 'load_factors.concurrency[1]'],
        ['sweeps/bad.yaml:7:11', 'duration'],
        ['sweeps/bad.yaml:8:12', 'objective'],
        ['sweeps/bad.yaml:9:1', 'colour'],
      ],
    );
    assert.match(errors.join('\n'), /paralel_slots: not a preset key \(did you mean 'parallel_slots'\?\)/);
    assert.match(errors.join('\n'), /threads_gen\[1\]: expected an integer from 1 to 1024, got 0/);
    assert.match(
      errors.join('\n'),
      /concurrency\[1\]: expected a whole number of users from 1 to 100000, got "two"/,
    );
    assert.match(errors.join('\n'), /objective: e2e_p95 expects a duration such as 8s or 500ms, got 'fast'/);
  });

  it('wants concurrency or rate, not both, and requests only with rate', () => {
    assert.match(
      errorsOf('load_factors:\n  concurrency: [1]\n  rate: [2]\nduration: 5s\n').join('\n'),
      /load_factors: give concurrency or rate, not both/,
    );
    assert.match(
      errorsOf('load_factors:\n  max_tokens: [8]\nduration: 5s\n').join('\n'),
      /missing concurrency or rate/,
    );
    assert.match(
      errorsOf('load_factors:\n  concurrency: [2]\nrequests: 100\n').join('\n'),
      /:3:\d+: requests: needs rate load factors/,
    );
    assert.match(errorsOf('load_factors:\n  concurrency: [2]\n').join('\n'), /duration: missing/);
    const byCount = parseSweepSpec('load_factors:\n  rate: [2, 4]\nrequests: 40\n', 'r.yaml');
    assert.equal(byCount.requests, 40);
  });

  it("refuses Ollama's native API with streaming at the api key, and takes it unstreamed", () => {
    assert.match(
      errorsOf(`${VALID}api: ollama\n`).join('\n'),
      /:13:1: api: ollama streams NDJSON, which k6\/x\/sse cannot read: use api: openai/,
    );
    const unstreamed = parseSweepSpec(`${VALID}api: ollama\nstream: false\n`, 'o.yaml');
    assert.deepEqual([unstreamed.api, unstreamed.stream], ['ollama', false]);
  });

  it('passes proxy settings through as the preset keys deploy knows them by', () => {
    const spec = parseSweepSpec(
      `${VALID}proxy:\n  balance: least_conn\n  keepalive: 16\n  instance_base_port: 9100\n`,
      'p.yaml',
    );
    assert.deepEqual(spec.fixedPreset, {
      proxyBalance: 'least_conn',
      proxyKeepalive: 16,
      instanceBasePort: 9100,
    });
    assert.match(
      errorsOf(`${VALID}proxy:\n  balance: random\n`).join('\n'),
      /:\d+:\d+: proxy\.balance: expected one of round_robin, least_conn/,
    );
    assert.match(
      errorsOf(`${VALID}proxy:\n  colour: red\n`).join('\n'),
      /proxy\.colour: no preset key for this proxy setting/,
    );
  });

  it('keeps hostile text literal where a value may hold it, and refuses it where it may not', () => {
    const hostile = `x'; rm -rf / $(touch pwned) \`id\``;
    const spec = parseSweepSpec(
      `server_factors:\n  extra_args: [[--alias, ${JSON.stringify(hostile)}]]\nload_factors:\n  concurrency: [1]\nduration: 5s\n`,
      'h.yaml',
    );
    const extra = spec.serverFactors.find((f) => f.name === 'extra_args');
    assert.deepEqual(extra?.levels[0]?.preset, { extraArgs: ['--alias', hostile] });
    assert.match(
      errorsOf(
        'server_factors:\n  cpuset: ["0-1; rm -rf /"]\nload_factors:\n  concurrency: [1]\nduration: 5s\n',
      ).join('\n'),
      /^sweeps\/bad\.yaml:2:\d+: server_factors\.cpuset\[0\]: expected a CPU list/,
    );
  });

  it('reports YAML syntax errors with their line', () => {
    assert.match(errorsOf('load_factors: [\n').join('\n'), /^sweeps\/bad\.yaml:\d+:\d+: YAML syntax error/);
  });
});
