import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, configText, expectError } from './config-text.ts';

const withGenerators = (section: string): string => `${configText()}load_generators:\n${section}\n`;

describe('load_generators', () => {
  it('reads generators on local (several times) and on a configured host, with their engines', () => {
    const result = check(
      withGenerators(
        [
          '  a: { host: local }',
          '  b: { host: local, workdir: /srv/parts }',
          '  c: { host: box, engine: k6, k6: /usr/local/bin/k6 }',
          '  d: { host: box, inferload: /opt/inferload/bin/inferload.js }',
        ].join('\n'),
      ),
    );
    assert.deepEqual(result.errors, []);
    const generators = result.config?.loadGenerators;
    assert.deepEqual(
      [...(generators?.values() ?? [])].map((g) => [
        g.name,
        g.host.name,
        g.engine,
        g.k6,
        g.inferload,
        g.workdir,
      ]),
      [
        ['a', 'local', 'embedded', 'k6', undefined, '/tmp/inferload-generator'],
        ['b', 'local', 'embedded', 'k6', undefined, '/srv/parts'],
        ['c', 'box', 'k6', '/usr/local/bin/k6', undefined, '/tmp/inferload-generator'],
        ['d', 'box', 'embedded', 'k6', '/opt/inferload/bin/inferload.js', '/tmp/inferload-generator'],
      ],
    );
  });

  it('names the file, line and key of an unknown host, a bad engine and a relative workdir', () => {
    const text = withGenerators('  a:\n    host: bx\n    engine: k7\n    workdir: parts');
    expectError(check(text), 20, 'load_generators.a.host', "unknown host 'bx'", 'box');
    expectError(check(text), 21, 'load_generators.a.engine', 'one of embedded, k6');
    expectError(check(text), 22, 'load_generators.a.workdir', 'an absolute path');
  });

  it('is optional: a config without it has none', () => {
    assert.equal(check(configText()).config?.loadGenerators.size, 0);
  });
});
