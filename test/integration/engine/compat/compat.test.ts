// The k6 compatibility suite: every case under test/fixtures/k6-compat/<case>/ runs through `inferload k6 run`
// on the embedded engine, and its summary export is compared with the values recorded in expected.json.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../helpers/run-cli.ts';
import { startCompatServers } from '../../../helpers/k6-compat-servers.ts';

const casesDir = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'k6-compat');
const tmp = mkdtempSync(join(tmpdir(), 'inferload-compat-'));

type Expected = number | { min: number; max: number };

interface CompatCase {
  servers: string[];
  exitCode: number;
  metrics: Record<string, Record<string, Expected>>;
  checks: Record<string, { passes: number; fails: number }>;
  stdoutIncludes: string[];
  stderrIncludes: string[];
}

interface ExportedGroup {
  groups: Record<string, ExportedGroup>;
  checks: Record<string, { passes: number; fails: number }>;
}

interface SummaryExport {
  metrics: Record<string, Record<string, unknown>>;
  root_group: ExportedGroup;
}

const KEYS = ['servers', 'exitCode', 'metrics', 'checks', 'stdoutIncludes', 'stderrIncludes'];

/** Reads a case's expected.json; an unknown key or a wrong type fails naming the file and the key. */
function readCase(file: string): CompatCase {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key))
      throw new Error(`${file}: unknown key '${key}' (expected one of ${KEYS.join(', ')})`);
  }
  const stringList = (key: string): string[] => {
    const value = raw[key] ?? [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      throw new Error(`${file}: '${key}' must be a list of strings`);
    return value as string[];
  };
  const exitCode = raw['exitCode'] ?? 0;
  if (typeof exitCode !== 'number') throw new Error(`${file}: 'exitCode' must be a number`);
  const metrics = (raw['metrics'] ?? {}) as CompatCase['metrics'];
  for (const [metric, stats] of Object.entries(metrics)) {
    for (const [stat, value] of Object.entries(stats)) {
      const ok =
        typeof value === 'number' ||
        (typeof value === 'object' && typeof value.min === 'number' && typeof value.max === 'number');
      if (!ok) throw new Error(`${file}: metrics.${metric}.${stat} must be a number or {"min": n, "max": n}`);
    }
  }
  return {
    servers: stringList('servers'),
    exitCode,
    metrics,
    checks: (raw['checks'] ?? {}) as CompatCase['checks'],
    stdoutIncludes: stringList('stdoutIncludes'),
    stderrIncludes: stringList('stderrIncludes'),
  };
}

/** Sums each check's passes and fails over every group, as k6's summary counts them per name and group. */
function collectChecks(group: ExportedGroup, into = new Map<string, { passes: number; fails: number }>()) {
  for (const [name, check] of Object.entries(group.checks)) {
    const seen = into.get(name) ?? { passes: 0, fails: 0 };
    into.set(name, { passes: seen.passes + check.passes, fails: seen.fails + check.fails });
  }
  for (const child of Object.values(group.groups)) collectChecks(child, into);
  return into;
}

function compareStat(where: string, actual: unknown, expected: Expected): void {
  assert.equal(
    typeof actual,
    'number',
    `${where}: not in the summary export (got ${JSON.stringify(actual)})`,
  );
  if (typeof expected === 'number') assert.equal(actual, expected, where);
  else
    assert.ok(
      (actual as number) >= expected.min && (actual as number) <= expected.max,
      `${where}: ${String(actual)} not in [${expected.min}, ${expected.max}]`,
    );
}

const cases = existsSync(casesDir)
  ? readdirSync(casesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];

describe('k6 compatibility cases on the embedded engine', { concurrency: 2, timeout: 600_000 }, () => {
  it('has cases, each with script.js, expected.json and SOURCE.md', () => {
    assert.ok(cases.length > 0, `no cases under ${casesDir}`);
    for (const name of cases) {
      for (const file of ['script.js', 'expected.json', 'SOURCE.md'])
        assert.ok(existsSync(join(casesDir, name, file)), `${name}/${file} is missing`);
    }
  });

  for (const name of cases) {
    it(name, { timeout: 120_000 }, async () => {
      const dir = join(casesDir, name);
      const expected = readCase(join(dir, 'expected.json'));
      const servers = await startCompatServers(expected.servers);
      try {
        const exportFile = join(tmp, `${name}.summary.json`);
        const envFlags = Object.entries(servers.env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
        const result = await runCli(
          ['k6', 'run', '--quiet', '--summary-export', exportFile, ...envFlags, join(dir, 'script.js')],
          { NO_COLOR: '1' },
        );
        const output = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
        assert.equal(result.code, expected.exitCode, `${name}: exit code\n${output}`);
        for (const text of expected.stdoutIncludes)
          assert.ok(result.stdout.includes(text), `${name}: stdout lacks '${text}'\n${output}`);
        for (const text of expected.stderrIncludes)
          assert.ok(result.stderr.includes(text), `${name}: stderr lacks '${text}'\n${output}`);
        if (Object.keys(expected.metrics).length === 0 && Object.keys(expected.checks).length === 0) return;
        assert.ok(existsSync(exportFile), `${name}: no summary export was written\n${output}`);
        const summary = JSON.parse(readFileSync(exportFile, 'utf8')) as SummaryExport;
        for (const [metric, stats] of Object.entries(expected.metrics)) {
          const actual = summary.metrics[metric];
          assert.ok(
            actual,
            `${name}: metric '${metric}' missing (has ${Object.keys(summary.metrics).join(', ')})`,
          );
          for (const [stat, value] of Object.entries(stats))
            compareStat(`${name}: ${metric}.${stat}`, actual[stat], value);
        }
        const checks = collectChecks(summary.root_group);
        for (const [check, counts] of Object.entries(expected.checks)) {
          assert.deepEqual(checks.get(check), counts, `${name}: check '${check}'\n${output}`);
        }
      } finally {
        await servers.close();
      }
    });
  }
});
