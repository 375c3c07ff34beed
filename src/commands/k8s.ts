import type { Command } from 'commander';
import { collectK8s } from '../k8s/collect-k8s.ts';
import {
  DEFAULT_READER_IMAGE,
  DEFAULT_RUNNER_IMAGE,
  describeNextSteps,
  exportK8s,
} from '../k8s/export-k8s.ts';
import { intOption } from '../util/parse-number.ts';
import {
  addOutcomeLimitOptions,
  addProfileVariableOptions,
  failUnlessPassed,
  limitsFrom,
  printRunEnd,
  profileSettingsFrom,
  type ProfileVariableFlags,
} from './options/profile-options.ts';

interface ExportFlags extends ProfileVariableFlags {
  profile: string;
  parallelism: number;
  target?: string;
  name?: string;
  namespace?: string;
  image: string;
  imageSse?: boolean;
  separate?: boolean;
  claim?: string;
  claimSize: string;
  storageClass?: string;
  readerImage: string;
  out?: string;
}

interface CollectFlags {
  export: string;
  from: string;
  maxErrorShare?: string;
  maxInterruptedShare?: string;
}

/** `inferload k8s export|collect` (make k8s-export, make k8s-collect): a profile on the k6-operator. */
export function registerK8s(program: Command): void {
  const k8s = program
    .command('k8s')
    .description('run a profile on Kubernetes with the k6-operator, and merge its parts (docs/k8s.md)');
  const exportCommand = k8s
    .command('export')
    .description("write the operator's TestRun, the bundle's ConfigMap and a results claim under k8s/<name>/")
    .option('--profile <name>', 'light, medium, heavy, saturation or soak', 'light')
    .requiredOption(
      '--parallelism <n>',
      'runners (execution segments) the operator starts',
      intOption('--parallelism'),
    )
    .option('--target <url>', 'the server as the runner pods reach it (required)')
    .option('--name <name>', 'the TestRun (default inferload-<profile>)')
    .option('--namespace <ns>', 'the namespace written into the manifests')
    .option('--image <ref>', 'the runner image', DEFAULT_RUNNER_IMAGE)
    .option(
      '--image-sse',
      "the runner image's k6 has k6/x/sse (built with xk6-sse): run the streaming bundle",
    )
    .option('--separate', 'one runner per node')
    .option('--claim <name>', 'an existing ReadWriteMany claim for the results (default: one is written)')
    .option('--claim-size <size>', 'the size of the claim written', '1Gi')
    .option('--storage-class <name>', 'the storage class of the claim written')
    .option(
      '--reader-image <ref>',
      'the image of the pod that keeps the results readable',
      DEFAULT_READER_IMAGE,
    )
    .option('--out <dir>', 'where to write the manifests (default k8s/<name>)');
  addProfileVariableOptions(exportCommand).action(async (flags: ExportFlags) => {
    const settings = profileSettingsFrom(flags);
    const source = exportCommand.getOptionValueSource('stream');
    const result = await exportK8s({
      profile: flags.profile,
      parallelism: flags.parallelism,
      target: flags.target,
      settings,
      ...(flags.name === undefined ? {} : { name: flags.name }),
      ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
      image: flags.image,
      imageHasSse: flags.imageSse === true,
      streamExplicit: source === 'cli' || source === 'env',
      separate: flags.separate === true,
      ...(flags.claim === undefined ? {} : { claim: flags.claim }),
      claimSize: flags.claimSize,
      ...(flags.storageClass === undefined ? {} : { storageClass: flags.storageClass }),
      readerImage: flags.readerImage,
      ...(flags.out === undefined ? {} : { outDir: flags.out }),
      log: (line) => console.error(line),
    });
    for (const file of result.files) console.log(`wrote ${file}`);
    console.log('then:');
    for (const step of describeNextSteps(result, flags.namespace)) console.log(`  ${step}`);
  });

  const collect = k8s
    .command('collect')
    .description("merge a TestRun's parts (k6 JSON outputs) into one run under benchmarks/, exactly")
    .requiredOption('--export <dir>', 'the folder `k8s export` wrote (k8s/<name>)')
    .requiredOption('--from <dir>', "the results claim's files, as kubectl cp fetched them");
  addOutcomeLimitOptions(collect).action(async (flags: CollectFlags) => {
    const result = await collectK8s({
      exportDir: flags.export,
      from: flags.from,
      log: (line) => console.error(line),
      limits: limitsFrom(flags),
    });
    printRunEnd(result);
    failUnlessPassed(result);
  });
}
