// Config check refuses what deploy would refuse, with the file, line, column and key of the value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatIssue } from '../../../src/config/issues.ts';
import { IMAGE_REFERENCE_EXPECTED } from '../../../src/podman/image-reference.ts';
import { podmanRunArgs } from '../../../src/podman/run-args.ts';
import { UserError } from '../../../src/util/errors.ts';
import { check, configText, FILE, lineOf } from './config-text.ts';

const ONLY = 'only letters, digits and . _ - / : @ can';

/** A podman server `p` on host local with `extra` lines under it. */
function podmanServer(image: string, extra = '', runtime = 'podman'): string {
  const lines = [
    '  p:',
    '    host: local',
    '    kind: llama.cpp',
    `    runtime: ${runtime}`,
    `    image: ${JSON.stringify(image)}`,
    '    model: /models/m.gguf',
  ];
  return [...lines, ...(extra === '' ? [] : [extra])].join('\n');
}

/** `test.yaml:LINE:COL: key: message` for the value that starts with `needle`. */
function at(text: string, needle: string, key: string, message: string): string {
  const line = lineOf(text, needle);
  const column = (text.split('\n')[line - 1] ?? '').indexOf(needle) + 1;
  return `${FILE}:${line}:${column}: ${key}: ${message}`;
}

function errorLines(text: string): string[] {
  const result = check(text);
  assert.equal(result.config, undefined, 'the config was accepted');
  return result.errors.map(formatIssue);
}

describe('config check: image references', () => {
  it('refuses hostile images with file:line, key and the expected shape', () => {
    const cases: [string, string][] = [
      ['$(touch /tmp/x)', `"$" cannot appear in it; ${ONLY}`],
      ['llama`touch /tmp/x`', `"\`" cannot appear in it; ${ONLY}`],
      ['llama touch /tmp/x', `whitespace (" ") cannot appear in it; ${ONLY}`],
      ['llama;reboot', `";" cannot appear in it; ${ONLY}`],
      ['llama\ntouch /tmp/x', `whitespace ("\\n") cannot appear in it; ${ONLY}`],
      ["it's", `"'" cannot appear in it; ${ONLY}`],
      ['"quoted"', `"\\"" cannot appear in it; ${ONLY}`],
    ];
    for (const [image, problem] of cases) {
      const text = configText({ servers: podmanServer(image) });
      const quoted = JSON.stringify(image);
      assert.deepEqual(errorLines(text), [
        at(
          text,
          quoted,
          'servers.p.image',
          `expected ${IMAGE_REFERENCE_EXPECTED}, got ${quoted}: ${problem}`,
        ),
      ]);
    }
  });

  it('cuts a very long value short in the message and says how long it was', () => {
    const image = `${'a'.repeat(400)}$`;
    const text = configText({ servers: podmanServer(image) });
    assert.deepEqual(errorLines(text), [
      at(
        text,
        '"aaa',
        'servers.p.image',
        `expected ${IMAGE_REFERENCE_EXPECTED}, got "${'a'.repeat(120)}"... (401 characters): "$" cannot appear in it; ${ONLY}`,
      ),
    ]);
  });

  it('refuses the image config check used to let through and deploy refused without a line', () => {
    const image = 'localhost/llama:$(id)';
    const text = configText({ servers: podmanServer(image) });
    assert.equal(errorLines(text).length, 1);
    // The same rule, in the place deploy meets it.
    assert.throws(
      () => podmanRunArgs({ name: 'n', image, args: [], env: {}, network: 'host', volumes: [], labels: {} }),
      (error: unknown) =>
        error instanceof UserError &&
        error.message ===
          `container spec: image "${image}" must be ${IMAGE_REFERENCE_EXPECTED}: "$" cannot appear in it; ${ONLY}`,
    );
  });

  it('leaves the image of a process server alone (it is ignored, with a warning)', () => {
    const servers =
      '  s:\n    host: local\n    kind: llama.cpp\n    runtime: process\n    model: /m\n    image: "$(x)"';
    const result = check(configText({ servers }));
    assert.deepEqual(result.errors, []);
    assert.match(result.warnings[0]?.message ?? '', /only the podman and quadlet runtimes use it/);
  });
});

describe('config check: volumes, devices, arguments', () => {
  it('refuses volumes -v would read differently', () => {
    const text = configText({
      servers: podmanServer('localhost/llama:x', '    volumes: ["models:/models", "/m:/m:z", "/ok:/ok:ro"]'),
    });
    const expected = 'HOST-PATH:CONTAINER-PATH or HOST-PATH:CONTAINER-PATH:ro, both absolute';
    assert.deepEqual(errorLines(text), [
      at(
        text,
        '"models:/models"',
        'servers.p.volumes[0]',
        `expected ${expected}, got "models:/models": the host path "models" must be absolute, without : or , or control characters`,
      ),
      at(
        text,
        '"/m:/m:z"',
        'servers.p.volumes[1]',
        `expected ${expected}, got "/m:/m:z": option "z" is not supported; only ro or rw`,
      ),
    ]);
  });

  it('refuses a $ in a quadlet volume only', () => {
    const volume = '    volumes: ["/srv/$(touch /tmp/x):/m"]';
    const quadlet = configText({ servers: podmanServer('localhost/llama:x', volume, 'quadlet') });
    assert.match(
      errorLines(quadlet)[0] ?? '',
      /servers\.p\.volumes\[0\]: .*quadlet cannot pass a volume that holds \$/,
    );
    assert.deepEqual(check(configText({ servers: podmanServer('localhost/llama:x', volume) })).errors, []);
  });

  it('refuses hostile devices', () => {
    const text = configText({
      servers: podmanServer(
        'localhost/llama:x',
        '    devices: [/dev/kfd, "/dev/dri; touch /tmp/x", nvidia.com/gpu=all]',
      ),
    });
    assert.deepEqual(errorLines(text), [
      at(
        text,
        '"/dev/dri; touch /tmp/x"',
        'servers.p.devices[1]',
        'expected a device path like /dev/dri (or /dev/x:/dev/y:rwm) or a CDI name like nvidia.com/gpu=all, ' +
          'got "/dev/dri; touch /tmp/x": it holds characters or fields that neither form allows',
      ),
    ]);
  });

  it('refuses arguments quadlet cannot pass, in the server and in any preset', () => {
    const text = configText({
      servers: podmanServer('localhost/llama:x', '    extra_args: [--alias, ";"]', 'quadlet'),
      presets:
        '  base:\n    parallel_slots: 2\n    threads_gen: 2\n    ctx_per_slot: 1024\n    extra_args: ["", --x]',
    });
    assert.deepEqual(errorLines(text), [
      at(
        text,
        '";"',
        'servers.p.extra_args[1]',
        'expected an argument quadlet can pass, got ";": quadlet cannot pass a lone ";" argument: systemd would read it as a command separator',
      ),
      at(
        text,
        '""',
        'presets.base.extra_args[0]',
        'expected an argument quadlet can pass (server p run under quadlet), got "": quadlet cannot pass an empty argument in Exec=: it would drop it and every argument after it',
      ),
    ]);
    // Without a quadlet server the same arguments are fine.
    const podman = configText({
      servers: podmanServer('localhost/llama:x', '    extra_args: [--alias, ";"]'),
      presets:
        '  base:\n    parallel_slots: 2\n    threads_gen: 2\n    ctx_per_slot: 1024\n    extra_args: ["", --x]',
    });
    assert.deepEqual(check(podman).errors, []);
  });

  it('refuses a NUL byte anywhere an argument or env value goes', () => {
    const text = configText({
      servers: podmanServer('localhost/llama:x', '    extra_args: ["a\\0b"]\n    env:\n      X: "c\\0d"'),
    });
    const nul = 'holds a NUL byte, which no argument or environment value can carry';
    assert.deepEqual(errorLines(text), [
      at(text, '"a\\0b"', 'servers.p.extra_args[0]', `expected text, got "a\\u0000b": ${nul}`),
      at(
        text,
        '"c\\0d"',
        'servers.p.env.X',
        `expected a text, number or boolean value, got "c\\u0000d": ${nul}`,
      ),
    ]);
  });
});
