// Small config texts for the config tests: a valid base, and a checker that finds one located error.
import assert from 'node:assert/strict';
import { validateConfigText, type ValidationResult } from '../../../src/config/schema.ts';
import type { ConfigIssue } from '../../../src/config/types.ts';

export const FILE = 'test.yaml';

/** A valid config; each section can be replaced to provoke one error at a known line. */
export function configText(
  parts: { hosts?: string; servers?: string; presets?: string; active?: string } = {},
): string {
  return [
    `active_preset: ${parts.active ?? 'base'}`,
    'hosts:',
    parts.hosts ?? '  box:\n    address: 127.0.0.1\n    user: root\n    ssh_agent: true',
    'servers:',
    parts.servers ??
      '  s:\n    host: local\n    kind: llama.cpp\n    runtime: process\n    model: /models/m.gguf',
    'presets:',
    parts.presets ?? '  base:\n    parallel_slots: 2\n    threads_gen: 2\n    ctx_per_slot: 1024',
    '',
  ].join('\n');
}

export function check(text: string): ValidationResult {
  return validateConfigText(text, FILE);
}

/** Asserts an error at `line` for `key` whose message contains every `parts` item; returns it. */
export function expectError(
  result: ValidationResult,
  line: number,
  key: string,
  ...parts: string[]
): ConfigIssue {
  assert.equal(result.config, undefined, 'a config came back despite errors');
  const found = result.errors.find((e) => e.key === key);
  const listed = result.errors.map((e) => `${e.line}:${e.key}: ${e.message}`).join('\n');
  assert.ok(found, `no error for ${key}; errors:\n${listed}`);
  assert.equal(found.file, FILE);
  assert.equal(found.line, line, `line of ${key}; errors:\n${listed}`);
  for (const part of parts) assert.ok(found.message.includes(part), `'${found.message}' lacks '${part}'`);
  return found;
}

/** The line number (1-based) of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `'${needle}' not in the text`);
  return index + 1;
}
