import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rfc3339Formatter } from '../../../../src/engine/output/rfc3339.ts';

// Node re-reads TZ when it changes at run time; each test file runs in its own process.
function formatIn(tz: string, epochMs: number): string {
  const previous = process.env['TZ'];
  process.env['TZ'] = tz;
  try {
    return new Rfc3339Formatter().format(epochMs);
  } finally {
    if (previous === undefined) delete process.env['TZ'];
    else process.env['TZ'] = previous;
  }
}

describe('Rfc3339Formatter', () => {
  const t = Date.UTC(2026, 7, 21, 7, 43, 41, 123);

  it('writes local time with the zone offset and trimmed fractional seconds', () => {
    // Rounded to microseconds, the precision an epoch-ms double keeps.
    assert.equal(formatIn('Europe/Berlin', t + 0.4567), '2026-08-21T09:43:41.123457+02:00');
    assert.equal(formatIn('Europe/Berlin', t), '2026-08-21T09:43:41.123+02:00');
    assert.equal(formatIn('America/New_York', t - 123), '2026-08-21T03:43:41-04:00');
    assert.equal(formatIn('Asia/Kolkata', t + 0.5), '2026-08-21T13:13:41.1235+05:30');
  });

  it('writes Z for UTC', () => {
    assert.equal(formatIn('UTC', t + 0.001), '2026-08-21T07:43:41.123001Z');
  });

  it('reuses the cached second and still moves across seconds', () => {
    const formatter = new Rfc3339Formatter();
    const a = formatter.format(t);
    const b = formatter.format(t + 500);
    const c = formatter.format(t + 1000);
    assert.deepEqual(
      [a, b, c].map((s) => new Date(s).getTime()),
      [t, t + 500, t + 1000],
    );
  });
});
