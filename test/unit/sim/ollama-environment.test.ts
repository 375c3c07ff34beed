import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoDuration } from '../../../src/sim/go-duration.ts';
import { parseOllamaHost, parseOllamaLaunch } from '../../../src/sim/ollama-environment.ts';
import { resolveSimOptions } from '../../../src/sim/options.ts';

describe('parseOllamaLaunch', () => {
  it('maps the OLLAMA_* variables onto the simulator', () => {
    const { options, notes } = parseOllamaLaunch(['serve'], {
      OLLAMA_HOST: '127.0.0.1:11500',
      OLLAMA_NUM_PARALLEL: '3',
      OLLAMA_MAX_QUEUE: '7',
      OLLAMA_CONTEXT_LENGTH: '2048',
      OLLAMA_KEEP_ALIVE: '10m',
      OLLAMA_MAX_LOADED_MODELS: '2',
      OLLAMA_FLASH_ATTENTION: '1',
    });
    const resolved = resolveSimOptions(options);
    assert.equal(resolved.persona, 'ollama');
    assert.equal(resolved.host, '127.0.0.1');
    assert.equal(resolved.port, 11500);
    assert.equal(resolved.slots, 3);
    assert.equal(resolved.maxQueue, 7);
    assert.equal(resolved.nCtx, 2048);
    assert.equal(resolved.unloadAfterIdleMs, 600_000);
    assert.equal(resolved.startUnloaded, true);
    assert.deepEqual(notes, [
      'accepted OLLAMA_MAX_LOADED_MODELS=2: no effect in the simulator',
      'accepted OLLAMA_FLASH_ATTENTION=1: no effect in the simulator',
    ]);
  });

  it("uses Ollama's defaults: 127.0.0.1:11434, one request at a time, queue 512, keep-alive 5m", () => {
    const resolved = resolveSimOptions(parseOllamaLaunch(['serve'], {}).options);
    assert.deepEqual(
      [resolved.host, resolved.port, resolved.slots, resolved.maxQueue, resolved.unloadAfterIdleMs],
      ['127.0.0.1', 11434, 1, 512, 300_000],
    );
  });

  it('warns about bad numbers and uses the default, as Ollama does', () => {
    const { options, notes } = parseOllamaLaunch(['serve'], { OLLAMA_NUM_PARALLEL: 'lots' });
    assert.equal(options.slots, 1);
    assert.deepEqual(notes, [
      'invalid environment variable, using default: key=OLLAMA_NUM_PARALLEL value=lots default=1',
    ]);
  });

  it('reads keep-alive as a Go duration or seconds; negative is forever, 0 unloads at once', () => {
    const keep = (value: string) =>
      parseOllamaLaunch(['serve'], { OLLAMA_KEEP_ALIVE: value }).options.unloadAfterIdleMs;
    assert.equal(keep('1h30m'), 5_400_000);
    assert.equal(keep('300'), 300_000);
    assert.equal(keep('-1'), 0);
    assert.equal(keep('-1m'), 0);
    assert.equal(keep('0'), 1);
    assert.equal(keep('soon'), 300_000);
  });

  it('needs the `serve` command and refuses other flags than --sim-*', () => {
    assert.throws(() => parseOllamaLaunch([], {}), /give the command `serve`/);
    assert.throws(() => parseOllamaLaunch(['run', 'llama3'], {}), /unknown command "run" for "ollama"/);
    assert.throws(() => parseOllamaLaunch(['serve', '--port', '1'], {}), /unknown flag: --port/);
    const { options } = parseOllamaLaunch(['serve', '--sim-decode-ms=7'], {});
    assert.equal(options.decodeMsPerToken, 7);
  });
});

describe('parseOllamaHost', () => {
  it('reads [scheme://]host[:port] as envconfig.Host does', () => {
    const notes: string[] = [];
    assert.deepEqual(parseOllamaHost('0.0.0.0', notes), { host: '0.0.0.0', port: 11434 });
    assert.deepEqual(parseOllamaHost(':8080', notes), { host: '0.0.0.0', port: 8080 });
    assert.deepEqual(parseOllamaHost('http://[::1]:9000', notes), { host: '::1', port: 9000 });
    assert.deepEqual(parseOllamaHost('::1', notes), { host: '::1', port: 11434 });
    assert.deepEqual(notes, []);
    assert.deepEqual(parseOllamaHost('127.0.0.1:99999', notes), { host: '127.0.0.1', port: 11434 });
    assert.match(notes[0] ?? '', /invalid port in OLLAMA_HOST, using default: port=99999/);
  });
});

describe('parseGoDuration', () => {
  it('parses what time.ParseDuration parses and refuses the rest', () => {
    assert.equal(parseGoDuration('1.5s'), 1500);
    assert.equal(parseGoDuration('2h45m'), 9_900_000);
    assert.equal(parseGoDuration('250ms'), 250);
    assert.equal(parseGoDuration('0'), 0);
    assert.equal(parseGoDuration('5'), undefined);
    assert.equal(parseGoDuration('5 m'), undefined);
  });
});
