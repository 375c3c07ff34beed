// Busy cores shared between simulators on one host: each announces its own in a file of a shared folder.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** An announcement older than this is from a simulator that died or hung: it no longer counts. */
export const STALE_AFTER_MS = 3000;
/** A busy simulator rewrites its announcement this often, so the others know it is alive. */
const HEARTBEAT_MS = 1000;
/** How long the others' announcements are reused before the folder is read again. */
const REFRESH_MS = 200;

interface Announcement {
  readonly busyCores: number;
  readonly at: number;
}

/**
 * One simulator's view of the host: it writes `<id>.json` ({busyCores, at}) into the shared folder when its
 * busy cores change (and every second while busy), and sums the fresh announcements of the others.
 */
export class HostLoad {
  private readonly dir: string;
  private readonly file: string;
  private readonly now: () => number;
  private announced: Announcement | undefined;
  private others = 0;
  private readAt = -Infinity;

  constructor(dir: string, now: () => number = Date.now, id = `${hostname()}-${process.pid}-${randomTag()}`) {
    this.dir = dir;
    this.now = now;
    this.file = `${id.replace(/[^\w.-]/g, '_')}.json`;
    if (dir !== '') mkdirSync(dir, { recursive: true });
  }

  /** Announces this simulator's busy cores when they changed or the heartbeat is due. */
  announce(busyCores: number): void {
    if (this.dir === '') return;
    const now = this.now();
    const last = this.announced;
    if (last && last.busyCores === busyCores && (busyCores === 0 || now - last.at < HEARTBEAT_MS)) return;
    this.announced = { busyCores, at: now };
    const path = join(this.dir, this.file);
    // Written whole under another name, then renamed: a reader never sees half a file.
    writeFileSync(`${path}.tmp`, JSON.stringify(this.announced));
    renameSync(`${path}.tmp`, path);
  }

  /** Busy cores the other simulators announced recently (the folder is read at most every 200 ms). */
  othersBusyCores(): number {
    if (this.dir === '') return 0;
    const now = this.now();
    if (now - this.readAt < REFRESH_MS) return this.others;
    this.readAt = now;
    this.others = 0;
    for (const name of readdirSync(this.dir)) {
      if (name === this.file || !name.endsWith('.json')) continue;
      const announcement = readAnnouncement(join(this.dir, name));
      if (announcement && now - announcement.at < STALE_AFTER_MS) this.others += announcement.busyCores;
    }
    return this.others;
  }

  /** Removes this simulator's announcement. */
  close(): void {
    if (this.dir !== '') rmSync(join(this.dir, this.file), { force: true });
  }
}

function readAnnouncement(path: string): Announcement | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Announcement>;
    if (typeof value.busyCores === 'number' && typeof value.at === 'number') return value as Announcement;
  } catch {
    // Removed between the listing and the read, or not ours: it does not count.
  }
  return undefined;
}

function randomTag(): string {
  return Math.floor(Math.random() * 0x100000000).toString(36);
}
