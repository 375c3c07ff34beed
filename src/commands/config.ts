// `inferload config check|show`: validate config/llama.yaml, and show what a preset becomes for a server.
import type { Command } from 'commander';
import { UserError } from '../util/errors.ts';
import { didYouMean } from '../config/did-you-mean.ts';
import { checkThreadsAgainstCores, readCpuTopology } from '../config/cpu-topology.ts';
import { formatIssue } from '../config/issues.ts';
import { checkConfigFile, configErrors, loadConfig } from '../config/load-config.ts';
import { serverLaunch, type ServerLaunch } from '../config/preset-flags.ts';
import { fileKeyOf, PRESET_FILE_KEYS } from '../config/preset-keys.ts';
import { resolvePreset } from '../config/resolve-preset.ts';
import type { InferloadConfig, ResolvedPreset, ServerConfig } from '../config/types.ts';

interface ShowFlags {
  config?: string;
  preset?: string;
  server?: string;
  json?: boolean;
}

const DEFAULT_PROGRAM: Record<ServerConfig['kind'], string> = {
  'llama.cpp': 'llama-server',
  vllm: 'vllm serve',
  ollama: 'ollama serve',
  openai: '<binary>',
};

/** Registers `config check` and `config show`. */
export function registerConfig(program: Command): void {
  const config = program.command('config').description('Check the config file and show resolved presets');
  config
    .command('check')
    .description('validate the config (default config/llama.yaml, or $CONFIG); exit 2 on errors')
    .option('--config <path>', 'the config file to check')
    .action(async (flags: { config?: string }) => {
      const checked = await checkConfigFile(flags.config);
      for (const warning of checked.warnings) console.error(`warning: ${formatIssue(warning)}`);
      if (checked.config === undefined) throw configErrors(checked);
      console.log(`${checked.shown}: OK`);
      for (const line of summarizeConfig(checked.config)) console.log(`  ${line}`);
    });
  config
    .command('show')
    .description('print a resolved preset and the server arguments it maps to, with warnings')
    .option('--config <path>', 'the config file to read')
    .option('--preset <name>', 'preset to resolve (default: active_preset)')
    .option('--server <name>', 'server to map it onto (default: the first server)')
    .option('--json', 'print JSON')
    .action(async (flags: ShowFlags) => {
      const loaded = await loadConfig(flags.config);
      const server = pickServer(loaded, flags.server);
      const preset = resolvePreset(loaded, flags.preset, server.host);
      const launch = serverLaunch(preset, server);
      if (loaded.hosts.get(server.host)?.connection === 'local')
        launch.warnings.push(...(await localThreadWarnings(preset)));
      if (flags.json) console.log(JSON.stringify({ preset, server, launch }, null, 2));
      else for (const line of renderShow(preset, server, launch)) console.log(line);
    });
}

function pickServer(config: InferloadConfig, name: string | undefined): ServerConfig {
  const names = [...config.servers.keys()];
  const chosen = name ?? names[0];
  const server = chosen === undefined ? undefined : config.servers.get(chosen);
  if (server !== undefined) return server;
  if (chosen === undefined) throw new UserError(`${config.path} defines no servers; add one under servers:`);
  throw new UserError(
    `unknown server '${chosen}'${didYouMean(chosen, names)}; expected one of ${names.join(', ')}`,
  );
}

/** Topology is only readable for this machine; a missing sysfs just means no core check. */
async function localThreadWarnings(preset: ResolvedPreset): Promise<string[]> {
  try {
    return checkThreadsAgainstCores(preset, await readCpuTopology());
  } catch {
    return [];
  }
}

/** One line per section for `config check`. */
export function summarizeConfig(config: InferloadConfig): string[] {
  const hosts = [...config.hosts.values()].map((h) =>
    h.connection === 'local' ? h.name : `${h.name} (${h.user}@${h.address}:${h.port})`,
  );
  const servers = [...config.servers.values()].map(
    (s) => `${s.name} (${s.kind}, ${s.runtime} on ${s.host}, ${s.baseUrl})`,
  );
  const presets = [...config.presets.values()].map((p) => {
    const parent = p.extends === undefined ? '' : ` extends ${p.extends}`;
    return `${p.name}${parent}${p.name === config.activePreset ? ' (active)' : ''}`;
  });
  return [
    `hosts: ${hosts.join(', ')}`,
    `servers: ${servers.join(', ') || 'none'}`,
    `presets: ${presets.join(', ')}`,
  ];
}

/** The human form of `config show`. */
export function renderShow(preset: ResolvedPreset, server: ServerConfig, launch: ServerLaunch): string[] {
  const lines = [
    `preset ${preset.name} (${preset.chain.join(' -> ')}) on host ${server.host}` +
      `, server ${server.name} (${server.kind}, ${server.runtime})`,
  ];
  if (preset.description !== undefined) lines.push(`  ${preset.description}`);
  for (const name of Object.keys(PRESET_FILE_KEYS) as (keyof typeof PRESET_FILE_KEYS)[]) {
    const value = preset[PRESET_FILE_KEYS[name]];
    if (value === undefined) continue;
    const shown = Array.isArray(value) ? JSON.stringify(value) : String(value);
    const mark = preset.setKeys.includes(PRESET_FILE_KEYS[name]) ? '' : '   (default)';
    lines.push(`  ${fileKeyOf(PRESET_FILE_KEYS[name]).padEnd(22)} ${shown}${mark}`);
  }
  lines.push(
    `  ${'context'.padEnd(22)} ${preset.ctxSize} (ctx_per_slot ${preset.ctxPerSlot} x ${preset.parallelSlots} slots)`,
  );
  const program = programLabel(server);
  lines.push('argv (one element per argument; no shell is involved):', `  ${JSON.stringify(launch.args)}`);
  lines.push('as a command line:', `  ${[program, ...launch.args.map(quoteForDisplay)].join(' ')}`);
  const env = Object.entries(launch.env);
  if (env.length > 0) lines.push('env:', ...env.map(([k, v]) => `  ${k}=${quoteForDisplay(v)}`));
  const options = Object.entries(launch.requestOptions);
  if (options.length > 0) lines.push('request options:', ...options.map(([k, v]) => `  ${k}: ${v}`));
  if (launch.warnings.length > 0) lines.push('warnings:', ...launch.warnings.map((w) => `  - ${w}`));
  return lines;
}

/** What the arguments follow: the executable, the image's entrypoint, or nothing inferload starts. */
function programLabel(server: ServerConfig): string {
  if (server.runtime === 'process') return server.binary ?? DEFAULT_PROGRAM[server.kind];
  if (server.runtime === 'external') return '(external, not started by inferload)';
  return `[${server.image ?? 'image'} entrypoint]`;
}

/** POSIX single quotes where needed, for reading and pasting only: launches always use the argv array. */
function quoteForDisplay(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
