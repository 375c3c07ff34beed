// GENERATORS=a,b,c: the named load generators of the config, in that order (a name may repeat).
import type { InferloadConfig, LoadGeneratorConfig } from '../config/types.ts';
import { didYouMean } from '../config/did-you-mean.ts';
import { loadConfig } from '../config/load-config.ts';
import { isLoopbackUrl } from '../util/server-origin.ts';
import { UserError } from '../util/errors.ts';

/** The generators `list` names; a UserError naming the file and the key when one is not under load_generators. */
export function resolveGenerators(config: InferloadConfig, list: string): LoadGeneratorConfig[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const known = [...config.loadGenerators.keys()];
  if (names.length < 2) {
    throw new UserError(
      `--generators ${list}: expected at least two names from ${config.path}'s load_generators, comma-separated ` +
        `(${known.length > 0 ? known.join(', ') : 'the file defines none'})`,
    );
  }
  return names.map((name) => {
    const generator = config.loadGenerators.get(name);
    if (generator) return generator;
    throw new UserError(
      `--generators: ${config.path}: load_generators has no '${name}'${didYouMean(name, known)}; ` +
        `expected one of ${known.length > 0 ? known.join(', ') : '(none defined)'}`,
    );
  });
}

/** The generators `list` names in `config` (a file path, or loaded already); undefined without a list. */
export async function generatorsFrom(
  list: string | undefined,
  config: string | InferloadConfig | undefined,
): Promise<LoadGeneratorConfig[] | undefined> {
  if (list === undefined) return undefined;
  return resolveGenerators(typeof config === 'object' ? config : await loadConfig(config), list);
}

/** "3 load generators: a (embedded on local), ..." for the plan and the log. */
export function describeGenerators(generators: readonly LoadGeneratorConfig[]): string {
  const names = generators.map((g) => `${g.name} (${g.engine} on ${g.host.name})`);
  return `${names.length} load generators: ${names.join(', ')}`;
}

/**
 * Refuses a target on loopback when a generator runs on another machine: there 127.0.0.1 is that machine, whose
 * own port would get the load (or nothing at all). A generator reached over SSH on a loopback address is this one.
 */
export function checkGeneratorsReach(generators: readonly LoadGeneratorConfig[], targetUrl: string): void {
  if (!isLoopbackUrl(targetUrl)) return;
  const remote = generators.filter(
    (g) => g.host.connection === 'ssh' && !isLoopbackUrl(`http://${hostPart(g.host.address)}/`),
  );
  if (remote.length === 0) return;
  throw new UserError(
    `the target ${targetUrl} is on this machine's loopback, which load generators on other machines cannot ` +
      `reach (${remote.map((g) => `${g.name} on ${g.host.name}`).join(', ')}); give the server's address as ` +
      'they reach it (TARGET=http://<address>:<port>), or use generators on this machine',
  );
}

function hostPart(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}
