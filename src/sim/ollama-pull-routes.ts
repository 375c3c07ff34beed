// Ollama's model management and root: POST /api/pull (a known model, or one "pulled" on the spot) and GET /.
import { createHash } from 'node:crypto';
import { RequestError, sendJson, sendText } from './http-io.ts';
import { findModel, withDefaultTag } from './model-names.ts';
import { asObject, optionalBoolean, optionalString } from './request-fields.ts';
import type { Route, RouteCall } from './route.ts';

/** The status lines `ollama pull` prints, in the order Ollama streams them. */
function describePull(name: string, present: boolean): Record<string, unknown>[] {
  const digest = `sha256:${createHash('sha256').update(name).digest('hex')}`;
  const layer = present
    ? []
    : [{ status: `pulling ${digest.slice(7, 19)}`, digest, total: 700_000_000, completed: 700_000_000 }];
  return [
    { status: 'pulling manifest' },
    ...layer,
    { status: 'verifying sha256 digest' },
    { status: 'writing manifest' },
    { status: 'success' },
  ];
}

function handlePull({ ctx, res, body }: RouteCall): void {
  const request = asObject(body);
  const name = optionalString(request, 'model') ?? optionalString(request, 'name');
  if (!name || !/^[\w./:-]+$/.test(name))
    throw new RequestError(400, `invalid model name ${JSON.stringify(name ?? '')}`);
  const present = findModel(ctx.models, name) !== undefined;
  if (!present) ctx.models.add(withDefaultTag(name));
  const lines = describePull(name, present);
  if (optionalBoolean(request, 'stream') === false) return sendJson(res, 200, lines[lines.length - 1]);
  const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
  sendText(res, 200, 'application/x-ndjson', text);
}

export const ollamaPullRoutes: readonly Route[] = [
  {
    method: 'POST',
    paths: ['/api/pull'],
    style: 'ollama',
    generates: false,
    servesWhileLoading: true,
    handle: handlePull,
  },
  {
    method: 'GET',
    paths: ['/'],
    style: 'ollama',
    generates: false,
    servesWhileLoading: true,
    handle: ({ res }) => sendText(res, 200, 'text/plain; charset=utf-8', 'Ollama is running'),
  },
];
