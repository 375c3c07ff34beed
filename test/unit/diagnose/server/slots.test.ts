import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOllamaPs, readSlots } from '../../../../src/diagnose/server/slots.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'diagnose');
const json = (name: string): unknown => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

describe('readSlots', () => {
  it('counts the processing slots of a real llama-server /slots (2 slots, one busy)', () => {
    assert.deepEqual(readSlots(json('llama-slots-busy.json')), { busySlots: 1, totalSlots: 2 });
  });

  it('counts only is_processing === true', () => {
    const slots = [{ is_processing: true }, { is_processing: 'true' }, { is_processing: 1 }, {}, null];
    assert.deepEqual(readSlots(slots.filter((s) => s !== null)), { busySlots: 1, totalSlots: 4 });
  });

  it('is undefined for what is not an array (an error object)', () => {
    assert.equal(
      readSlots({ error: { code: 501, message: 'This server does not support slots endpoint.' } }),
      undefined,
    );
    assert.equal(readSlots(null), undefined);
  });

  it('gives zero slots for an empty array', () => {
    assert.deepEqual(readSlots([]), { busySlots: 0, totalSlots: 0 });
  });
});

describe('readOllamaPs', () => {
  it('reads the loaded models with their VRAM, size and expiry', () => {
    assert.deepEqual(readOllamaPs(json('ollama-ps.json')), [
      {
        name: 'llama3.1:8b-instruct-q4_K_M',
        vramBytes: 6654289920,
        sizeBytes: 6654289920,
        expiresAt: '2026-08-21T07:05:00.123456789Z',
      },
      {
        name: 'qwen2.5:32b',
        vramBytes: 15032385536,
        sizeBytes: 23419789312,
        expiresAt: '2026-08-21T07:04:10.5Z',
      },
    ]);
  });

  it('gives [] when nothing is loaded', () => {
    assert.deepEqual(readOllamaPs({ models: [] }), []);
  });

  it('falls back to model for the name, and to 0 for missing sizes', () => {
    assert.deepEqual(readOllamaPs({ models: [{ model: 'a:1b' }, {}] }), [
      { name: 'a:1b', vramBytes: 0, sizeBytes: 0 },
      { name: '?', vramBytes: 0, sizeBytes: 0 },
    ]);
  });

  it('is undefined for what is not a /api/ps answer', () => {
    assert.equal(readOllamaPs({ error: 'x' }), undefined);
    assert.equal(readOllamaPs(null), undefined);
    assert.equal(readOllamaPs([1, 2]), undefined);
  });
});
