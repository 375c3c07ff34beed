// A cpuset on host local is checked against this machine's CPUs; on an SSH host only its syntax and bound.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatIssue, formatKeyAt } from '../../../src/config/issues.ts';
import { presetValueSource } from '../../../src/config/preset-source.ts';
import { validateConfigText } from '../../../src/config/schema.ts';
import { configText, FILE, lineOf } from './config-text.ts';

const TWO_CPUS = { localCpus: [0, 1] };
const LOCAL_PROCESS = '  s:\n    host: local\n    kind: llama.cpp\n    runtime: process\n    model: /m.gguf';
const REMOTE_PODMAN =
  '  r:\n    host: box\n    kind: llama.cpp\n    runtime: podman\n    image: localhost/llama:x\n    model: /m.gguf';
const preset = (extra: string): string =>
  `  base:\n    parallel_slots: 2\n    threads_gen: 1\n    ctx_per_slot: 1024\n${extra}`;
const missing =
  'cpuset 0-999 names CPUs 2-999, which host local does not have (its online CPUs: 0-1); ' +
  'expected CPUs this machine has, as servers on host local run here';

describe('config check: a cpuset against the CPUs of host local', () => {
  it("refuses CPUs this machine lacks, at the cpuset's line", () => {
    const text = configText({ servers: LOCAL_PROCESS, presets: preset("    cpuset: '0-999'") });
    const result = validateConfigText(text, FILE, TWO_CPUS);
    assert.deepEqual(result.errors.map(formatIssue), [
      `${FILE}:${lineOf(text, "'0-999'")}:13: presets.base.cpuset: ${missing}`,
    ]);
  });

  it('reports a shared cpuset once, and points at the host override that set it', () => {
    const presets = `${preset("    cpuset: '0-999'")}\n  child:\n    extends: base\n  grandchild:\n    extends: child`;
    const once = validateConfigText(configText({ servers: LOCAL_PROCESS, presets }), FILE, TWO_CPUS);
    assert.equal(once.errors.length, 1);

    const hosts = "  local:\n    preset_overrides:\n      all:\n        cpuset: '2'";
    const text = configText({ hosts, servers: LOCAL_PROCESS, presets: preset("    cpuset: '1'") });
    const result = validateConfigText(text, FILE, TWO_CPUS);
    assert.deepEqual(result.errors.map(formatIssue), [
      `${FILE}:${lineOf(text, "'2'")}:17: hosts.local.preset_overrides.all.cpuset: cpuset 2 names CPU 2, ` +
        'which host local does not have (its online CPUs: 0-1); expected CPUs this machine has, as servers on host local run here',
    ]);
  });

  it('accepts CPUs this machine has, and leaves external servers and SSH hosts to deploy', () => {
    const ok = configText({ servers: LOCAL_PROCESS, presets: preset("    cpuset: '1'") });
    assert.deepEqual(validateConfigText(ok, FILE, TWO_CPUS).errors, []);
    const external =
      '  e:\n    host: local\n    kind: openai\n    runtime: external\n    port: 9000\n    model: m';
    for (const servers of [external, REMOTE_PODMAN]) {
      const text = configText({ servers, presets: preset("    cpuset: '0-999'") });
      assert.deepEqual(validateConfigText(text, FILE, TWO_CPUS).errors, [], servers);
    }
  });

  it('still bounds an SSH host cpuset and checks its syntax', () => {
    const text = configText({ servers: REMOTE_PODMAN, presets: preset("    cpuset: '0-9000'") });
    assert.deepEqual(validateConfigText(text, FILE, TWO_CPUS).errors.map(formatIssue), [
      `${FILE}:${lineOf(text, "'0-9000'")}:13: presets.base.cpuset: expected a CPU list like "0-15" or "0-3,8,10-11", ` +
        'got "0-9000": CPU 9000 is above 8191',
    ]);
  });

  it('refuses hostile cpusets with file:line, key and what is wrong, on one line', () => {
    const rule = 'is not a CPU number or a range like 0-3';
    const long = `${'1,'.repeat(300)}x`;
    const cases: [string, string, string][] = [
      ['$(touch /tmp/x)', '"$(touch /tmp/x)"', `'$(touch /tmp/x)' ${rule}`],
      ['0`touch /tmp/x`', '"0`touch /tmp/x`"', `'0\`touch /tmp/x\`' ${rule}`],
      ['0;1', '"0;1"', `'0;1' ${rule}`],
      ['0\n1', '"0\\n1"', `'0\\n1' ${rule}`],
      ['"0"', '"\\"0\\""', `'\\"0\\"' ${rule}`],
      [long, `"${'1,'.repeat(60)}"... (601 characters)`, `'x' ${rule}`],
    ];
    for (const [value, got, problem] of cases) {
      const text = configText({
        servers: REMOTE_PODMAN,
        presets: preset(`    cpuset: ${JSON.stringify(value)}`),
      });
      assert.deepEqual(validateConfigText(text, FILE, TWO_CPUS).errors.map(formatIssue), [
        `${FILE}:${lineOf(text, 'cpuset:')}:13: presets.base.cpuset: expected a CPU list like "0-15" or ` +
          `"0-3,8,10-11", got ${got}: ${problem}`,
      ]);
    }
  });

  it('warns when threads exceed the CPUs of the cpuset', () => {
    const text = configText({
      servers: LOCAL_PROCESS,
      presets: "  base:\n    parallel_slots: 2\n    threads_gen: 4\n    ctx_per_slot: 1024\n    cpuset: '1'",
    });
    const result = validateConfigText(text, FILE, TWO_CPUS);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings.map(formatIssue), [
      `${FILE}:${lineOf(text, 'base:')}:3: presets.base: threads_gen 4 exceeds the 1 CPUs of cpuset 1`,
      `${FILE}:${lineOf(text, 'base:')}:3: presets.base: threads_batch 4 exceeds the 1 CPUs of cpuset 1`,
    ]);
  });
});

describe('presetValueSource and formatKeyAt', () => {
  it('name the file line of the value a resolved preset took', () => {
    const hosts =
      "  box:\n    address: 127.0.0.1\n    user: root\n    ssh_agent: true\n    preset_overrides:\n      child:\n        cpuset: '0-3'";
    const presets = `${preset("    cpuset: '1'")}\n  child:\n    extends: base`;
    const text = configText({ hosts, servers: REMOTE_PODMAN, presets });
    const config = validateConfigText(text, FILE, TWO_CPUS).config;
    assert.ok(config);
    const chain = ['base', 'child'].map((name) => config.presets.get(name)).filter((p) => p !== undefined);
    const box = config.hosts.get('box');
    const onBox = presetValueSource(chain, box, 'cpuset');
    assert.equal(onBox, 'hosts.box.preset_overrides.child.cpuset');
    assert.equal(formatKeyAt(config, onBox), `${FILE}:${lineOf(text, "'0-3'")}:17: ${onBox}`);
    const onLocal = presetValueSource(chain, config.hosts.get('local'), 'cpuset');
    assert.equal(
      formatKeyAt(config, onLocal ?? ''),
      `${FILE}:${lineOf(text, "'1'")}:13: presets.base.cpuset`,
    );
    assert.equal(presetValueSource(chain, box, 'gpuLayers'), undefined);
  });
});
