// Reads `hosts.NAME`: `local` runs here with no SSH; any other host is reached over SSH.
import { homedir } from 'node:os';
import { didYouMean } from './did-you-mean.ts';
import { join } from 'node:path';
import type { Entry, NodeReader } from './node-reader.ts';
import { PRESET_FILE_KEY_NAMES } from './preset-keys.ts';
import { readPresetValues } from './schema-preset.ts';
import { KNOWN_HOSTS_POLICIES, type HostConfig, type PresetValues } from './types.ts';

export const LOCAL_HOST = 'local';
/** The `preset_overrides` key that applies to every preset. */
export const ALL_PRESETS = 'all';

const SSH_KEYS = ['address', 'port', 'user', 'identity_file', 'ssh_agent', 'known_hosts', 'known_hosts_file'];
// No leading '-': an address or user that ssh could read as an option is refused outright.
const ADDRESS = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)$/;
const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

export interface ReadHost {
  host: HostConfig;
  /** Each `preset_overrides` entry, kept so the caller can check the preset names once presets are known. */
  overrideEntries: Entry[];
}

/** Reads one host; `local` takes only preset_overrides. */
export function readHost(reader: NodeReader, name: string, entry: Entry): ReadHost {
  const entries = reader.mapOrEmpty(entry.value, entry.path, entry.keyNode) ?? new Map<string, Entry>();
  const overrides = readOverrides(reader, entries.get('preset_overrides'));
  if (name === LOCAL_HOST) {
    for (const key of SSH_KEYS) {
      const found = entries.get(key);
      if (found)
        reader.issues.error(
          found.keyNode,
          found.path,
          'host local runs on this machine and takes no SSH settings',
        );
    }
    reader.rejectUnknown(entries, ['preset_overrides', ...SSH_KEYS], `host '${name}'`);
    return {
      host: { name, connection: 'local', presetOverrides: overrides.values },
      overrideEntries: overrides.entries,
    };
  }
  reader.rejectUnknown(entries, ['preset_overrides', ...SSH_KEYS], `host '${name}'`);
  const at = entry.keyNode;
  const addressEntry = reader.require(entries, 'address', entry.path, at, 'a host name or IP address');
  const address = reader.string(addressEntry, 'a host name or IP address');
  if (addressEntry && address !== undefined && !ADDRESS.test(address)) {
    reader.fail(addressEntry, 'a host name or IP address (letters, digits, dots, dashes; no leading dash)');
  }
  const userEntry = reader.require(entries, 'user', entry.path, at, 'the SSH login name, e.g. root');
  const user = reader.string(userEntry, 'an SSH login name');
  if (userEntry && user !== undefined && !USER.test(user))
    reader.fail(userEntry, 'a login name like root or deploy');
  const identityFile = reader.string(
    entries.get('identity_file'),
    'a private key path like ~/.ssh/id_ed25519',
  );
  const agent = reader.boolean(entries.get('ssh_agent'));
  const agentInvalid = entries.has('ssh_agent') && agent === undefined;
  if (!entries.has('identity_file') && agent !== true && !agentInvalid) {
    reader.issues.error(
      at,
      entry.path,
      'expected identity_file (a private key path) or ssh_agent: true; neither is set',
    );
  }
  const sshAgent = agent ?? false;
  const knownHostsFile = reader.string(entries.get('known_hosts_file'), 'a known_hosts file path');
  return {
    host: {
      name,
      connection: 'ssh',
      address: address ?? '',
      port: reader.int(entries.get('port'), 1, 65535) ?? 22,
      user: user ?? '',
      ...(identityFile === undefined ? {} : { identityFile: expandHome(identityFile) }),
      sshAgent,
      knownHosts: reader.oneOf(entries.get('known_hosts'), KNOWN_HOSTS_POLICIES) ?? 'strict',
      knownHostsFile: expandHome(knownHostsFile ?? '~/.ssh/known_hosts'),
      presetOverrides: overrides.values,
    },
    overrideEntries: overrides.entries,
  };
}

function readOverrides(
  reader: NodeReader,
  entry: Entry | undefined,
): { values: Map<string, PresetValues>; entries: Entry[] } {
  const values = new Map<string, PresetValues>();
  if (entry === undefined) return { values, entries: [] };
  const entries = reader.map(entry.value, entry.path, entry.keyNode);
  if (entries === undefined) return { values, entries: [] };
  for (const item of entries.values()) {
    const fields = reader.map(item.value, item.path, item.keyNode);
    if (fields === undefined) continue;
    reader.rejectUnknown(
      fields,
      PRESET_FILE_KEY_NAMES,
      `the overrides of preset '${item.key}' (extends is not allowed here)`,
    );
    values.set(item.key, readPresetValues(reader, fields));
  }
  return { values, entries: [...entries.values()] };
}

/** `~` and `~/x` become paths under the home folder; anything else is kept. */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  return path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}

/** The required `host:` of a server or load generator: its name, and the host when one of `hosts` has it. */
export function readHostReference(
  reader: NodeReader,
  entries: Map<string, Entry>,
  entry: Entry,
  hosts: Map<string, HostConfig>,
): { name?: string; host?: HostConfig } {
  const expected = 'the name of a host under hosts';
  const hostEntry = reader.require(entries, 'host', entry.path, entry.keyNode, expected);
  const name = reader.string(hostEntry, expected);
  const host = name === undefined ? undefined : hosts.get(name);
  if (hostEntry && name !== undefined && host === undefined) {
    reader.issues.error(
      hostEntry.value,
      hostEntry.path,
      `unknown host '${name}'${didYouMean(name, hosts.keys())}; expected one of ${[...hosts.keys()].join(', ')}`,
    );
  }
  return { ...(name === undefined ? {} : { name }), ...(host ? { host } : {}) };
}
