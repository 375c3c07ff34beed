// Makes sure Ollama has the preset's model (pulled when missing) and loaded, then reads it back from /api/ps.
import { request } from 'undici';
import { httpGetJson } from '../util/http-get.ts';
import { check, type ExpectedServer, type VerifyCheck } from './verify.ts';

interface ModelsAnswer {
  models?: { name?: string; model?: string; expires_at?: string }[];
}

// Pulling a large model takes long; the deploy's own health timeout already bounds the wait for the server.
const PULL_TIMEOUT_MS = 30 * 60_000;

async function post(url: string, body: object, timeoutMs: number): Promise<{ status: number; text: string }> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/** Ollama accepts `llama3` for `llama3:latest`. */
function sameModel(listed: string | undefined, wanted: string): boolean {
  if (listed === undefined) return false;
  const tag = (name: string): string => (name.includes(':') ? name : `${name}:latest`);
  return tag(listed) === tag(wanted);
}

function listedIn(answer: ModelsAnswer, model: string): { name?: string; expires_at?: string } | undefined {
  return (answer.models ?? []).find((m) => sameModel(m.name ?? m.model, model));
}

/** Pulls the model when /api/tags lacks it, loads it with the preset's keep_alive, checks /api/ps. */
export async function ollamaChecks(
  baseUrl: string,
  expected: ExpectedServer,
  log: (line: string) => void,
): Promise<VerifyCheck[]> {
  const model = expected.model;
  if (model === undefined) return [check('model (server model)', 'set', undefined)];
  const tags = (await httpGetJson(`${baseUrl}/api/tags`, 10_000)) as ModelsAnswer;
  let present = listedIn(tags, model) ? 'present' : 'missing';
  if (present === 'missing') {
    log(`  pulling ${model} (not on the server yet)`);
    const pulled = await post(`${baseUrl}/api/pull`, { model, stream: false }, PULL_TIMEOUT_MS);
    present =
      pulled.status === 200 ? 'pulled' : `pull failed: HTTP ${pulled.status} ${pulled.text.slice(0, 200)}`;
  }
  // An empty generate loads the model without generating; keep_alive then comes from the server's setting.
  const loaded = await post(`${baseUrl}/api/generate`, { model }, PULL_TIMEOUT_MS);
  const ps = (await httpGetJson(`${baseUrl}/api/ps`, 10_000)) as ModelsAnswer;
  const running = listedIn(ps, model);
  return [
    check(
      'model on the server (/api/tags, /api/pull)',
      'present or pulled',
      present === 'present' || present === 'pulled' ? 'present or pulled' : present,
    ),
    check(
      'model loaded (/api/ps)',
      model,
      running ? model : `not loaded (load answered HTTP ${loaded.status})`,
    ),
  ];
}
