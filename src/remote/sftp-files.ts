// Files over SFTP: atomic upload (temporary name, mode, rename) and reading back.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';

// SFTP status code for a missing path (ssh2's STATUS_CODE.NO_SUCH_FILE).
const NO_SUCH_FILE = 2;

type SftpError = Error & { code?: number | string };

/** SFTP resolves relative paths from the login folder, which is what `~/` means. */
export function toSftpPath(path: string): string {
  if (path === '~') return '.';
  return path.startsWith('~/') ? path.slice(2) : path;
}

/** Writes content under a temporary name, sets its mode, then renames it over `path`. */
export async function uploadOverSftp(
  sftp: SFTPWrapper,
  content: string | Buffer,
  path: string,
  mode: number,
): Promise<void> {
  const target = toSftpPath(path);
  await ensureDirectory(sftp, posix.dirname(target));
  const temp = `${target}.inferload-${randomBytes(4).toString('hex')}`;
  try {
    // Private until renamed: content is complete and its mode final before it appears under the name.
    await call((done) => sftp.writeFile(temp, content, { mode: 0o600 }, done));
    await call((done) => sftp.chmod(temp, mode, done));
    await renameOver(sftp, temp, target);
  } catch (error) {
    await call((done) => sftp.unlink(temp, done)).catch(() => {});
    throw new Error(`Cannot upload ${path}: ${(error as Error).message}`);
  }
}

/** A file's text, or undefined when it does not exist. */
export async function readOverSftp(sftp: SFTPWrapper, path: string): Promise<string | undefined> {
  try {
    const data = await call<Buffer>((done) => sftp.readFile(toSftpPath(path), done));
    return data.toString('utf8');
  } catch (error) {
    if ((error as SftpError).code === NO_SUCH_FILE) return undefined;
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

async function renameOver(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
  try {
    // posix-rename@openssh.com replaces the target in one step; plain SFTP rename refuses an existing one.
    await call((done) => sftp.ext_openssh_rename(from, to, done));
  } catch {
    await call((done) => sftp.unlink(to, done)).catch(() => {});
    await call((done) => sftp.rename(from, to, done));
  }
}

async function ensureDirectory(sftp: SFTPWrapper, dir: string): Promise<void> {
  if (dir === '.' || dir === '/' || dir === '') return;
  try {
    await call<Stats>((done) => sftp.stat(dir, done));
    return;
  } catch (error) {
    if ((error as SftpError).code !== NO_SUCH_FILE) throw error;
  }
  await ensureDirectory(sftp, posix.dirname(dir));
  await call((done) => sftp.mkdir(dir, done)).catch(async (error: unknown) => {
    // Another writer may have created it meanwhile.
    await call<Stats>((done) => sftp.stat(dir, done)).catch(() => Promise.reject(error));
  });
}

function call<T = undefined>(
  start: (done: (error: Error | undefined | null, value?: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) =>
    start((error, value) => (error ? reject(error) : resolve(value as T))),
  );
}
