import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HostLoad, STALE_AFTER_MS } from '../../../src/sim/host-load.ts';

describe('HostLoad', () => {
  it("sums the other simulators' fresh announcements, not its own, and withdraws on close", () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-host-load-'));
    let now = 1_000_000;
    const clock = () => now;
    try {
      const a = new HostLoad(dir, clock, 'a');
      const b = new HostLoad(dir, clock, 'b');
      const c = new HostLoad(dir, clock, 'c/../evil');
      a.announce(2);
      b.announce(3);
      c.announce(1);
      assert.ok(
        readdirSync(dir).every((name) => /^[\w.-]+\.json$/.test(name)),
        'ids become safe file names',
      );
      assert.equal(a.othersBusyCores(), 4);
      b.announce(0);
      now += 500;
      assert.equal(a.othersBusyCores(), 1, 'b went idle');
      now += STALE_AFTER_MS;
      assert.equal(a.othersBusyCores(), 0, 'c stopped its heartbeat: stale');
      c.close();
      assert.equal(existsSync(join(dir, 'c_.._evil.json')), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing without a shared folder', () => {
    const load = new HostLoad('');
    load.announce(5);
    assert.equal(load.othersBusyCores(), 0);
    load.close();
  });
});
