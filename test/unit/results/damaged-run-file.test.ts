import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  DamagedRunFileError,
  describeDamage,
  displayPath,
  type DamagedRunFile,
} from '../../../src/results/damaged-run-file.ts';
import { UserError } from '../../../src/util/errors.ts';

const damage: DamagedRunFile = {
  path: '/work/benchmarks/run-1/metrics.json.gz',
  file: 'metrics.json.gz',
  problem: 'cut short (the gzip stream ends without its trailer)',
  recovered: 'read 12 points up to there — figures after that moment are missing',
  unusable: false,
};

describe('damaged run files', () => {
  it('names a file relative to the working directory when it lies under it, else by its full path', () => {
    assert.equal(
      displayPath('/work/benchmarks/run-1/meta.json', '/work'),
      join('benchmarks', 'run-1', 'meta.json'),
    );
    assert.equal(displayPath('/elsewhere/run-1/meta.json', '/work'), '/elsewhere/run-1/meta.json');
  });

  it('describes the file, the damage and what was recovered in one line', () => {
    assert.equal(
      describeDamage(damage, 'benchmarks/run-1/metrics.json.gz'),
      'benchmarks/run-1/metrics.json.gz: cut short (the gzip stream ends without its trailer); read 12 points up to there — figures after that moment are missing',
    );
  });

  it('is a UserError carrying the damage', () => {
    const error = new DamagedRunFileError(damage);
    assert.ok(error instanceof UserError);
    assert.equal(error.exitCode, 2);
    assert.equal(error.damage, damage);
    assert.equal(error.message, describeDamage(damage));
  });
});
