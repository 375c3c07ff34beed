// `inferload k8s export`: a profile as the k6-operator runs it. The bundle that `make stress-test` runs (the
// streaming one where the runner image has xk6-sse, else the .http one) goes into a ConfigMap byte for byte, a
// prompt file beside it; the profile's variables become the runners' env; every manifest is checked against the
// operator's schema before it is written, so what is written is what `kubectl apply` accepts.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { BUILTIN_PROMPT_SETS } from '../../profiles/lib/defaults.ts';
import { ensureBuilt, validateProfile } from '../runner/ensure-built.ts';
import { validateSettings, type ProfileSettings } from '../runner/validate-settings.ts';
import { UserError } from '../util/errors.ts';
import { toolkitVersion } from '../util/toolkit-version.ts';
import { checkStructuralSchema, type StructuralSchema } from './structural-schema.ts';
import { CONFIGMAP_SCHEMA, TESTRUN_SCHEMA } from './testrun-crd-schema.ts';
import { buildManifests, CONFIGMAP_LIMIT_BYTES, SCRIPT_MOUNT, type Manifests } from './testrun-manifest.ts';

export const DEFAULT_RUNNER_IMAGE = 'grafana/k6:latest';
export const DEFAULT_READER_IMAGE = 'busybox:stable';
/** The files of an export, in the order `kubectl apply -f DIR` should see them. */
export const EXPORT_FILES = {
  configMap: 'configmap.yaml',
  claim: 'results-claim.yaml',
  testRun: 'testrun.yaml',
  reader: 'results-reader.yaml',
} as const;

// A DNS-1123 label: Jobs, Services and pods are named after the TestRun.
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface K8sExportOptions {
  profile: string;
  parallelism: number;
  /** The server as the runner pods reach it. */
  target: string | undefined;
  settings: Omit<ProfileSettings, 'TARGET_URL'>;
  name?: string;
  namespace?: string;
  image: string;
  /** The image's k6 was built with xk6-sse (the streaming bundle needs it). */
  imageHasSse: boolean;
  /** STREAM was asked for explicitly (else an image without xk6-sse falls back to STREAM=false, said). */
  streamExplicit: boolean;
  separate: boolean;
  /** An existing claim for the results; else `<name>-results` of `claimSize` is written. */
  claim?: string;
  claimSize: string;
  storageClass?: string;
  readerImage: string;
  /** Default k8s/<name>. */
  outDir?: string;
  log: (line: string) => void;
}

export interface K8sExportResult {
  name: string;
  dir: string;
  files: string[];
  manifests: Manifests;
  /** The bundle in the ConfigMap, as built under dist/k6/. */
  bundle: string;
  stream: boolean;
}

function checkName(name: string, parallelism: number): void {
  const longest = `${name}-service-${parallelism}`;
  if (!LABEL.test(name))
    throw new UserError(
      `k8s export: --name '${name}': expected a DNS-1123 label (lowercase letters, digits and '-', starting and ending alphanumeric)`,
    );
  if (longest.length > 63)
    throw new UserError(
      `k8s export: --name '${name}' is too long: the operator names a Service '${longest}' (${longest.length} characters, at most 63)`,
    );
}

function schemaCheck(manifest: unknown, schema: StructuralSchema, what: string): void {
  const errors = checkStructuralSchema(manifest, schema);
  if (errors.length > 0) throw new Error(`k8s export: the ${what} breaks its schema: ${errors.join('; ')}`);
}

/** Writes the manifests under `outDir` (default k8s/<name>); throws a UserError before writing on bad input. */
export async function exportK8s(options: K8sExportOptions): Promise<K8sExportResult> {
  validateProfile(options.profile);
  if (options.target === undefined || options.target === '')
    throw new UserError(
      "k8s export: --target / TARGET is required: the server's URL as the runner pods reach it (a Service's name, not 127.0.0.1)",
    );
  if (!Number.isInteger(options.parallelism) || options.parallelism < 1 || options.parallelism > 10_000)
    throw new UserError(
      `k8s export: --parallelism / PARALLELISM: expected a whole number from 1 to 10000, got ${String(options.parallelism)}`,
    );
  const name = options.name ?? `inferload-${options.profile}`;
  checkName(name, options.parallelism);

  let stream = options.settings.STREAM !== 'false';
  const settings: Record<string, string> = { ...options.settings };
  if (stream && !options.imageHasSse) {
    if (options.streamExplicit)
      throw new UserError(
        `k8s export: STREAM=true needs a runner image whose k6 has the k6/x/sse extension; ${options.image} ` +
          'is not marked as one: pass --image REF --image-sse (a k6 built with xk6-sse), or STREAM=false',
      );
    stream = false;
    settings['STREAM'] = 'false';
    options.log(
      `stream: off: ${options.image} has no k6/x/sse (pass --image REF --image-sse for a k6 built with xk6-sse); ` +
        'the runners measure whole responses, no TTFT or ITL',
    );
  }
  const checked = validateSettings({ ...settings, TARGET_URL: options.target } as ProfileSettings);
  const files: { key: string; text: string }[] = [];
  const bundles = await ensureBuilt(options.profile);
  const bundle = stream ? bundles.file : bundles.httpFile;
  const bytes = readFileSync(bundle);
  files.push({ key: basename(bundle), text: utf8(bytes, bundle) });
  const prompts = checked['PROMPTS'];
  if (prompts !== undefined && !(BUILTIN_PROMPT_SETS as readonly string[]).includes(prompts)) {
    // A prompt file travels in the ConfigMap too: the runners read it where the operator mounts it.
    const key = `prompts${extname(prompts).toLowerCase() || '.jsonl'}`;
    files.push({ key, text: utf8(readFileSync(prompts), prompts) });
    checked['PROMPTS'] = `${SCRIPT_MOUNT}/${key}`;
  }
  const total = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
  if (total > CONFIGMAP_LIMIT_BYTES)
    throw new UserError(
      `k8s export: the ConfigMap would hold ${total} bytes (${files.map((f) => f.key).join(', ')}), over ` +
        `Kubernetes' ${CONFIGMAP_LIMIT_BYTES}: use a smaller prompt file, or put the files on a volume claim`,
    );

  const bundleSha256 = createHash('sha256').update(bytes).digest('hex');
  const claimName = options.claim ?? `${name}-results`;
  const manifests = buildManifests({
    name,
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    profile: options.profile,
    parallelism: options.parallelism,
    files,
    bundleSha256,
    settings: checked,
    stream,
    image: options.image,
    separate: options.separate,
    claim: {
      name: claimName,
      ...(options.claim === undefined
        ? {
            create: {
              size: options.claimSize,
              ...(options.storageClass === undefined ? {} : { storageClass: options.storageClass }),
            },
          }
        : {}),
    },
    readerImage: options.readerImage,
  });
  schemaCheck(manifests.testRun, TESTRUN_SCHEMA, 'TestRun');
  schemaCheck(manifests.configMap, CONFIGMAP_SCHEMA, 'ConfigMap');

  const dir = resolve(options.outDir ?? join('k8s', name));
  mkdirSync(dir, { recursive: true });
  const header =
    `# written by inferload ${toolkitVersion} k8s export: profile ${options.profile}, ${options.parallelism} ` +
    `runners, bundle ${basename(bundle)} (sha256 ${bundleSha256})\n`;
  const written: string[] = [];
  const write = (file: string, manifest: unknown): void => {
    const path = join(dir, file);
    writeFileSync(path, header + stringify(manifest, { lineWidth: 0 }));
    written.push(path);
  };
  write(EXPORT_FILES.configMap, manifests.configMap);
  if (manifests.claim) write(EXPORT_FILES.claim, manifests.claim);
  write(EXPORT_FILES.testRun, manifests.testRun);
  write(EXPORT_FILES.reader, manifests.reader);
  return { name, dir, files: written, manifests, bundle, stream };
}

/** The steps after an export, for the user. */
export function describeNextSteps(result: K8sExportResult, namespace: string | undefined): string[] {
  const ns = namespace === undefined ? '' : ` -n ${namespace}`;
  const parts = `${result.name}-<i>`;
  return [
    `kubectl apply${ns} -f ${result.dir}`,
    `kubectl wait${ns} --for=jsonpath='{.status.stage}'=finished testrun/${result.name} --timeout=24h`,
    `kubectl cp${ns} ${result.name}-results:/results ./${result.name}-results   # ${parts}.json and .summary.json`,
    `inferload k8s collect --export ${result.dir} --from ./${result.name}-results`,
  ];
}

function utf8(bytes: Buffer, path: string): string {
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes))
    throw new UserError(`k8s export: ${path} is not UTF-8 text: a ConfigMap's data holds text only`);
  return text;
}
