// Proves an image's llama-server starts (loader, libraries, backend) without a model or a port.
import type { CommandRunner } from '../process/command-runner.ts';
import { execChecked } from '../process/exec-checked.ts';

/** Runs `llama-server --version` in a throwaway container and returns its version line. */
export async function checkLlamaImage(runner: CommandRunner, image: string): Promise<string> {
  const { stdout, stderr } = await execChecked(runner, [
    'podman',
    'run',
    '--rm',
    '--network',
    'none',
    image,
    '--version',
  ]);
  const version = `${stdout}\n${stderr}`.split('\n').find((line) => line.startsWith('version: '));
  if (!version)
    throw new Error(`${image}: llama-server --version printed no version line:\n${stderr.slice(-500)}`);
  return version;
}
