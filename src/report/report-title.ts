// The report's title block: what ran, against what, on which build, from which machine, and how it ended.
import { RUN_FILES } from '../results/run-files.ts';
import type { RunMeta } from '../results/run-store.ts';
import { REDACTED } from '../remote/redact.ts';
import { formatBytes, formatSeconds } from './charts/format.ts';
import type { Fact } from './diagnosis-view.ts';
import { formatTimestamp } from './format-values.ts';
import { outcomeLabel, outcomeTone } from './outcome-text.ts';

/** The title block of a report. */
export interface TitleView {
  /** "light · balanced · 20260821-070000-light-abc123". */
  title: string;
  heading: string;
  runId: string;
  status: { text: string; tone: 'good' | 'bad' | 'warn' };
  facts: Fact[];
}

// Settings the title already shows elsewhere.
const SHOWN = new Set(['TARGET_URL', 'API', 'STREAM']);
// Whole words only, unlike the remote layer's rule: MAX_TOKENS is a setting, HF_TOKEN and API_KEY are secrets.
const SECRET_SETTING = /(^|_)(TOKEN|KEY|SECRET|PASSWORD|PASSPHRASE|AUTH)(_|$)/i;

/** The target without credentials in its URL. */
export function redactTarget(target: string): string {
  try {
    const url = new URL(target);
    if (!url.username && !url.password) return target;
    url.username = REDACTED;
    url.password = '';
    return url.href;
  } catch {
    return target;
  }
}

function describeStatus(meta: RunMeta): TitleView['status'] {
  if (meta.outcome) {
    const label = outcomeLabel(meta.outcome.status, meta.exitCode);
    const why = meta.outcome.reasons.join('; ');
    return { text: why ? `${label}: ${why}` : label, tone: outcomeTone(meta.outcome.status) };
  }
  if (meta.partial) {
    return {
      text: `partial${meta.reason ? `: ${meta.reason}` : ' (interrupted or still running)'}`,
      tone: 'warn',
    };
  }
  if (meta.exitCode)
    return {
      text: `ended with exit code ${meta.exitCode}${meta.reason ? `: ${meta.reason}` : ''}`,
      tone: 'bad',
    };
  return { text: 'complete', tone: 'good' };
}

function describeSettings(env: Record<string, string> | undefined): string {
  const entries = Object.entries(env ?? {})
    .filter(([key]) => !SHOWN.has(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${SECRET_SETTING.test(key) ? REDACTED : value}`);
  return entries.length > 0 ? entries.join(', ') : '–';
}

/** The title block of one run; `recordedId` is meta.json's own id when it differs from the folder's name. */
export function buildTitle(meta: RunMeta, durationSeconds: number, recordedId?: string): TitleView {
  const preset = meta.deployed?.preset;
  const heading = preset ? `${meta.profile} · ${preset}` : meta.profile;
  const deployed = meta.deployed;
  const host = meta.host;
  const facts: [string, string][] = [
    ['run', meta.id],
    ...(recordedId !== undefined
      ? [
          [
            'recorded id',
            `${recordedId} (${RUN_FILES.meta}'s own id: this folder is a copy or was renamed)`,
          ] as [string, string],
        ]
      : []),
    ['profile', meta.profile],
    [
      'preset',
      deployed
        ? `${deployed.preset} on ${deployed.server} (${deployed.host}), fingerprint ${deployed.fingerprint}`
        : 'not deployed by inferload',
    ],
    ['started', formatTimestamp(meta.startedAt)],
    ['duration', formatSeconds(durationSeconds)],
    ['engine', `${meta.engine} (${meta.engineVersion})`],
    [
      'target',
      `${redactTarget(meta.target)} · ${meta.api} API · ${meta.stream ? 'streaming' : 'not streaming'}`,
    ],
    ['settings', describeSettings(meta.env)],
    ['server build', deployed?.build ?? meta.serverBuild ?? 'unknown (not recorded for this run)'],
    ['toolkit', `inferload ${meta.toolkitVersion}${meta.gitRevision ? ` at ${meta.gitRevision}` : ''}`],
    [
      'load generator',
      host
        ? `${host.hostname}: ${host.platform}, ${host.cpus} × ${host.cpuModel}, ${formatBytes(host.memoryBytes)}`
        : 'unknown',
    ],
  ];
  return {
    title: `${heading} · ${meta.id}`,
    heading,
    runId: meta.id,
    status: describeStatus(meta),
    facts: facts.map(([label, value]) => ({ label, value })),
  };
}
