// A server configuration that does not start (deploy fails and rolls back) is said and left, the campaign goes
// on with the others, and it ends as not complete (exit 1) so that the same command tries the cell again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import {
  openLocalLlamaWorkspace,
  stopLocalDeploy,
  tinyServerYaml,
} from '../../helpers/local-llama-workspace.ts';
import type { CampaignRecord } from '../../../src/campaign/types.ts';

describe('sweep: a server cell that does not deploy', { timeout: 180_000 }, () => {
  let work: string;
  let env: Record<string, string>;
  before(async () => {
    ({ work, env } = await openLocalLlamaWorkspace('inferload-sweep-fail-'));
  });
  after(() => stopLocalDeploy(work));

  it('records the failed deploy, runs the other cells, and exits 1 naming the cells left', async () => {
    const config = join(work, 'llama.yaml');
    writeFileSync(config, tinyServerYaml(await findFreePort()));
    const spec = join(work, 'broken.yaml');
    writeFileSync(
      spec,
      `server: tiny
server_factors:
  extra_args: [[--model, /nonexistent/model.gguf], []]
load_factors:
  concurrency: [1]
  max_tokens: [8]
duration: 2s
`,
    );
    const result = await runCli(
      ['sweep', '--spec', spec, '--config', config, '--engine', 'embedded', '--health-timeout', '30'],
      env,
      150_000,
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /campaign: server cell s00 did not deploy, its 1 cell\(s\) are left: deploy of preset \S+-s00 to tiny failed/,
    );
    assert.match(result.stderr, /1 cell\(s\) not run \(s00-l00-r1\): .*; the same command tries them again/);
    const campaigns = join(work, 'benchmarks', 'campaigns');
    const [id] = readdirSync(campaigns);
    const record = JSON.parse(
      readFileSync(join(campaigns, id ?? '', 'campaign.json'), 'utf8'),
    ) as CampaignRecord;
    assert.deepEqual(
      record.results.map((r) => r.cell.id),
      ['s01-l00-r1'],
      'the other server cell ran',
    );
    assert.equal(record.results[0]?.cell.server['extra_args'], '[]');
    assert.deepEqual(
      record.deployFailures?.map((f) => f.server),
      [0],
    );
    assert.equal(record.partial, true);
  });
});
