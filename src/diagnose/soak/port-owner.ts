// Which local process listens on a TCP port, and when it started: /proc/net/tcp{,6} for the socket's inode,
// then the /proc/<pid>/fd links that point at it (only this user's processes can be seen).
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface PortOwner {
  readonly pid: number;
  /** Field 22 of /proc/<pid>/stat: clock ticks after boot. A new process on the same pid has another. */
  readonly startTicks: number;
}

function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1]?.split(':')[1];
      // st 0A is TCP_LISTEN; column 9 is the socket's inode.
      if (local !== undefined && parseInt(local, 16) === port && cols[3] === '0A' && cols[9])
        inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** The start time of `pid`, or undefined when it is gone. */
export function readStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** The process listening on `port` on this machine, or undefined when none (of this user's) does. */
export function findPortOwner(port: number): PortOwner | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  const targets = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${name}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = '';
      try {
        link = readlinkSync(`/proc/${name}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!targets.has(link)) continue;
      const pid = Number(name);
      const startTicks = readStartTicks(pid);
      if (startTicks !== undefined) return { pid, startTicks };
    }
  }
  return undefined;
}
