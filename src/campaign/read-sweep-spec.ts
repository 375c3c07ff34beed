// Reads config/sweeps/<name>.yaml into a SweepSpec; every schema error names the file, line, column and key,
// as `config check` does, and all of them are reported at once.
import { readFile } from 'node:fs/promises';
import { basename, extname, isAbsolute, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { formatIssue, IssueCollector } from '../config/issues.ts';
import { NodeReader, type Entry } from '../config/node-reader.ts';
import { PROFILE_CHOICES, PROFILE_DEFAULTS } from '../../profiles/lib/defaults.ts';
import { nsToMs, parseExtendedDuration } from '../engine/duration.ts';
import { parseObjective } from '../results/objective-defaults.ts';
import { UserError } from '../util/errors.ts';
import { readLoadFactors, readProxy, readServerFactors } from './read-spec-factors.ts';
import type { SweepSpec } from './sweep-spec.ts';

const TOP_KEYS = [
  'description',
  'server',
  'base_preset',
  'server_factors',
  'load_factors',
  'warmup_requests',
  'repetitions',
  'duration',
  'requests',
  'objective',
  'proxy',
  'api',
  'model',
  'stream',
  'memory',
];
const MEMORY_KEYS = ['kv_bytes_per_token', 'overhead_mb'];
const DEFAULT_OVERHEAD_MB = 256;

/** Reads and checks a spec file; throws a UserError (exit 2) listing every problem with file:line:column: key. */
export async function readSweepSpec(path: string): Promise<SweepSpec> {
  const shown = displayPath(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot read sweep spec ${shown}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  return parseSweepSpec(text, shown);
}

/** Parses a spec's text; `file` is how messages name it. */
export function parseSweepSpec(text: string, file: string): SweepSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues = new IssueCollector(file, lineCounter);
  for (const error of doc.errors) issues.error(error.pos[0], '', `YAML syntax error: ${error.message}`);
  if (issues.errors.length > 0) throw specErrors(file, issues);
  const reader = new NodeReader(doc, issues);
  const root = reader.resolve(doc.contents);
  const top = reader.map(root, '', undefined) ?? new Map<string, Entry>();
  reader.rejectUnknown(top, TOP_KEYS, 'a sweep spec');

  const int = (key: string, min: number, max: number, fallback: number): number =>
    reader.int(top.get(key), min, max) ?? fallback;
  const serverFactors = readServerFactors(reader, top.get('server_factors'));
  const loadFactors = readLoadFactors(reader, top.get('load_factors'), root);
  const requests = reader.int(top.get('requests'), 1, 10_000_000);
  const durationSeconds = readDuration(
    reader,
    top.get('duration'),
    requests,
    loadFactors.some((f) => f.name === 'rate'),
    root,
  );
  const objective = readObjective(reader, top.get('objective'));
  const stream = reader.boolean(top.get('stream'));
  const server = reader.string(top.get('server'), 'the name of a server in the config');
  const basePreset = reader.string(top.get('base_preset'), 'the name of a preset in the config');
  const spec: SweepSpec = {
    path: file,
    name: basename(file, extname(file)),
    text,
    ...(server === undefined ? {} : { server }),
    ...(basePreset === undefined ? {} : { basePreset }),
    serverFactors,
    loadFactors,
    fixedPreset: readProxy(reader, top.get('proxy')),
    warmupRequests: int('warmup_requests', 0, 10_000, 0),
    repetitions: int('repetitions', 1, 100, 1),
    durationSeconds,
    ...(requests === undefined ? {} : { requests }),
    ...(objective === undefined ? {} : { objective }),
    api: reader.oneOf(top.get('api'), PROFILE_CHOICES.API) ?? PROFILE_DEFAULTS.API,
    ...optionalModel(reader.string(top.get('model'), 'the model name sent with each request')),
    stream: stream ?? PROFILE_DEFAULTS.STREAM === 'true',
    memory: readMemory(reader, top.get('memory')),
  };
  // Ollama's native API streams NDJSON, which the profiles' SSE reader (k6/x/sse) cannot read: said here, not
  // found out in every cell.
  if (spec.api === 'ollama' && spec.stream)
    reader.issues.error(
      top.get('api')?.keyNode ?? (root as never),
      'api',
      "ollama streams NDJSON, which k6/x/sse cannot read: use api: openai (Ollama's OpenAI-compatible " +
        'endpoint, TTFT and ITL measured) or stream: false',
    );
  if (issues.errors.length > 0) throw specErrors(file, issues);
  return spec;
}

function readDuration(
  reader: NodeReader,
  entry: Entry | undefined,
  requests: number | undefined,
  byRate: boolean,
  root: unknown,
): number {
  if (entry !== undefined && requests !== undefined) {
    reader.issues.error(entry.keyNode, entry.path, 'give duration or requests, not both');
    return 0;
  }
  if (requests !== undefined) {
    // A request count is a duration only at a known arrival rate; closed-loop cells have none.
    if (!byRate)
      reader.issues.error(
        reader.nodeAt('requests'),
        'requests',
        'needs rate load factors (duration = requests / rate); with concurrency give duration',
      );
    return 0;
  }
  if (entry === undefined) {
    reader.issues.error(
      root as never,
      'duration',
      'missing; expected the load per cell, e.g. 30s (or requests with rate)',
    );
    return 0;
  }
  const text = reader.string(entry, 'a duration such as 30s or 2m', true);
  const ns =
    text === undefined ? undefined : parseExtendedDuration(/^\d+(\.\d+)?$/.test(text) ? `${text}s` : text);
  if (text !== undefined && (ns === undefined || ns <= 0)) reader.fail(entry, 'a duration such as 30s or 2m');
  return ns === undefined ? 0 : nsToMs(ns) / 1000;
}

function readObjective(reader: NodeReader, entry: Entry | undefined): string | undefined {
  const text = reader.string(entry, 'an objective such as e2e_p95=10s,errors=1%');
  if (entry === undefined || text === undefined) return undefined;
  try {
    parseObjective(text);
    return text;
  } catch (error) {
    reader.issues.error(entry.value, entry.path, (error as Error).message.replace(/^objective: /, ''));
    return undefined;
  }
}

function readMemory(reader: NodeReader, entry: Entry | undefined): SweepSpec['memory'] {
  const entries =
    entry === undefined
      ? new Map<string, Entry>()
      : (reader.map(entry.value, entry.path, entry.keyNode) ?? new Map<string, Entry>());
  reader.rejectUnknown(entries, MEMORY_KEYS, 'memory');
  const kv = reader.int(entries.get('kv_bytes_per_token'), 1, 1 << 30);
  const overheadMb = reader.int(entries.get('overhead_mb'), 0, 1 << 20) ?? DEFAULT_OVERHEAD_MB;
  return { ...(kv === undefined ? {} : { kvBytesPerToken: kv }), overheadBytes: overheadMb * 1024 * 1024 };
}

function specErrors(file: string, issues: IssueCollector): UserError {
  const count = issues.errors.length;
  const sorted = [...issues.errors].sort((a, b) => a.line - b.line || a.column - b.column);
  const lines = sorted.map((issue) => `  ${formatIssue(issue)}`);
  return new UserError([`${file}: ${count} error${count === 1 ? '' : 's'}`, ...lines].join('\n'), 2);
}

/** Relative to the working folder when inside it, so messages stay short and clickable. */
function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

function optionalModel(model: string | undefined): { model?: string } {
  return model === undefined ? {} : { model };
}
