// k6's REST API of one part, called on the part's own host (its API listens on loopback there) with curl over the
// generator's session: the same calls drive a real k6 started with --paused and the embedded engine.
import type { RemoteSession } from '../remote/session.ts';

export interface PartStatus {
  status: number;
  paused: boolean;
  running: boolean;
  stopped: boolean;
  vus: number;
}

/** k6's ExecutionStatus PausedBeforeRun: VUs initialized, waiting for the resume. */
export const PAUSED_BEFORE_RUN = 4;

// bash 5, for /dev/tcp and EPOCHREALTIME: the connection to the API is opened before the sleep and the clock read
// without a fork, so the release is one write with no process to start at that moment. $1: when (epoch us, the
// host's clock); $2: the PATCH body; $3, $4: the API's host and port. Prints when the request was sent and when
// its answer came (epoch us, the host's clock).
const RESUME_AT = [
  'exec 3<>"/dev/tcp/$3/$4" || exit 1',
  'd=$(( $1 - ${EPOCHREALTIME/./} ))',
  `if [ "$d" -gt 0 ]; then sleep "$((d / 1000000)).$(printf '%06d' $((d % 1000000)))"; fi`,
  'a=${EPOCHREALTIME/./}',
  "printf 'PATCH /v1/status HTTP/1.1\\r\\nHost: %s\\r\\nContent-Type: application/json\\r\\n" +
    'Content-Length: %d\\r\\nConnection: close\\r\\n\\r\\n%s\' "$3" "${#2}" "$2" >&3',
  'IFS= read -r status <&3',
  'b=${EPOCHREALTIME/./}',
  'case "$status" in "HTTP/1."?" 200"*) ;; *) echo "the API answered: $status" >&2; exit 1 ;; esac',
  'echo "$a $b"',
].join('\n');

export class PartApi {
  constructor(
    private readonly session: RemoteSession,
    /** host:port on the part's host. */
    readonly address: string,
  ) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const argv = ['curl', '-sS', '--max-time', '5', '-X', method, '-H', 'Content-Type: application/json'];
    if (body !== undefined) argv.push('--data-binary', JSON.stringify(body));
    const result = await this.session.exec([...argv, `http://${this.address}${path}`], { timeoutMs: 10_000 });
    if (result.code !== 0)
      throw new Error(`${method} ${path} on ${this.session.host}: ${result.stderr.trim()}`);
    return JSON.parse(result.stdout) as unknown;
  }

  async status(): Promise<PartStatus> {
    const body = (await this.call('GET', '/v1/status')) as { data?: { attributes?: PartStatus } };
    const attributes = body.data?.attributes;
    if (!attributes)
      throw new Error(`GET /v1/status on ${this.session.host}: no status in ${JSON.stringify(body)}`);
    return attributes;
  }

  /**
   * Resumes the paused part at `atMs` on its own clock (epoch ms): a waiter started now on its host sleeps until
   * then and sends the PATCH there, so the transport's delay (an SSH channel can take a few hundred ms) is not in
   * the start. Resolves with when the PATCH was sent and answered, on the part's clock.
   */
  async resumeAt(atMs: number): Promise<{ sentMs: number; answeredMs: number }> {
    const body = JSON.stringify({ data: { type: 'status', id: 'default', attributes: { paused: false } } });
    const colon = this.address.lastIndexOf(':');
    const [host, port] = [this.address.slice(0, colon), this.address.slice(colon + 1)];
    const at = String(Math.round(atMs) * 1000);
    const argv = ['bash', '-c', RESUME_AT, 'bash', at, body, host, port];
    const result = await this.session.exec(argv, { timeoutMs: Math.max(0, atMs - Date.now()) + 30_000 });
    const [sent, answered] = result.stdout
      .trim()
      .split(' ')
      .map((us) => (/^\d{16}$/.test(us) ? Number(us) / 1000 : Number.NaN));
    if (result.code !== 0 || sent === undefined || answered === undefined || Number.isNaN(sent + answered))
      throw new Error(`resume on ${this.session.host}: exit ${result.code}: ${result.stderr.trim()}`);
    return { sentMs: sent, answeredMs: answered };
  }

  /** Stops the part as Ctrl-C would: it ends, writing its summary and outputs. */
  async stop(): Promise<void> {
    await this.call('PATCH', '/v1/status', {
      data: { type: 'status', id: 'default', attributes: { stopped: true } },
    });
  }

  /** A metric's current aggregate (count and rate for a Counter, rate for a Rate); undefined before its first sample. */
  async metric(id: string): Promise<Record<string, number> | undefined> {
    try {
      const body = (await this.call('GET', `/v1/metrics/${encodeURIComponent(id)}`)) as {
        data?: { attributes?: { sample?: Record<string, number> } };
      };
      return body.data?.attributes?.sample;
    } catch {
      return undefined;
    }
  }
}
