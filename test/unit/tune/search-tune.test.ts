import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  contendersOf,
  planRungCounts,
  rankAtLast,
  rungSecondsOf,
  searchTune,
  TuneInterrupted,
} from '../../../src/tune/search-tune.ts';
import { gridCandidates } from '../../../src/tune/tune-space.ts';
import {
  DEFAULT_TUNE,
  type TuneCandidate,
  type TuneSettings,
  type TuneTrial,
} from '../../../src/tune/types.ts';

const settings: TuneSettings = { ...DEFAULT_TUNE, fullSeconds: 60, cellsPerConfig: 1 };
const grid = gridCandidates([
  { name: 'parallel_slots', values: [1, 2, 4, 8, 16, 32] },
  { name: 'threads_gen', values: [1, 2, 4, 8, 16] },
  { name: 'batch_size', values: [128, 512, 2048] },
]);
// A peak at slots 8, threads 4, batch 512 (x = 0.6, 0.5, 0.5), falling off in every direction.
const surface = (c: TuneCandidate): number =>
  20 - 30 * ((c.x[0] ?? 0) - 0.6) ** 2 - 40 * ((c.x[1] ?? 0) - 0.5) ** 2 - 10 * ((c.x[2] ?? 0) - 0.5) ** 2;
const best = grid.reduce((a, b) => (surface(b) > surface(a) ? b : a));

describe('rungSecondsOf and planRungCounts', () => {
  it('lengthens cells eta-fold per rung, never under the minimum', () => {
    assert.deepEqual(rungSecondsOf(settings), [15, 30, 60]);
    assert.deepEqual(rungSecondsOf({ ...settings, eta: 3 }), [60 / 9, 20, 60]);
    assert.deepEqual(rungSecondsOf({ ...settings, eta: 3, fullSeconds: 18 }), [4, 6, 18]);
  });

  it('tries every configuration at rung 0 when halving from there fits the budget, fewer when not', () => {
    assert.deepEqual(planRungCounts(24, { ...settings, eta: 4 }), [24, 6, 2]);
    assert.deepEqual(planRungCounts(120, { ...settings, eta: 3 }), [90, 30, 10]);
    assert.ok(90 * (60 / 9) + 30 * 20 + 10 * 60 <= 0.25 * 120 * 60);
    // eta 2: cells of 15, 30 and 60 s, so rung 0 reaches only a third of the configurations.
    assert.deepEqual(planRungCounts(120, settings), [40, 20, 10]);
    assert.ok(40 * 15 + 20 * 30 + 10 * 60 <= 0.25 * 120 * 60);
  });
});

describe('searchTune', () => {
  it('finds the peak of a noise-free surface within a quarter of the exhaustive load, saying why', async () => {
    const lines: string[] = [];
    const result = await searchTune(
      grid,
      settings,
      async (c, seconds) => ({ score: surface(c), held: true, loadSeconds: seconds, runIds: [] }),
      (kind, text) => lines.push(`${kind} ${text}`),
    );
    assert.equal(result.best, best.index);
    assert.notEqual(result.runnerUp, undefined);
    assert.ok(result.loadSeconds <= 0.25 * result.exhaustiveSeconds, `${result.loadSeconds}`);
    assert.equal(result.exhaustiveSeconds, 90 * 60);
    assert.equal(result.stoppedBy, 'converged');
    // Every rung ran, longer cells on fewer configurations.
    const [r0 = 0, r1 = 0, r2 = 0] = [0, 1, 2].map((r) => result.trials.filter((t) => t.rung === r).length);
    assert.ok(r0 > r1 && r1 >= r2 && r2 >= 3, `${r0} ${r1} ${r2}`);
    assert.ok(lines.some((l) => /^dropped c\d\d: model .* below the cut/.test(l)));
    assert.ok(lines.some((l) => /^promoted c\d\d to rung 1/.test(l)));
    assert.match(lines.find((l) => l.startsWith('stopped')) ?? '', /no configuration left is likely/);
    assert.match(lines.at(-2) ?? '', /^picked best c\d\d parallel_slots=8 threads_gen=4 batch_size=512/);
    assert.equal(result.estimates.length, grid.length);
  });

  it('promotes a configuration rung 0 never tried when the model rates it', async () => {
    const lines: string[] = [];
    // 27% of the configurations' worth of budget: rung 0 cannot try them all.
    await searchTune(
      grid,
      { ...settings, maxLoadShare: 0.15 },
      async (c, seconds) => ({ score: surface(c), held: true, loadSeconds: seconds, runIds: [] }),
      (kind, text) => lines.push(`${kind} ${text}`),
    );
    assert.match(lines[0] ?? '', /allows \d+ of 90 configurations at rung 0/);
    assert.ok(lines.some((l) => l.includes('(not tried yet: the model rates it)')));
  });

  it('ranks a configuration that held the objective above a faster one that did not', async () => {
    const result = await searchTune(
      grid,
      settings,
      async (c, seconds) => ({
        score: surface(c),
        held: c.index !== best.index,
        loadSeconds: seconds,
        runIds: [],
      }),
      () => {},
    );
    assert.notEqual(result.best, best.index);
  });

  it('gives the leaders one full cell does not separate more full cells, so one lucky cell does not pick', async () => {
    // A neighbour of the peak whose first full cell is lucky (the peak's value + 2), its later ones true.
    const lucky = grid.find((c) => c.index !== best.index && surface(c) > surface(best) - 1.5);
    assert.ok(lucky);
    const lines: string[] = [];
    let luckyFull = 0;
    const result = await searchTune(
      grid,
      settings,
      async (c, seconds, rung) => {
        const luck =
          c.index === lucky.index && rung === 2 && luckyFull++ === 0 ? surface(best) + 2 : undefined;
        return { score: luck ?? surface(c), held: true, loadSeconds: seconds, runIds: [] };
      },
      (kind, text) => lines.push(`${kind} ${text}`),
    );
    const fullCells = (index: number): number =>
      result.trials.filter((t) => t.rung === 2 && t.candidate === index).length;
    assert.ok(fullCells(lucky.index) >= 2, `lucky ran ${fullCells(lucky.index)} full cells`);
    assert.ok(grid.every((c) => fullCells(c.index) <= 3));
    assert.ok(
      lines.some((l) =>
        /^promoted c\d\d for full cell 2: \d+ configurations their full cells do not separate from the best/.test(
          l,
        ),
      ),
    );
    assert.equal(result.best, best.index);
    assert.ok(result.loadSeconds <= 0.25 * result.exhaustiveSeconds, `${result.loadSeconds}`);
  });

  it('finds a one-configuration optimum its neighbours hide, where rung 0 cannot try everything', async () => {
    // The smooth surface up to 8 slots, then a cliff (16 and 32 slots serve nothing), except one needle at
    // 16 slots next to the smooth peak: the model, fitted to the cliff around it, cannot infer it; only a
    // cell on it finds it, and only its own measurement can promote it.
    const needle = grid.find(
      (c) =>
        c.factors['parallel_slots'] === 16 &&
        c.factors['threads_gen'] === 4 &&
        c.factors['batch_size'] === 512,
    );
    assert.ok(needle);
    const cliff = (c: TuneCandidate): number =>
      c === needle ? 30 : Number(c.factors['parallel_slots']) >= 16 ? 0 : surface(c);
    const lines: string[] = [];
    const result = await searchTune(
      grid,
      settings,
      async (c, seconds) => ({ score: cliff(c), held: true, loadSeconds: seconds, runIds: [] }),
      (kind, text) => lines.push(`${kind} ${text}`),
    );
    assert.match(lines[0] ?? '', /allows 28 of 90 configurations at rung 0: 19 spread over the space/);
    assert.ok(
      lines.some((l) =>
        /^promoted c\d\d to rung 0: next to c\d\d \(goodput [\d.]+ req\/s at rung 0\)/.test(l),
      ),
    );
    assert.equal(result.best, needle.index);
    assert.ok(result.loadSeconds <= 0.25 * result.exhaustiveSeconds, `${result.loadSeconds}`);
  });

  it('keeps every cell measured when interrupted', async () => {
    let calls = 0;
    const result = await searchTune(
      grid,
      settings,
      async (c, seconds) => {
        calls += 1;
        if (calls === 12) throw new TuneInterrupted('Ctrl-C');
        return { score: surface(c), held: true, loadSeconds: seconds, runIds: [`run-${calls}`] };
      },
      () => {},
    );
    assert.equal(result.stoppedBy, 'interrupted');
    assert.equal(result.trials.length, 11);
    assert.equal(result.best, undefined);
    assert.match(result.decisions.at(-1)?.text ?? '', /interrupted: Ctrl-C/);
  });

  it('gives any other error to the caller', async () => {
    await assert.rejects(
      searchTune(
        grid,
        settings,
        async () => {
          throw new Error('boom');
        },
        () => {},
      ),
      /boom/,
    );
  });
});

describe('rankAtLast', () => {
  const full = (candidate: number, score: number, held = true): TuneTrial => ({
    candidate,
    score,
    held,
    rung: 2,
    cellSeconds: 60,
    loadSeconds: 60,
    runIds: [],
  });
  // The model puts configuration 1 at 10 and 2 at 9.5; their full cells measured 9.8 and 9.9.
  const model = (i: number): number => (i === 1 ? 10 : 9.5);

  it('ranks by the model where it follows the full cells within twice its noise', () => {
    const ranked = rankAtLast([full(1, 9.8), full(2, 9.9)], 2, model, 0.5);
    assert.deepEqual(
      ranked.map((r) => [r.candidate, r.estimate]),
      [
        [1, 10],
        [2, 9.5],
      ],
    );
  });

  it('ranks by the full cells where the model does not follow them, its noise scaled by the cell count', () => {
    // Configuration 2 measured 12 twice: 2.5 above the model, over 2 x 1 / sqrt(2).
    const ranked = rankAtLast([full(1, 9.8), full(2, 12), full(2, 12)], 2, model, 1);
    assert.deepEqual(
      ranked.map((r) => [r.candidate, r.estimate, r.cells]),
      [
        [2, 12, 2],
        [1, 10, 1],
      ],
    );
    // Without the model's noise the model's mean decides, as before.
    assert.equal(rankAtLast([full(1, 9.8), full(2, 12)], 2, model)[0]?.candidate, 1);
  });

  it('puts configurations that held the objective first, and ignores shorter cells', () => {
    const ranked = rankAtLast(
      [full(1, 30, false), full(2, 9), { ...full(3, 50), rung: 1, cellSeconds: 30 }],
      2,
      model,
      1,
    );
    assert.deepEqual(
      ranked.map((r) => r.candidate),
      [2, 1],
    );
  });
});

describe('contendersOf', () => {
  const result = (candidate: number, score: number, cells = 1, held = true) => ({
    candidate,
    score,
    held,
    cells,
    mean: score,
    estimate: score,
    rung: 2,
    cellSeconds: 60,
    loadSeconds: 60 * cells,
    runIds: [],
  });

  it('keeps the leaders within 10% of the best when the noise is small', () => {
    const ranking = [result(1, 10), result(2, 9.2), result(3, 8.5), result(4, 9.9, 1, false)];
    assert.deepEqual(
      contendersOf(ranking, 0.1).map((r) => r.candidate),
      [1, 2],
    );
  });

  it('widens to two standard errors of the difference when one cell is that noisy, narrowing with cells', () => {
    // Noise 1.2 req/s a cell: one cell each, 2 x 1.2 x sqrt(2) = 3.4 wide; three cells each, 2.0.
    const single = [result(1, 10), result(2, 7.5), result(3, 6)];
    assert.deepEqual(
      contendersOf(single, 1.2).map((r) => r.candidate),
      [1, 2],
    );
    const triple = [result(1, 10, 3), result(2, 7.5, 3)];
    assert.deepEqual(
      contendersOf(triple, 1.2).map((r) => r.candidate),
      [1],
    );
    assert.deepEqual(contendersOf([], 1), []);
  });
});
