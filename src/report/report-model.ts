// One run, ready to render: every value a formatted string, every chart a prerendered SVG string. The HTML and
// Markdown renderers only lay this out.
import type { Diagnosis } from '../diagnose/verdict/diagnosis.ts';
import type { SoakVerdicts } from '../diagnose/soak/soak-verdicts.ts';
import { describeDamage } from '../results/damaged-run-file.ts';
import type { RunAnalysis } from '../diagnose/analyze-run.ts';
import { formatSeconds } from './charts/format.ts';
import type { ChartGroup } from './chart-view.ts';
import { describeGoodput, describeSlo } from './describe-objective.ts';
import { buildDiagnosisView, NO_DIAGNOSIS, type DiagnosisView } from './diagnosis-view.ts';
import { formatCount, formatTimestamp } from './format-values.ts';
import { buildHeadline, type HeadlineView } from './report-headline.ts';
import { buildHostCharts } from './report-host-charts.ts';
import { buildLoadCharts, pickTimeDomain } from './report-load-charts.ts';
import { buildNotes, buildSamplerNotes, type NoteView, type SamplerNoteView } from './report-notes.ts';
import { buildTitle, type TitleView } from './report-title.ts';
import { describeSoakVerdicts } from './soak-lines.ts';
import { summarizeSeries, type SeriesSummaryRow } from './summarize-series.ts';
import { toolkitVersion } from '../util/toolkit-version.ts';

/** Everything report.html and report.md show, formatted. */
export interface ReportModel {
  title: TitleView;
  /** One sentence per damaged file of the run (file, damage, what was recovered), shown before anything else. */
  damage: string[];
  headline: HeadlineView;
  goodput: { text: string; slo: string };
  diagnosis: DiagnosisView | null;
  /** Said instead of the diagnosis when there is none. */
  diagnosisMissing: string | null;
  /** The soak verdicts (soak-verdicts.json) as labelled lines; null when the run is not a judged soak. */
  soak: { label: string; text: string }[] | null;
  chartGroups: ChartGroup[];
  seriesSummary: SeriesSummaryRow[];
  seriesNote: string;
  notes: NoteView[];
  samplerNotes: SamplerNoteView[];
  generated: string;
}

/** What a report adds to the analysis: the diagnosis (or why it is unusable) and the time it is made. */
export interface ReportInput {
  diagnosis?: Diagnosis | undefined;
  /** Why diagnosis.json could not be used, when it is there but broken. */
  diagnosisProblem?: string | undefined;
  soak?: SoakVerdicts | undefined;
  /** Why soak-verdicts.json could not be used, when it is there but broken. */
  soakProblem?: string | undefined;
  now?: Date;
}

/** Builds the view model of one run's report. */
export function buildReportModel(analysis: RunAnalysis, input: ReportInput = {}): ReportModel {
  const bucketSeconds = analysis.bucketMs / 1000;
  const { diagnosis, diagnosisProblem } = input;
  return {
    title: buildTitle(analysis.meta, analysis.durationSeconds, analysis.recordedId),
    damage: (analysis.damage ?? []).map((d) => describeDamage(d, d.file)),
    headline: buildHeadline(analysis),
    goodput: { text: describeGoodput(analysis.goodput), slo: describeSlo(analysis.goodput.slo) },
    diagnosis: diagnosis ? buildDiagnosisView(diagnosis) : null,
    diagnosisMissing: diagnosis ? null : (diagnosisProblem ?? NO_DIAGNOSIS),
    soak: input.soak ? describeSoakVerdicts(input.soak).map(([label, text]) => ({ label, text })) : null,
    chartGroups: [
      ...buildLoadCharts(analysis),
      ...buildHostCharts(analysis.diagnostics, bucketSeconds, pickTimeDomain(analysis)),
    ],
    seriesSummary: summarizeSeries(analysis.series),
    seriesNote: `${formatCount(analysis.series.length)} buckets of ${formatSeconds(bucketSeconds)}`,
    notes: buildNotes(
      analysis,
      [diagnosisProblem, input.soakProblem].filter((p): p is string => p !== undefined),
    ),
    samplerNotes: buildSamplerNotes(analysis),
    generated: `inferload ${toolkitVersion}, ${formatTimestamp((input.now ?? new Date()).toISOString())}`,
  };
}
