import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkResumeGenerators } from '../../../src/campaign/run-campaign.ts';
import type { CampaignRecord } from '../../../src/campaign/types.ts';

const done = [{}] as unknown as CampaignRecord['results'];

describe('checkResumeGenerators', () => {
  it('resumes with the same load generators, or with none as before', () => {
    checkResumeGenerators({ results: done, generators: ['a', 'box'] }, ['a', 'box'], '/c');
    checkResumeGenerators({ results: done }, undefined, '/c');
  });

  it('lets a campaign with no cell done yet start with any', () => {
    checkResumeGenerators({ results: [] }, ['a', 'box'], '/c');
    checkResumeGenerators({ results: [], generators: ['a'] }, undefined, '/c');
  });

  it('refuses to mix split and unsplit cells, or other generators, naming both', () => {
    assert.throws(
      () => checkResumeGenerators({ results: done }, ['a', 'box'], '/runs/c1'),
      /\/runs\/c1\/campaign\.json: its 1 cell\(s\) done ran with no GENERATORS= \(one engine here\), this command has GENERATORS=a,box/,
    );
    assert.throws(
      () => checkResumeGenerators({ results: done, generators: ['a', 'box'] }, undefined, '/c'),
      /ran with GENERATORS=a,box, this command has no GENERATORS=/,
    );
    assert.throws(
      () => checkResumeGenerators({ results: done, generators: ['a', 'box'] }, ['box', 'a'], '/c'),
      /GENERATORS=a,box, this command has GENERATORS=box,a/,
    );
  });
});
