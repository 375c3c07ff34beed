// Reads `servers.NAME`: what runs where, how it is started, and where clients reach it.
import { checkDevice, DEVICE_EXPECTED } from '../podman/device-spec.ts';
import { checkImageReference, IMAGE_REFERENCE_EXPECTED } from '../podman/image-reference.ts';
import { checkExecArg } from '../podman/quadlet-escape.ts';
import { checkQuadletVolume, parseVolumeMount, VOLUME_EXPECTED, volumeArg } from '../podman/volume-mount.ts';
import { ENV_NAME, ENV_NAME_EXPECTED } from './argv-text.ts';
import { GENERATED_TINY, isGeneratedModel } from './model-source.ts';
import { readHostReference } from './schema-host.ts';
import type { Entry, NodeReader, TextCheck } from './node-reader.ts';
import {
  SERVER_KINDS,
  SERVER_RUNTIMES,
  type HostConfig,
  type ServerConfig,
  type ServerKind,
} from './types.ts';

const KEYS = [
  'host',
  'kind',
  'runtime',
  'image',
  'model',
  'port',
  'listen_address',
  'base_url',
  'health_url',
  'extra_args',
  'env',
  'binary',
  'devices',
  'volumes',
  'podman_args',
  'proxy_binary',
];
const CONTAINER_KEYS = ['image', 'devices', 'volumes', 'podman_args'];
const LISTEN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)$/;

const QUADLET_ARG: TextCheck = { expected: 'an argument quadlet can pass', problem: checkExecArg };

/** A volume podman -v takes exactly; under quadlet also one Volume= can hold. */
function volumeCheck(runtime: string | undefined): TextCheck {
  return {
    expected: VOLUME_EXPECTED,
    problem: (text) => {
      const parsed = parseVolumeMount(text);
      if ('problem' in parsed) return parsed.problem;
      return runtime === 'quadlet' ? checkQuadletVolume(volumeArg(parsed.mount)) : undefined;
    },
  };
}

/** Each kind's usual port, and the path that answers 200 once it is ready. */
export const KIND_DEFAULTS: Record<ServerKind, { port?: number; healthPath: string }> = {
  'llama.cpp': { port: 8080, healthPath: '/health' },
  vllm: { port: 8000, healthPath: '/health' },
  ollama: { port: 11434, healthPath: '/api/version' },
  openai: { healthPath: '/v1/models' },
};

/** Reads one server; `hosts` must already be read so the host reference and default URLs can be checked. */
export function readServer(
  reader: NodeReader,
  name: string,
  entry: Entry,
  hosts: Map<string, HostConfig>,
): ServerConfig | undefined {
  const entries = reader.map(entry.value, entry.path, entry.keyNode);
  if (entries === undefined) return undefined;
  reader.rejectUnknown(entries, KEYS, `server '${name}'`);
  const at = entry.keyNode;
  const need = (key: string, expected: string): Entry | undefined =>
    reader.require(entries, key, entry.path, at, expected);

  const { name: hostName, host } = readHostReference(reader, entries, entry, hosts);
  const kind = reader.oneOf(need('kind', `one of ${SERVER_KINDS.join(', ')}`), SERVER_KINDS);
  const runtime = reader.oneOf(need('runtime', `one of ${SERVER_RUNTIMES.join(', ')}`), SERVER_RUNTIMES);
  const container = runtime === 'podman' || runtime === 'quadlet';

  // The checks deploy's container spec makes (src/podman/container-spec.ts), here with file and line.
  const image = reader.string(
    container ? need('image', IMAGE_REFERENCE_EXPECTED) : entries.get('image'),
    IMAGE_REFERENCE_EXPECTED,
    false,
    container ? { expected: IMAGE_REFERENCE_EXPECTED, problem: checkImageReference } : undefined,
  );
  for (const key of CONTAINER_KEYS) {
    const found = entries.get(key);
    if (found && runtime !== undefined && !container) {
      reader.issues.warn(found.keyNode, found.path, `ignored: only the podman and quadlet runtimes use it`);
    }
  }
  const binary = reader.string(entries.get('binary'), 'an executable name or path');
  const proxyBinary = reader.string(entries.get('proxy_binary'), "nginx's executable name or path");
  if (entries.has('binary') && runtime !== undefined && runtime !== 'process') {
    reader.issues.warn(
      entries.get('binary')?.keyNode,
      `${entry.path}.binary`,
      'ignored: only runtime process uses it',
    );
  }
  if (kind === 'openai' && runtime === 'process' && !entries.has('binary')) {
    reader.issues.error(
      at,
      `${entry.path}.binary`,
      'missing; expected the executable to start (kind openai has no usual one)',
    );
  }

  const model = readModel(reader, entries, entry, kind, runtime);
  if (isGeneratedModel(model) && (hostName !== 'local' || runtime !== 'process')) {
    reader.issues.warn(
      entries.get('model')?.value,
      `${entry.path}.model`,
      `${GENERATED_TINY} is generated on this machine; it fits host local with runtime process`,
    );
  }

  const defaultPort = kind === undefined ? undefined : KIND_DEFAULTS[kind].port;
  const portEntry =
    defaultPort === undefined && kind !== undefined ? need('port', 'a TCP port') : entries.get('port');
  const port = reader.int(portEntry, 1, 65535) ?? defaultPort ?? 0;
  const listenEntry = entries.get('listen_address');
  const listen = reader.string(listenEntry, 'an address to bind, e.g. 127.0.0.1 or 0.0.0.0');
  if (listenEntry && listen !== undefined && !LISTEN.test(listen))
    reader.fail(listenEntry, 'an IP address or host name');
  // Inside a container the server must bind every interface for the published port to reach it.
  const listenAddress = listen ?? (container ? '0.0.0.0' : '127.0.0.1');

  const reachable = host?.connection === 'ssh' ? host.address : '127.0.0.1';
  const baseUrl = readUrl(reader, entries.get('base_url')) ?? `http://${bracketIpv6(reachable)}:${port}`;
  const healthPath = kind === undefined ? '/health' : KIND_DEFAULTS[kind].healthPath;
  const healthUrl =
    readUrl(reader, entries.get('health_url')) ?? `${baseUrl.replace(/\/+$/, '')}${healthPath}`;

  return {
    name,
    host: hostName ?? '',
    kind: kind ?? 'llama.cpp',
    runtime: runtime ?? 'process',
    ...(image === undefined ? {} : { image }),
    ...(model === undefined ? {} : { model }),
    port,
    listenAddress,
    baseUrl,
    healthUrl,
    extraArgs:
      reader.stringList(entries.get('extra_args'), runtime === 'quadlet' ? QUADLET_ARG : undefined) ?? [],
    env: reader.stringMap(entries.get('env'), ENV_NAME, ENV_NAME_EXPECTED) ?? {},
    ...(binary === undefined ? {} : { binary }),
    ...(proxyBinary === undefined ? {} : { proxyBinary }),
    devices:
      reader.stringList(
        entries.get('devices'),
        container ? { expected: DEVICE_EXPECTED, problem: checkDevice } : undefined,
      ) ?? [],
    volumes: reader.stringList(entries.get('volumes'), container ? volumeCheck(runtime) : undefined) ?? [],
    podmanArgs:
      reader.stringList(entries.get('podman_args'), runtime === 'quadlet' ? QUADLET_ARG : undefined) ?? [],
  };
}

function readModel(
  reader: NodeReader,
  entries: Map<string, Entry>,
  entry: Entry,
  kind: ServerKind | undefined,
  runtime: string | undefined,
): string | undefined {
  const needed = (kind === 'llama.cpp' || kind === 'vllm') && runtime !== 'external';
  const expected = `a model path or ${GENERATED_TINY}`;
  const modelEntry = needed
    ? reader.require(entries, 'model', entry.path, entry.keyNode, expected)
    : entries.get('model');
  const model = reader.string(modelEntry, expected);
  if (modelEntry === undefined || model === undefined) return undefined;
  // A value starting with '-' would be read as an option by the server (vLLM takes the model positionally).
  if (model.startsWith('-')) reader.fail(modelEntry, `${expected} not starting with '-'`);
  if (isGeneratedModel(model) && kind !== undefined && kind !== 'llama.cpp') {
    reader.fail(modelEntry, `a model for ${kind}; ${GENERATED_TINY} is a GGUF for llama.cpp only`);
  }
  return model;
}

function readUrl(reader: NodeReader, entry: Entry | undefined): string | undefined {
  const text = reader.string(entry, 'an http:// or https:// URL');
  if (entry === undefined || text === undefined) return undefined;
  if (URL.canParse(text) && /^https?:$/.test(new URL(text).protocol)) return text;
  reader.fail(entry, 'an http:// or https:// URL');
  return undefined;
}

function bracketIpv6(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
