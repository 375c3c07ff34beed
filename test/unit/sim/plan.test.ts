import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSimOptions } from '../../../src/sim/options.ts';
import { planOutput, RequestPlanner, type PlanInput } from '../../../src/sim/plan.ts';
import { createRandom } from '../../../src/sim/prng.ts';
import { createWordSource } from '../../../src/sim/tokens.ts';

const input = (promptText: string, maxTokens?: number, ignoreEos = false): PlanInput => ({
  promptText,
  promptTokens: 10,
  maxTokens,
  ignoreEos,
});

function answer(planner: RequestPlanner, request: PlanInput): string {
  const plan = planner.plan(request);
  const next = createWordSource(plan.random);
  return `${plan.outputTokens}/${plan.finishReason}:${Array.from({ length: plan.outputTokens }, (_, i) => next(i)).join('')}`;
}

describe('planOutput', () => {
  const options = resolveSimOptions({
    naturalTokensMin: 20,
    naturalTokensMax: 20,
    maxTokensDefault: 64,
    nCtx: 100,
  });

  it('stops naturally when the natural length is under the limit', () => {
    assert.deepEqual(planOutput(options, input('x', 50), createRandom(1)), {
      outputTokens: 20,
      finishReason: 'stop',
      limit: 50,
    });
  });

  it('hits the limit when the natural length reaches it, or with ignore_eos', () => {
    assert.equal(planOutput(options, input('x', 8), createRandom(1)).finishReason, 'length');
    assert.equal(planOutput(options, input('x', 8), createRandom(1)).outputTokens, 8);
    assert.deepEqual(planOutput(options, input('x', 50, true), createRandom(1)), {
      outputTokens: 50,
      finishReason: 'length',
      limit: 50,
    });
  });

  it('uses maxTokensDefault for a missing or negative limit, capped by the context left', () => {
    assert.equal(planOutput(options, input('x', undefined, true), createRandom(1)).outputTokens, 64);
    assert.equal(planOutput(options, input('x', -1, true), createRandom(1)).outputTokens, 64);
    assert.equal(planOutput(options, input('x', 500, true), createRandom(1)).outputTokens, 90);
  });
});

describe('RequestPlanner', () => {
  const options = resolveSimOptions({ seed: 42 });

  it('gives the same lengths and text for the same seed and request sequence', () => {
    const prompts = ['hello', 'tell me a story', 'hello', 'why is the sky blue'];
    const first = new RequestPlanner(options);
    const second = new RequestPlanner(options);
    assert.deepEqual(
      prompts.map((p) => answer(first, input(p))),
      prompts.map((p) => answer(second, input(p))),
    );
  });

  it('does not depend on how different prompts interleave', () => {
    const a = new RequestPlanner(options);
    const b = new RequestPlanner(options);
    const fromA = [answer(a, input('one')), answer(a, input('two'))];
    const fromB = [answer(b, input('two')), answer(b, input('one'))];
    assert.deepEqual(fromA, fromB.reverse());
  });

  it('varies a repeated prompt and changes with the seed', () => {
    const planner = new RequestPlanner(options);
    assert.notEqual(answer(planner, input('same')), answer(planner, input('same')));
    const other = new RequestPlanner(resolveSimOptions({ seed: 43 }));
    assert.notEqual(answer(new RequestPlanner(options), input('same')), answer(other, input('same')));
  });
});
