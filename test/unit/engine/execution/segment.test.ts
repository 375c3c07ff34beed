// Execution segments, sequences, tuples and the segmented index, with the expected values of k6's own tests
// (grafana/k6 lib/execution_segment_test.go; each describe names the Go test it ports).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createExecutionTuple,
  retupleByValue,
  scaleInt,
  tupleStripe,
  type ExecutionTuple,
} from '../../../../src/engine/execution/execution-tuple.ts';
import { parseRational } from '../../../../src/engine/execution/rational.ts';
import {
  formatSegment,
  formatSequence,
  parseSegment,
  parseSegmentSequence,
} from '../../../../src/engine/execution/segment.ts';
import { SegmentedIndex, unscaledOf } from '../../../../src/engine/execution/segmented-index.ts';

function tuple(segment: string, sequence = ''): ExecutionTuple {
  return createExecutionTuple(parseSegment(segment), parseSegmentSequence(sequence));
}

describe('TestExecutionSegmentUnmarshalText', () => {
  const ok: [string, string][] = [
    ['0:1', '0:1'],
    ['0.5:0.75', '1/2:3/4'],
    ['1/2:3/4', '1/2:3/4'],
    ['50%:75%', '1/2:3/4'],
    ['2/4:75%', '1/2:3/4'],
    ['75%', '0:3/4'],
    ['', '0:1'],
  ];
  for (const [input, expected] of ok) {
    it(`parses '${input}' as ${expected} and round-trips`, () => {
      assert.equal(formatSegment(parseSegment(input)), expected);
      assert.equal(formatSegment(parseSegment(formatSegment(parseSegment(input)))), expected);
    });
  }
  for (const input of ['125%', '1a5%', '1a5', '1a5%:2/3', '125%:250%', '55%:50%']) {
    it(`rejects '${input}'`, () => assert.throws(() => parseSegment(input)));
  }
  it("gives k6's messages", () => {
    assert.throws(() => parseSegment('1a5%'), { message: "'1a5%' is not a valid percentage" });
    assert.throws(() => parseSegment('1a5'), {
      message: "'1a5' is not a valid percentage, decimal, fraction or interval value",
    });
    assert.throws(() => parseSegment('55%:50%'), {
      message: 'segment start(0.55) must be less than its end(0.50)',
    });
    assert.throws(() => parseSegment('125%'), {
      message: "segment end value can't be more than 1 but was 1.25",
    });
    assert.throws(() => parseSegment('-1/2:1'), {
      message: 'segment start value must be at least 0 but was -0.50',
    });
  });
  it('reads decimals with exponents exactly', () => {
    assert.deepEqual(parseRational('2e-1'), { n: 1n, d: 5n });
    assert.deepEqual(parseRational('.25'), { n: 1n, d: 4n });
    assert.equal(parseRational('1/0'), undefined);
  });
});

describe('TestExecutionSegmentStringSequences', () => {
  const cases: [string, string[] | 'error', boolean][] = [
    ['', [], false],
    ['0.5', 'error', false],
    ['1,1', 'error', false],
    ['-0.5,1', 'error', false],
    ['1/2,1/2', 'error', false],
    ['1/2,1/3', 'error', false],
    ['0,1,1/2', 'error', false],
    ['0.5,1', ['1/2:1'], false],
    ['1/2,1', ['1/2:1'], true],
    ['1/3,2/3', ['1/3:2/3'], true],
    ['0,1/3,2/3', ['0:1/3', '1/3:2/3'], true],
    ['0,1/3,2/3,1', ['0:1/3', '1/3:2/3', '2/3:1'], true],
    ['0.5,0.7', ['1/2:7/10'], false],
    ['0.5,0.7,1', ['1/2:7/10', '7/10:1'], false],
    ['0,1/13,2/13,1/3,1/2,3/4,1', ['0:1/13', '1/13:2/13', '2/13:1/3', '1/3:1/2', '1/2:3/4', '3/4:1'], true],
  ];
  for (const [text, expected, canReverse] of cases) {
    it(`'${text}'`, () => {
      if (expected === 'error') {
        assert.throws(() => parseSegmentSequence(text));
        return;
      }
      const sequence = parseSegmentSequence(text);
      assert.deepEqual(sequence.map(formatSegment), expected);
      if (canReverse) assert.equal(formatSequence(sequence), text);
    });
  }
  it("names too few points and overlaps in k6's words", () => {
    assert.throws(() => parseSegmentSequence('0.5'), {
      message: 'at least 2 points are needed for an execution segment sequence, 1 given',
    });
    assert.throws(() => parseSegmentSequence('0,1/2,1/3,1'), {
      message: 'segment start(0.50) must be less than its end(0.33)',
    });
  });
});

describe('TestGetStripedOffsets', () => {
  const cases: [string, string, number, number[], number][] = [
    ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0:0.3', 0, [4, 3, 3], 10],
    ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.3:0.5', 1, [4, 6], 10],
    ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.5:0.6', 2, [10], 10],
    ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.6:0.7', 3, [10], 10],
    ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.8:0.9', 8, [10], 10],
    ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', '0.9:1', 9, [10], 10],
    ['0,0.2,0.5,0.6,0.7,0.8,0.9,1', '0.9:1', 9, [10], 10],
    ['0,0.2,0.5,0.6,0.7,0.8,0.9,1', '0:0.2', 1, [4, 6], 10],
    ['0,0.2,0.5,0.6,0.7,0.8,0.9,1', '0.6:0.7', 3, [10], 10],
    ['0,0.2,0.5', '0:0.2', 3, [6, 4], 10],
    ['0,0.2,0.5', '0.2:0.5', 1, [4, 2, 4], 10],
    ['0,2/5,4/5', '0:2/5', 0, [3, 2], 5],
    ['0,2/5,4/5', '2/5:4/5', 1, [3, 2], 5],
    ['', '0:0.2', 1, [5], 5],
    ['', '0:1/5', 1, [5], 5],
    ['', '0:2/10', 1, [5], 5],
    ['', '0:0.4', 1, [2, 3], 5],
    ['', '0:2/5', 1, [2, 3], 5],
    ['', '2/5:4/5', 1, [3, 2], 5],
    ['', '0:4/10', 1, [2, 3], 5],
    ['', '1/10:5/10', 1, [2, 2, 4, 2], 10],
  ];
  for (const [sequence, segment, start, offsets, lcd] of cases) {
    it(`seq:${sequence};segment:${segment}`, () => {
      assert.deepEqual(tupleStripe(tuple(segment, sequence)), { start, offsets, lcd });
    });
  }
});

describe('TestSequenceLCD', () => {
  const cases: [string, number][] = [
    ['0,0.3,0.5,0.6,0.7,0.8,0.9,1', 10],
    ['0,0.1,0.5,0.6,0.7,0.8,0.9,1', 10],
    ['0,0.2,0.5,0.6,0.7,0.8,0.9,1', 10],
    ['0,1/3,5/6', 6],
    ['0,1/3,4/7', 21],
  ];
  for (const [sequence, lcd] of cases) {
    const first = parseSegmentSequence(sequence)[0];
    it(sequence, () =>
      assert.equal(first && createExecutionTuple(first, parseSegmentSequence(sequence)).lcd, lcd),
    );
  }
});

describe('TestExecutionTupleScale, TestBigScale', () => {
  it('scales a bare segment and the same segment in a sequence alike', () => {
    for (const sequence of ['', '0,0.5,1']) {
      assert.deepEqual(
        [2, 3].map((v) => scaleInt(tuple('0.5', sequence), v)),
        [1, 2],
      );
      assert.deepEqual(
        [2, 3].map((v) => scaleInt(tuple('0.5:1.0', sequence), v)),
        [1, 1],
      );
    }
  });
  it('gives 0:7/20 of 0,7/20,7/10,1 18 of 50', () => {
    assert.equal(scaleInt(tuple('0:7/20', '0,7/20,7/10,1'), 50), 18);
  });
});

describe('TestGetNewExecutionTupleBesedOnValue', () => {
  it('re-cuts 0,1/3,2/3,1 by 20 into 0,7/20,7/10,1', () => {
    const cut = retupleByValue(tuple('0:1/3', '0,1/3,2/3,1'), 20);
    assert.equal(cut && formatSequence(cut.sequence), '0,7/20,7/10,1');
  });
});

describe('TestNewExecutionTuple', () => {
  type Case = [string, string, Record<number, number>, Record<number, Record<number, number> | null>];
  const whole = { 50: 50, 1: 1, 0: 0 };
  const cases: Case[] = [
    ['', '', whole, { 50: whole, 1: whole, 0: null }],
    ['0:1', '', whole, { 50: whole, 1: whole, 0: null }],
    ['0:1', '0,1', whole, { 50: whole, 1: whole, 0: null }],
    [
      '0:1/3',
      '0,1/3,2/3,1',
      { 50: 17, 3: 1, 2: 1, 1: 1, 0: 0 },
      {
        50: { 50: 17, 1: 1, 0: 0 },
        20: { 50: 18, 1: 1, 0: 0 },
        3: { 50: 17, 1: 1, 0: 0 },
        2: { 50: 25, 1: 1, 0: 0 },
        1: { 50: 50, 1: 1, 0: 0 },
        0: null,
      },
    ],
    [
      '1/3:2/3',
      '0,1/3,2/3,1',
      { 50: 17, 3: 1, 2: 1, 1: 0, 0: 0 },
      {
        50: { 50: 17, 1: 0, 0: 0 },
        20: { 50: 17, 1: 0, 0: 0 },
        3: { 50: 17, 1: 0, 0: 0 },
        2: { 50: 25, 1: 0, 0: 0 },
        1: null,
        0: null,
      },
    ],
    [
      '2/3:1',
      '0,1/3,2/3,1',
      { 50: 16, 3: 1, 2: 0, 1: 0, 0: 0 },
      {
        50: { 50: 16, 1: 0, 0: 0 },
        20: { 50: 15, 1: 0, 0: 0 },
        3: { 50: 16, 1: 0, 0: 0 },
        2: null,
        1: null,
        0: null,
      },
    ],
  ];
  for (const [segment, sequence, scales, newScales] of cases) {
    it(`seg:'${segment}',seq:'${sequence}'`, () => {
      const t = tuple(segment, sequence);
      for (const [value, expected] of Object.entries(scales))
        assert.equal(scaleInt(t, Number(value)), expected);
      for (const [value, expected] of Object.entries(newScales)) {
        const cut = retupleByValue(t, Number(value));
        if (expected === null) {
          assert.equal(cut, undefined, `re-cut by ${value}`);
          continue;
        }
        assert.ok(cut, `re-cut by ${value}`);
        for (const [v, e] of Object.entries(expected))
          assert.equal(scaleInt(cut, Number(v)), e, `${value}: ${v}`);
      }
    });
  }
});

describe('TestSegmentedIndex', () => {
  const walk = (index: SegmentedIndex, moves: string[]): [number, number][] =>
    moves.map((move) => {
      const r = move === 'n' ? index.next() : move === 'p' ? index.prev() : index.goTo(Number(move));
      return [r.unscaled, r.scaled];
    });
  it('full', () => {
    const steps = walk(new SegmentedIndex({ start: 0, lcd: 1, offsets: [1] }), [
      'n',
      'p',
      'n',
      'n',
      'n',
      'p',
      'p',
      'n',
    ]);
    assert.deepEqual(steps, [
      [1, 1],
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [2, 2],
      [1, 1],
      [2, 2],
    ]);
  });
  it('half', () => {
    const steps = walk(new SegmentedIndex({ start: 0, lcd: 2, offsets: [2] }), [
      'n',
      'p',
      'n',
      'n',
      'n',
      'p',
      'p',
      'p',
      'n',
    ]);
    assert.deepEqual(steps, [
      [1, 1],
      [0, 0],
      [1, 1],
      [3, 2],
      [5, 3],
      [3, 2],
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
  });
  it('the other half', () => {
    const steps = walk(new SegmentedIndex({ start: 1, lcd: 2, offsets: [2] }), [
      'n',
      'p',
      'n',
      'n',
      'n',
      'p',
      'p',
      'p',
      'n',
    ]);
    assert.deepEqual(steps, [
      [2, 1],
      [0, 0],
      [2, 1],
      [4, 2],
      [6, 3],
      [4, 2],
      [2, 1],
      [0, 0],
      [2, 1],
    ]);
  });
  it('strange', () => {
    const moves = ['n', 'p', 'n', 'n', 'n', 'p', 'p', 'p', 'n', '6', '5', '7', '8', '9', 'p', 'p', 'p'];
    const steps = walk(new SegmentedIndex({ start: 1, lcd: 7, offsets: [4, 3] }), moves);
    assert.deepEqual(steps, [
      [2, 1],
      [0, 0],
      [2, 1],
      [6, 2],
      [9, 3],
      [6, 2],
      [2, 1],
      [0, 0],
      [2, 1],
      [6, 2],
      [2, 1],
      [6, 2],
      [6, 2],
      [9, 3],
      [6, 2],
      [2, 1],
      [0, 0],
    ]);
  });
  it('finds the n-th position directly as next() does', () => {
    const stripe = { start: 1, lcd: 7, offsets: [4, 3] };
    const index = new SegmentedIndex(stripe);
    for (let n = 1; n <= 20; n++) assert.equal(unscaledOf(stripe, n), index.next().unscaled);
  });
});
