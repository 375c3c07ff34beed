// nginx.conf and its run.sh from hostile values: quoted into one parameter or refused by name; real nginx
// and a real shell read them back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderNginxConf, renderNginxRun, type NginxSpec } from '../../../src/deploy/render-nginx.ts';
import { quoteNginx } from '../../../src/deploy/nginx-quote.ts';
import { splitCpuset } from '../../../src/config/cpuset-shares.ts';

const SPEC: NginxSpec = {
  server: 'gpu',
  listen: '127.0.0.1:18080',
  upstreams: ['127.0.0.1:18081', '127.0.0.1:18082'],
  balance: 'round_robin',
  keepalive: 16,
  connectTimeoutSeconds: 5,
  readTimeoutSeconds: 600,
  retry: true,
};

describe('nginx quoting', () => {
  it('keeps quotes, braces, semicolons and backslashes inside one parameter', () => {
    assert.equal(quoteNginx('a"b;c}{ d\\', 'x'), '"a\\"b;c}{ d\\\\"');
  });

  it('refuses a newline and a variable, naming the value and why', () => {
    assert.throws(
      () => quoteNginx('127.0.0.1:80;\n}', 'listen address'),
      /listen address "127\.0\.0\.1:80;\\n}" cannot go into nginx\.conf: it holds a control character/,
    );
    assert.throws(
      () => quoteNginx('$host', 'instance address'),
      /instance address "\$host" cannot go into nginx\.conf: it holds '\$'/,
    );
  });
});

describe('renderNginxConf', () => {
  it('keeps a hostile server name inside its comment: real nginx accepts the configuration', () => {
    const conf = renderNginxConf({ ...SPEC, server: 'x"\n}\nhttp { evil' }, 'abcdef0123456789');
    assert.equal(conf.match(/^\s*upstream /gm)?.length, 1, 'one upstream block');
    assert.ok(!/^\s*http \{ evil/m.test(conf));
    const prefix = mkdtempSync(join(tmpdir(), 'inferload-nginx-'));
    mkdirSync(join(prefix, 'tmp'));
    writeFileSync(join(prefix, 'nginx.conf'), conf);
    const tested = spawnSync(
      'nginx',
      ['-t', '-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')],
      { encoding: 'utf8' },
    );
    assert.equal(tested.status, 0, tested.stderr);
  });

  it('refuses an instance address that would end the directive', () => {
    assert.throws(
      () => renderNginxConf({ ...SPEC, upstreams: ['127.0.0.1:1;\n}'] }, 'abcdef0123456789'),
      /instance address .* cannot go into nginx\.conf/,
    );
  });
});

describe('renderNginxRun', () => {
  it('runs a hostile nginx path as one literal word, in its folder, with daemon off and extra arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-nginx-run-'));
    const binary = join(dir, "ngx $(touch pwned) 'q'; touch pwned2");
    writeFileSync(binary, '#!/bin/sh\npwd > args.txt\nprintf "<%s>\\n" "$@" >> args.txt\n');
    chmodSync(binary, 0o755);
    writeFileSync(join(dir, 'run.sh'), renderNginxRun('s', binary, 'abcdef0123456789'));
    const result = spawnSync('/bin/sh', [join(dir, 'run.sh'), '-t'], { cwd: '/', encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const [cwd, ...args] = readFileSync(join(dir, 'args.txt'), 'utf8').trimEnd().split('\n');
    assert.equal(cwd, dir);
    assert.deepEqual(args, [
      `<-p>`,
      `<${dir}/>`,
      '<-c>',
      `<${dir}/nginx.conf>`,
      '<-e>',
      `<${dir}/error.log>`,
      '<-g>',
      '<daemon off;>',
      '<-t>',
    ]);
    assert.equal(
      existsSync(join(dir, 'pwned')) || existsSync(join(dir, 'pwned2')) || existsSync('/pwned'),
      false,
    );
    assert.ok(existsSync(join(dir, 'tmp')), 'the temp folder is made');
  });
});

describe('splitCpuset', () => {
  it('gives consecutive shares, the remainder to the first ones', () => {
    assert.deepEqual(splitCpuset('0-7', 3), ['0-2', '3-5', '6-7']);
    assert.deepEqual(splitCpuset('0,2,4,6', 2), ['0,2', '4,6']);
    assert.deepEqual(splitCpuset('5', 1), ['5']);
  });

  it('refuses fewer CPUs than instances', () => {
    assert.throws(() => splitCpuset('0', 2), /cpuset 0 has 1 CPU, fewer than the 2 instances/);
  });
});
