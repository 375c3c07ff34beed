import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkQuadletVolume, parseVolumeMount, volumeArg } from '../../../src/podman/volume-mount.ts';

const PATH_RULE = 'must be absolute, without : or , or control characters';

describe('parseVolumeMount', () => {
  it('reads HOST:CONTAINER with ro or rw, and writes it back for -v', () => {
    assert.deepEqual(parseVolumeMount('/models:/models:ro'), {
      mount: { host: '/models', container: '/models', ro: true },
    });
    assert.deepEqual(parseVolumeMount('/srv/a b:/m'), {
      mount: { host: '/srv/a b', container: '/m', ro: false },
    });
    const parsed = parseVolumeMount('/data:/data:rw');
    assert.ok('mount' in parsed);
    assert.equal(volumeArg(parsed.mount), '/data:/data');
  });

  it('refuses what -v would read differently, naming the field', () => {
    const cases: [string, string][] = [
      ['/models', 'it has 1 :-separated fields'],
      ['/a:/b:ro:z', 'it has 4 :-separated fields'],
      ['models:/models', `the host path "models" ${PATH_RULE}`],
      ['/m:relative', `the container path "relative" ${PATH_RULE}`],
      ['/m,x:/m', `the host path "/m,x" ${PATH_RULE}`],
      ['/m\n:/m', `the host path "/m\\n" ${PATH_RULE}`],
      ['/m:/m:z', 'option "z" is not supported; only ro or rw'],
      ['/m:/m:ro,Z', 'option "ro,Z" is not supported; only ro or rw'],
    ];
    for (const [text, problem] of cases) assert.deepEqual(parseVolumeMount(text), { problem }, text);
  });
});

describe('checkQuadletVolume', () => {
  it('refuses what Volume= cannot hold exactly', () => {
    const rule = 'quadlet cannot pass a volume that holds $, starts or ends with whitespace, or ends with \\';
    assert.equal(checkQuadletVolume('/srv/$(touch x):/m'), rule);
    assert.equal(checkQuadletVolume('/srv/m\\'), rule);
    assert.equal(checkQuadletVolume('/srv/m :/m '), rule);
    assert.equal(checkQuadletVolume('/srv/100% models:/m:ro'), undefined);
  });
});
