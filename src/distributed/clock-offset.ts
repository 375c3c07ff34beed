// A generator's clock against ours, measured at start over its session the way NTP does it: one command stays
// open on the host and answers each line we send with `date +%s%N`; each exchange is bracketed by our clock, so
// the offset is their time minus the exchange's midpoint, right within half its round trip. The exchange with
// the shortest round trip wins. One open channel keeps an SSH channel's setup (hundreds of ms on a busy host)
// out of the round trip, which is then the network's and the fork of `date`.
import type { RemoteSession } from '../remote/session.ts';

export interface ClockOffset {
  /** Their clock minus ours, in ms. */
  offsetMs: number;
  /** Half the best round trip: the offset is right within this. */
  uncertaintyMs: number;
}

const PROBE = 'while read -r _; do date +%s%N; done';
const ANSWER_TIMEOUT_MS = 10_000;

/** The offset from the best of `tries` exchanges (8 by default); throws when the host's `date` gives no ns. */
export async function measureClockOffset(session: RemoteSession, tries = 8): Promise<ClockOffset> {
  let buffer = '';
  let waiting: ((line: string) => void) | undefined;
  const probe = session.stream(
    ['sh', '-c', PROBE],
    (chunk) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline < 0 || !waiting) return;
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const answer = waiting;
      waiting = undefined;
      answer(line);
    },
    { stdin: true },
  );
  const write = probe.write;
  if (!write) throw new Error(`host ${session.host}: the session cannot keep a command's input open`);
  try {
    let best: ClockOffset | undefined;
    for (let i = 0; i < tries; i++) {
      const answered = new Promise<string>((resolve, reject) => {
        waiting = resolve;
        setTimeout(
          () => reject(new Error(`host ${session.host}: no answer from 'date +%s%N'`)),
          ANSWER_TIMEOUT_MS,
        ).unref();
        void probe.done.then((exit) =>
          reject(new Error(`host ${session.host}: clock probe exited ${exit.code}: ${exit.stderr.trim()}`)),
        );
      });
      const before = Date.now();
      write('\n');
      const text = (await answered).trim();
      const after = Date.now();
      if (!/^\d{19}$/.test(text)) throw new Error(`host ${session.host}: 'date +%s%N' gave '${text}'`);
      const theirs = Number(BigInt(text) / 1000n) / 1000;
      const measured = { offsetMs: theirs - (before + after) / 2, uncertaintyMs: (after - before) / 2 };
      if (best === undefined || measured.uncertaintyMs < best.uncertaintyMs) best = measured;
    }
    return best as ClockOffset;
  } finally {
    probe.stop();
  }
}
