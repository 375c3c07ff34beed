import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkDevice } from '../../../src/podman/device-spec.ts';

describe('checkDevice', () => {
  it('takes device paths (with a container path and permissions) and CDI names', () => {
    for (const device of [
      '/dev/kfd',
      '/dev/dri',
      '/dev/dri/renderD128:/dev/dri/renderD128:rw',
      'nvidia.com/gpu=all',
    ])
      assert.equal(checkDevice(device), undefined, device);
  });

  it('refuses hostile and ambiguous values', () => {
    const neither = 'it is neither an absolute path nor a CDI name';
    const fields = 'it holds characters or fields that neither form allows';
    const cases: [string, string][] = [
      ['-/dev/kfd', neither],
      ['dev/kfd', neither],
      ['/dev/$(touch /tmp/x)', fields],
      ['/dev/dri`id`', fields],
      ['/dev/dri;reboot', fields],
      ['/dev/dri\n/dev/kfd', fields],
      ["/dev/'dri'", fields],
      ['/dev/dri:/dev/dri:rwx', fields],
      ['nvidia.com/gpu=all;id', fields],
    ];
    for (const [device, problem] of cases) assert.equal(checkDevice(device), problem, device);
  });
});
