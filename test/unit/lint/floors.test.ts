// The floors of docs/architecture.md are lint rules: a deliberate upward import fails lint, the same import
// from a floor above passes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { projectRoot } from '../../../src/util/paths.ts';

const eslint = new ESLint({ cwd: projectRoot });

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(projectRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the floors, as lint rules', { timeout: 60_000 }, () => {
  const cases: [string, string, RegExp][] = [
    [
      'src/results/upward.ts',
      "import { judgeRun } from '../diagnose/judge-run.ts';",
      /src\/results reads runs/,
    ],
    [
      'src/podman/upward.ts',
      "import { planDeployment } from '../deploy/plan-deployment.ts';",
      /deploy builds on it/,
    ],
    [
      'src/commands/verb.ts',
      "import { registerRuns } from './runs.ts';",
      /a verb does not import another verb/,
    ],
    [
      'src/engine/run/upward.ts',
      "import { runLoad } from '../../runner/run-load.ts';",
      /the engine stands alone/,
    ],
    ['src/util/upward.ts', "import { UserError } from '../config/issues.ts';", /ground floor/],
    [
      'src/report/upward.ts',
      "import { runLoad } from '../runner/run-load.ts';",
      /renders what others computed/,
    ],
    ['profiles/lib/upward.ts', "import { readFileSync } from 'node:fs';", /profiles run inside k6/],
    [
      'src/results/spawns.ts',
      "import { spawn } from 'node:child_process';",
      /start processes through src\/process/,
    ],
    [
      'src/deploy/spawns.ts',
      "import { spawn } from 'node:child_process';",
      /start processes through src\/process/,
    ],
  ];
  for (const [file, source, expected] of cases) {
    it(`refuses ${source} in ${file}`, async () => {
      const messages = await restrictedImports(file, `${source}\nexport const x = 1;\n`);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0] ?? '', expected);
    });
  }

  it('lets a floor import what lies below it', async () => {
    const allowed: [string, string][] = [
      ['src/diagnose/down.ts', "import { listRuns } from '../results/run-store.ts';"],
      ['src/commands/verb.ts', "import { addProfileOptions } from './options/profile-options.ts';"],
      ['src/engine/run/down.ts', "import { UserError } from '../../util/errors.ts';"],
      ['src/runner/down.ts', "import { readProfileEnv } from '../../profiles/lib/env.ts';"],
      ['src/process/start.ts', "import { spawn } from 'node:child_process';"],
    ];
    for (const [file, source] of allowed)
      assert.deepEqual(
        await restrictedImports(file, `${source}\nexport const x = 1;\n`),
        [],
        `${file}: ${source}`,
      );
  });
});
