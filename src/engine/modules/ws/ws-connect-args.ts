// ws.connect(url, [params], callback): its arguments checked and read as ws.go parseConnectArgs does.

/** What ws.connect takes from its arguments. */
export interface WsConnectArgs {
  setup: (socket: unknown) => unknown;
  headers: Record<string, string>;
  tags: Record<string, string>;
  compression: boolean;
}

/** Reads `[params], callback`; k6's errors for a missing callback, bad tags or an unknown compression. */
export function parseConnectArgs(args: unknown[], userAgent: string): WsConnectArgs {
  if (args.length !== 1 && args.length !== 2) throw new Error('invalid number of arguments to ws.connect');
  const params = args.length === 2 ? args[0] : undefined;
  const setup = args[args.length - 1];
  if (typeof setup !== 'function') throw new Error('last argument to ws.connect must be a function');
  const parsed: WsConnectArgs = {
    setup: setup as WsConnectArgs['setup'],
    headers: { 'User-Agent': userAgent },
    tags: {},
    compression: false,
  };
  if (params === undefined || params === null) return parsed;
  const p = params as Record<string, unknown>;
  if (typeof p['headers'] === 'object' && p['headers'] !== null) {
    for (const [key, value] of Object.entries(p['headers'])) parsed.headers[key] = String(value);
  }
  if (p['tags'] !== undefined && p['tags'] !== null) {
    if (typeof p['tags'] !== 'object')
      throw new Error('invalid ws.connect() metric tags: tags must be an object');
    for (const [key, value] of Object.entries(p['tags'] as object)) parsed.tags[key] = String(value);
  }
  const compression = String(p['compression'] ?? '').trim();
  if (compression !== '') {
    if (compression !== 'deflate') {
      throw new Error(`unsupported compression algorithm '${compression}', supported algorithm is 'deflate'`);
    }
    parsed.compression = true;
  }
  return parsed;
}
