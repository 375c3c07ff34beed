import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { groupLeaderOf, reportGroupLeader, withoutGroupLeader } from '../../../src/remote/ssh-cancel.ts';
import { buildCommandLine } from '../../../src/remote/ssh-exec.ts';

describe('ssh-cancel', () => {
  it('prints the shell pid first, then replaces the shell with the command line', () => {
    assert.equal(reportGroupLeader("printf '%s' x"), "echo $$; exec printf '%s' x");
    const { signal } = new AbortController();
    assert.equal(
      buildCommandLine(['sleep', '10'], { timeoutMs: 1500, signal }),
      'echo $$; exec timeout -k 2 1.5 sleep 10',
    );
  });

  it('runs as the leader of the session shell process group, its output intact after the pid line', () => {
    const line = buildCommandLine(['sh', '-c', 'ps -o pgid= -p $$; printf "%s" "$1"', 'sh', 'a b'], {
      signal: new AbortController().signal,
    });
    // setsid stands in for sshd, which starts each session's shell in a new session.
    const stdout = spawnSync('setsid', ['-w', 'sh', '-c', line], { encoding: 'utf8' }).stdout;
    const leader = groupLeaderOf(stdout);
    assert.match(leader ?? '', /^\d+$/);
    const [pgid, rest] = withoutGroupLeader(stdout).split('\n');
    assert.deepEqual([pgid?.trim(), rest], [leader, 'a b']);
  });

  it('reads the pid only once its whole line arrived, and leaves other output alone', () => {
    assert.equal(groupLeaderOf('123'), undefined);
    assert.equal(groupLeaderOf('123\nout'), '123');
    assert.equal(withoutGroupLeader('123\nout\n'), 'out\n');
    assert.equal(withoutGroupLeader('no pid\n'), 'no pid\n');
  });
});
