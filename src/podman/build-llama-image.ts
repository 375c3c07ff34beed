// Entry point of scripts/build-llama-image.sh: the private llama-server, then its image, on this machine.
import { parseArgs } from 'node:util';
import { installLlamaServer } from '../local/llama-install.ts';
import { checkLlamaImage } from './check-llama-image.ts';
import { ensureLlamaImage } from './ensure-llama-image.ts';
import { LLAMA_IMAGE } from './llama-image-recipe.ts';
import { createLocalRunner } from './local-runner.ts';

const USAGE = `usage: scripts/build-llama-image.sh [--force] [--image NAME] [--check]
  --force   rebuild even when the image matches the installed packages
  --image   image name (default ${LLAMA_IMAGE})
  --check   run llama-server --version in the image afterwards`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      force: { type: 'boolean', default: false },
      image: { type: 'string', default: LLAMA_IMAGE },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const log = (line: string): void => console.error(`build-llama-image: ${line}`);
  const installed = await installLlamaServer({ onProgress: log });
  if (!installed.ok) {
    log(`llama-server unavailable: ${installed.reason}`);
    return 10;
  }
  const started = Date.now();
  const runner = createLocalRunner();
  const result = await ensureLlamaImage(runner, {
    image: values.image,
    force: values.force,
    onProgress: log,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `${result.built ? 'built' : 'kept'} ${result.image} (${result.id.slice(0, 12)}, root ${result.rootDigest}) in ${seconds} s`,
  );
  if (values.check) log(await checkLlamaImage(runner, result.image));
  console.log(result.image);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`build-llama-image: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
