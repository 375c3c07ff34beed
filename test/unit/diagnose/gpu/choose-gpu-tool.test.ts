import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseGpuTool, type GpuToolsFound } from '../../../../src/diagnose/gpu/choose-gpu-tool.ts';

const none: GpuToolsFound = {
  nvidiaSmi: false,
  amdgpuCards: [],
  amdSmi: false,
  rocmSmi: false,
  radeontop: false,
};

describe('chooseGpuTool', () => {
  it('picks nvidia-smi on an NVIDIA host', () => {
    assert.deepEqual(chooseGpuTool({ ...none, nvidiaSmi: true }), {
      tool: 'nvidia-smi',
      why: 'nvidia-smi (one query loop for all NVIDIA GPUs)',
      missing: [],
    });
  });

  it('says when an AMD GPU next to the NVIDIA one is not sampled', () => {
    const choice = chooseGpuTool({ ...none, nvidiaSmi: true, amdgpuCards: [1] });
    assert.equal(choice.tool, 'nvidia-smi');
    assert.equal(choice.why, 'nvidia-smi (one query loop for all NVIDIA GPUs); amdgpu card1 is not sampled');
    assert.match(
      chooseGpuTool({ ...none, nvidiaSmi: true, amdgpuCards: [0, 1] }).why,
      /card0, card1 are not/,
    );
  });

  it('prefers amdgpu sysfs over every AMD tool', () => {
    assert.deepEqual(
      chooseGpuTool({ ...none, amdgpuCards: [0, 1], amdSmi: true, rocmSmi: true, radeontop: true }),
      { tool: 'amdgpu-sysfs', why: 'amdgpu sysfs for card0, card1 (no process per sample)', missing: [] },
    );
  });

  it('falls back to amd-smi, then rocm-smi, then radeontop, naming what is missing', () => {
    assert.deepEqual(chooseGpuTool({ ...none, amdSmi: true, rocmSmi: true }), {
      tool: 'amd-smi',
      why: 'amd-smi (amdgpu sysfs not found; one process per sample)',
      missing: ['amdgpu sysfs'],
    });
    assert.deepEqual(chooseGpuTool({ ...none, rocmSmi: true, radeontop: true }), {
      tool: 'rocm-smi',
      why: 'rocm-smi (amdgpu sysfs and amd-smi not found; one process per sample)',
      missing: ['amdgpu sysfs', 'amd-smi'],
    });
    assert.deepEqual(chooseGpuTool({ ...none, radeontop: true }), {
      tool: 'radeontop',
      why: 'radeontop (amdgpu sysfs, amd-smi and rocm-smi not found; no power or temperature)',
      missing: ['amdgpu sysfs', 'amd-smi', 'rocm-smi'],
    });
  });

  it('says plainly that nothing was found', () => {
    assert.deepEqual(chooseGpuTool(none), {
      tool: undefined,
      why: 'no GPU telemetry: none of nvidia-smi, amdgpu sysfs, amd-smi, rocm-smi, radeontop was found',
      missing: ['nvidia-smi', 'amdgpu sysfs', 'amd-smi', 'rocm-smi', 'radeontop'],
    });
  });
});
