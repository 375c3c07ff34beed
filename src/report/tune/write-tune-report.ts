// tune.html next to tune.json: templates/tune.html.hbs with the run reports' stylesheet, every value
// HTML-escaped but the prerendered chart SVG.
import Handlebars from 'handlebars';
import { join } from 'node:path';
import type { TuneRecord } from '../../tune/types.ts';
import { createTemplateRenderer, registerPartialFile } from '../../util/template-loader.ts';
import { writeFileAtomic } from '../../util/write-atomic.ts';
import { buildTuneModel } from './tune-model.ts';

const handlebars = Handlebars.create();
registerPartialFile(handlebars, 'report-style');
const renderPage = createTemplateRenderer<'tune.html'>(handlebars, { noEscape: false });

export const TUNE_HTML = 'tune.html';

/** Writes the record's report into `dir`; returns its path. */
export function writeTuneReport(dir: string, record: TuneRecord): string {
  const path = join(dir, TUNE_HTML);
  writeFileAtomic(path, renderPage('tune.html', buildTuneModel(record)));
  return path;
}
