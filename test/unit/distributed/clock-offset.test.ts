import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { measureClockOffset } from '../../../src/distributed/clock-offset.ts';
import { createLocalSession } from '../../../src/remote/local-session.ts';
import type { RemoteSession, StreamingCommand } from '../../../src/remote/session.ts';

/** A host whose clock runs `aheadMs` ahead of ours, answering each line after `delays` (ms, one per exchange). */
function skewedHost(aheadMs: number, delays: number[]): RemoteSession {
  const stream = (_argv: string[], onStdout: (chunk: string) => void): StreamingCommand => {
    let ended: () => void = () => undefined;
    const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      ended = () => resolve({ code: 0, stdout: '', stderr: '' });
    });
    return {
      done,
      stop: () => ended(),
      write: () => {
        const delay = delays.shift() ?? 50;
        // Their clock is read half-way through the exchange, as a symmetric link would.
        setTimeout(() => {
          const theirs = BigInt(Math.round((Date.now() + aheadMs) * 1000)) * 1000n;
          setTimeout(() => onStdout(`${theirs}\n`), delay / 2);
        }, delay / 2);
      },
    };
  };
  return { host: 'skewed', stream } as unknown as RemoteSession;
}

describe('measureClockOffset', () => {
  it('finds a host 5 s ahead from the exchange with the shortest round trip', async () => {
    const offset = await measureClockOffset(skewedHost(5000, [80, 60, 4, 70, 90, 40, 30, 50]));
    assert.ok(Math.abs(offset.offsetMs - 5000) <= offset.uncertaintyMs + 2, JSON.stringify(offset));
    assert.ok(offset.uncertaintyMs < 10, `the 4-ms exchange won: ${JSON.stringify(offset)}`);
  });

  it('reads this machine as its own clock, within a few ms, through one open shell', async () => {
    const session = createLocalSession();
    const offset = await measureClockOffset(session);
    assert.ok(Math.abs(offset.offsetMs) <= offset.uncertaintyMs + 1, JSON.stringify(offset));
    assert.ok(offset.uncertaintyMs < 50, JSON.stringify(offset));
    await session.close();
  });
});
