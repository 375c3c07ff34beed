import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkImageReference } from '../../../src/podman/image-reference.ts';

const ONLY = 'only letters, digits and . _ - / : @ can';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('checkImageReference', () => {
  it('takes what podman takes: registry with port, nested paths, tags, digests', () => {
    for (const image of [
      'ubuntu',
      'localhost/llama-server:debian',
      'ghcr.io/ggml-org/llama.cpp:server',
      'docker.io/vllm/vllm-openai:v0.11.0',
      'localhost:5000/team/llama:b11669-rocm',
      '[::1]:5000/llama',
      `ghcr.io/ggml-org/llama.cpp@${DIGEST}`,
      `ghcr.io/ggml-org/llama.cpp:server@${DIGEST}`,
      'registry.example.com/a__b/c-d/e.f:tag_1.0-x',
    ])
      assert.equal(checkImageReference(image), undefined, image);
  });

  it('names the character a hostile value breaks the grammar with', () => {
    const cases: [string, string][] = [
      ['$(touch /tmp/x)', `"$" cannot appear in it; ${ONLY}`],
      ['llama`id`', `"\`" cannot appear in it; ${ONLY}`],
      ['llama;reboot', `";" cannot appear in it; ${ONLY}`],
      ['llama\nreboot', `whitespace ("\\n") cannot appear in it; ${ONLY}`],
      ['img --privileged', `whitespace (" ") cannot appear in it; ${ONLY}`],
      ['"llama"', `"\\"" cannot appear in it; ${ONLY}`],
      ["'llama'", `"'" cannot appear in it; ${ONLY}`],
      ['llama|sh', `"|" cannot appear in it; ${ONLY}`],
    ];
    for (const [image, message] of cases) assert.equal(checkImageReference(image), message, image);
  });

  it('says which part of the shape is wrong', () => {
    const cases: [string, string][] = [
      ['', 'it is empty'],
      ['-llama', 'it must start with a letter or digit'],
      ['Llama', 'its repository path must be lowercase'],
      ['ghcr.io/GGML/llama', 'its repository path must be lowercase'],
      ['llama:', 'its tag must be 1 to 128 letters, digits, _ . or -, not starting with . or -'],
      ['llama:-x', 'its tag must be 1 to 128 letters, digits, _ . or -, not starting with . or -'],
      [
        `llama:${'t'.repeat(129)}`,
        'its tag must be 1 to 128 letters, digits, _ . or -, not starting with . or -',
      ],
      ['llama@sha256:abc', 'its digest must be ALGORITHM:HEX with at least 32 hex digits, e.g. sha256:...'],
      ['a//b', 'its path has an empty component (// or a trailing /)'],
      [`a/${'b'.repeat(300)}`, 'its name is 302 characters long; podman takes at most 255'],
    ];
    for (const [image, message] of cases) assert.equal(checkImageReference(image), message, image);
  });
});
