import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSimOptions } from '../../../src/sim/options.ts';
import { parseVllmCommandLine } from '../../../src/sim/vllm-command-line.ts';

// What deploy renders for a vllm server (src/config/vllm-args.ts and the example).
const DEPLOY_ARGS = [
  '--model',
  '/models/x',
  '--tensor-parallel-size',
  '2',
  '--pipeline-parallel-size',
  '1',
  '--data-parallel-size',
  '3',
  '--max-num-seqs',
  '8',
  '--max-num-batched-tokens',
  '2048',
  '--gpu-memory-utilization',
  '0.9',
  '--max-model-len',
  '4096',
  '--port',
  '8000',
  '--host',
  '0.0.0.0',
];

describe('parseVllmCommandLine', () => {
  it('turns the parallel sizes and batch limits into the performance model', () => {
    const { options, notes } = parseVllmCommandLine(DEPLOY_ARGS, {});
    const resolved = resolveSimOptions(options);
    assert.equal(resolved.persona, 'vllm');
    assert.equal(resolved.modelName, '/models/x');
    assert.equal(resolved.tensorParallel, 2);
    assert.equal(resolved.pipelineParallel, 1);
    assert.equal(resolved.dataParallel, 3);
    assert.equal(resolved.slots, 8);
    assert.equal(resolved.maxBatchedTokens, 2048);
    assert.equal(resolved.nCtx, 4096);
    assert.equal(resolved.port, 8000);
    assert.equal(resolved.host, '0.0.0.0');
    assert.equal(resolved.coresPerReplica, 2, 'one core stands for each GPU of a replica');
    assert.deepEqual(notes, ['accepted --gpu-memory-utilization 0.9: no effect in the simulator']);
  });

  it('takes the model as `vllm serve` does (positional), short flags, = values and served names', () => {
    const { options } = parseVllmCommandLine(
      [
        'org/m',
        '-tp=4',
        '-dp',
        '2',
        '--served-model-name',
        'a',
        'b',
        '--max-model-len',
        '32k',
        '--seed',
        '-1',
      ],
      {},
    );
    assert.equal(options.tensorParallel, 4);
    assert.equal(options.dataParallel, 2);
    assert.equal(options.modelName, 'a');
    assert.deepEqual(options.extraModelNames, ['b']);
    assert.equal(options.nCtx, 32_000);
    assert.equal(options.seed, -1);
  });

  it('accepts unknown flags, with or without a value, and says it ignores them', () => {
    const { notes } = parseVllmCommandLine(
      ['m', '--swap-space', '4', '--enforce-eager', '--quantization=awq', '--disable-custom-all-reduce'],
      {},
    );
    assert.deepEqual(notes, [
      'ignored --swap-space 4: the simulator does not model it',
      'accepted --enforce-eager: no effect in the simulator',
      'ignored --quantization awq: the simulator does not model it',
      'ignored --disable-custom-all-reduce: the simulator does not model it',
    ]);
  });

  it("refuses bad values with argparse's message and exit status 2", () => {
    assert.throws(() => parseVllmCommandLine(['m', '--max-num-seqs', 'eight'], {}), {
      message: "vllm serve: error: argument --max-num-seqs: invalid int value: 'eight'",
      exitCode: 2,
    });
    assert.throws(
      () => parseVllmCommandLine(['m', '-tp', '1.5'], {}),
      /argument --tensor-parallel-size\/-tp: invalid int value: '1.5'/,
    );
    assert.throws(() => parseVllmCommandLine(['m', '--port'], {}), /argument --port: expected one argument/);
    assert.throws(() => parseVllmCommandLine(['m', 'extra'], {}), /unrecognized arguments: extra/);
  });

  it('refuses what vLLM refuses at start-up', () => {
    assert.throws(
      () => parseVllmCommandLine(['m', '--gpu-memory-utilization', '1.5'], {}),
      /GPU memory utilization must be within \(0, 1\]\. Got 1.5/,
    );
    assert.throws(
      () => parseVllmCommandLine(['m', '--max-num-seqs', '64', '--max-num-batched-tokens', '32'], {}),
      /max_num_batched_tokens \(32\) must be greater than or equal to max_num_seqs \(64\)/,
    );
    assert.throws(() => parseVllmCommandLine(['m', '-tp', '0'], {}), /tensorParallel must be at least 1/);
  });

  it('reads the simulator knobs from INFERLOAD_SIM_* and --sim-* flags (flags win)', () => {
    const env = {
      INFERLOAD_SIM_SEQUENTIAL_FRACTION: '0.2',
      INFERLOAD_SIM_HOST_CORES: '8',
      INFERLOAD_SIM_CORES: '1',
    };
    const { options } = parseVllmCommandLine(['m', '--sim-sequential-fraction', '0.05'], env);
    assert.equal(options.sequentialFraction, 0.05);
    assert.equal(options.hostCores, 8);
    assert.equal(options.coresPerReplica, 1);
    assert.throws(
      () => parseVllmCommandLine(['m'], { INFERLOAD_SIM_HOST_CORES: 'many' }),
      /INFERLOAD_SIM_HOST_CORES: expected an integer, got 'many'/,
    );
  });

  it('binds loopback unless told otherwise (the images set INFERLOAD_SIM_DEFAULT_HOST)', () => {
    assert.equal(resolveSimOptions(parseVllmCommandLine(['m'], {}).options).host, '127.0.0.1');
    const inImage = parseVllmCommandLine(['m'], { INFERLOAD_SIM_DEFAULT_HOST: '0.0.0.0' });
    assert.equal(inImage.options.host, '0.0.0.0');
  });
});
