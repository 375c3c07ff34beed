import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  backendPath,
  importChanges,
  llamaRootDigest,
  llamaVersionOf,
} from '../../../src/podman/llama-image-recipe.ts';

const STAMP = 'libc6 2.43-7\nlibggml0 0.27.0-1\nllama.cpp-tools 1:0.7.0+dfsg-2\n';

describe('llama image recipe', () => {
  it('identifies the root by packages and backend', () => {
    const digest = llamaRootDigest(STAMP, 'zen4');
    assert.match(digest, /^[0-9a-f]{16}$/);
    assert.equal(llamaRootDigest(`${STAMP}\n\n`, 'zen4'), digest, 'trailing blank lines do not matter');
    assert.notEqual(llamaRootDigest(STAMP, 'haswell'), digest);
    assert.notEqual(llamaRootDigest(STAMP.replace('2.43-7', '2.43-8'), 'zen4'), digest);
  });

  it("reads llama.cpp-tools' version from the stamp", () => {
    assert.equal(llamaVersionOf(STAMP), '1:0.7.0+dfsg-2');
    assert.equal(llamaVersionOf('libc6 2.43-7\n'), 'unknown');
  });

  it('sets the library path, the backend, the entrypoint and the labels', () => {
    assert.deepEqual(
      importChanges('haswell', { 'io.inferload.llama-root': 'abc', 'io.inferload.llama-version': '1:0.7.0' }),
      [
        'ENV LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/llama',
        'ENV GGML_BACKEND_PATH=/usr/lib/x86_64-linux-gnu/ggml/backends0/libggml-cpu-haswell.so',
        'ENTRYPOINT ["/usr/bin/llama-server"]',
        'LABEL io.inferload.llama-root="abc"',
        'LABEL io.inferload.llama-version="1:0.7.0"',
      ],
    );
  });

  it('refuses a backend or label that would need quoting', () => {
    assert.throws(() => backendPath('../evil'), /variant name/);
    assert.throws(() => importChanges('zen4', { key: 'a "b"' }), /quoting/);
  });
});
