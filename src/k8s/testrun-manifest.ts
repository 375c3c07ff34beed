// What `inferload k8s export` writes for the k6-operator: the bundle in a ConfigMap (the operator mounts it at
// /test), a TestRun whose runners get the profile's variables as env and write k6's JSON output and summary
// export to a shared claim under a name of their own (the runner Job's name, through the downward API), the
// claim, and a small pod that keeps the claim mounted so `kubectl cp` can fetch the results for `k8s collect`.

/** Where the operator mounts the script's ConfigMap in every runner. */
export const SCRIPT_MOUNT = '/test';
/** Where the runners (and the reader pod) mount the results claim. */
export const RESULTS_MOUNT = '/results';
/** The runner's own name (its Job's, `<name>-<index>`), as the downward API gives it. */
export const PART_VARIABLE = 'INFERLOAD_PART';
/** A ConfigMap holds at most this many bytes. */
export const CONFIGMAP_LIMIT_BYTES = 1_048_576;

const ANNOTATION = 'inferload';
export const PROFILE_ANNOTATION = `${ANNOTATION}/profile`;
export const BUNDLE_ANNOTATION = `${ANNOTATION}/bundle-sha256`;
export const STREAM_ANNOTATION = `${ANNOTATION}/stream`;

export interface ManifestInput {
  name: string;
  namespace?: string;
  profile: string;
  parallelism: number;
  /** The ConfigMap's files: the bundle first (the script the runners run), then a prompt file if any. */
  files: readonly { key: string; text: string }[];
  bundleSha256: string;
  /** The profile's variables, as the runners' env. */
  settings: Readonly<Record<string, string>>;
  stream: boolean;
  image: string;
  /** Spread the runners over distinct nodes (the operator's `separate`). */
  separate: boolean;
  /** The claim the results go to; `create` writes its manifest too. */
  claim: { name: string; create?: { size: string; storageClass?: string } };
  readerImage: string;
}

type Manifest = Record<string, unknown>;

export interface Manifests {
  configMap: Manifest;
  testRun: Manifest;
  claim?: Manifest;
  reader: Manifest;
}

/** A value as Kubernetes reads it literally: `$(VAR)` in an env value is expanded, `$$` stands for one `$`. */
export function escapeEnvValue(value: string): string {
  return value.replaceAll('$', '$$$$');
}

/** The names the operator derives from the TestRun's: Jobs `<name>-<i>`, Services `<name>-service-<i>`. */
export function partNames(name: string, parallelism: number): string[] {
  return Array.from({ length: parallelism }, (_, i) => `${name}-${i + 1}`);
}

/**
 * Part i's files on the claim (and in the folder `kubectl cp` makes of it). Plain JSON: k6 flushes it every
 * 200 ms, while its .gz output keeps what it compressed until the end, so a runner killed mid-run would leave none.
 */
export function partFiles(part: string): { metrics: string; summary: string } {
  return { metrics: `${part}.json`, summary: `${part}.summary.json` };
}

/** The segment the operator gives runner `index` (1-based) of `n`: (index-1)/n:index/n, 0 and 1 written as such. */
export function operatorSegment(index: number, n: number): string {
  const point = (i: number): string => (i === 0 ? '0' : i === n ? '1' : `${i}/${n}`);
  return `${point(index - 1)}:${point(index)}`;
}

export function buildManifests(input: ManifestInput): Manifests {
  const metadata = (name: string): Manifest => ({
    name,
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
    labels: { 'app.kubernetes.io/managed-by': 'inferload', [`${ANNOTATION}/testrun`]: input.name },
  });
  const configMapName = `${input.name}-bundle`;
  const script = input.files[0];
  if (!script) throw new Error('buildManifests: no bundle');
  const results = { name: 'results', persistentVolumeClaim: { claimName: input.claim.name } };
  const mount = { name: 'results', mountPath: RESULTS_MOUNT };
  const own = partFiles(`$(${PART_VARIABLE})`);
  const env = [
    ...Object.entries(input.settings).map(([name, value]) => ({ name, value: escapeEnvValue(value) })),
    { name: PART_VARIABLE, valueFrom: { fieldRef: { fieldPath: "metadata.labels['job-name']" } } },
    { name: 'K6_OUT', value: `json=${RESULTS_MOUNT}/${own.metrics}` },
    { name: 'K6_SUMMARY_EXPORT', value: `${RESULTS_MOUNT}/${own.summary}` },
  ];
  const testRun: Manifest = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: {
      ...metadata(input.name),
      annotations: {
        [PROFILE_ANNOTATION]: input.profile,
        [BUNDLE_ANNOTATION]: input.bundleSha256,
        [STREAM_ANNOTATION]: String(input.stream),
      },
    },
    spec: {
      parallelism: input.parallelism,
      ...(input.separate ? { separate: true } : {}),
      script: { configMap: { name: configMapName, file: script.key } },
      runner: {
        image: input.image,
        metadata: { labels: { 'app.kubernetes.io/managed-by': 'inferload' } },
        env,
        volumes: [results],
        volumeMounts: [mount],
      },
    },
  };
  const configMap: Manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata(configMapName),
    data: Object.fromEntries(input.files.map((file) => [file.key, file.text])),
  };
  const create = input.claim.create;
  const claim: Manifest | undefined = create && {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadata(input.claim.name),
    spec: {
      // Every runner writes its own files at once, possibly from different nodes.
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: create.size } },
      ...(create.storageClass === undefined ? {} : { storageClassName: create.storageClass }),
    },
  };
  const reader: Manifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadata(`${input.name}-results`),
    spec: {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'results',
          image: input.readerImage,
          command: ['sleep', '86400'],
          volumeMounts: [{ ...mount, readOnly: true }],
        },
      ],
      volumes: [results],
    },
  };
  return { configMap, testRun, ...(claim ? { claim } : {}), reader };
}
