// A RemoteSession that answers from a table and records every command and upload, for deploy unit tests.
import type { ExecResult, RemoteSession } from '../../../src/remote/session.ts';

export interface FakeSession extends RemoteSession {
  commands: string[][];
  uploads: string[];
}

/** `answers` maps a command (its argv joined by spaces) to its result; anything else exits 127. */
export function fakeSession(answers: Record<string, Partial<ExecResult>>): FakeSession {
  const commands: string[][] = [];
  const uploads: string[] = [];
  return {
    host: 'box',
    commands,
    uploads,
    exec(argv) {
      commands.push(argv);
      const answer = answers[argv.join(' ')];
      return Promise.resolve({ code: 127, stdout: '', stderr: 'not found', ...answer });
    },
    stream() {
      throw new Error('fake session: stream is not expected here');
    },
    upload(_content, remotePath) {
      uploads.push(remotePath);
      return Promise.resolve();
    },
    readFile: () => Promise.resolve(undefined),
    close: () => Promise.resolve(),
  };
}
