// capacity.html next to capacity.json: templates/capacity.html.hbs with the run reports' stylesheet, every value
// HTML-escaped but the prerendered chart SVG.
import Handlebars from 'handlebars';
import { join } from 'node:path';
import { createTemplateRenderer, registerPartialFile } from '../../util/template-loader.ts';
import { writeFileAtomic } from '../../util/write-atomic.ts';
import type { CapacityRecord } from '../../capacity/types.ts';
import { buildCapacityModel } from './capacity-model.ts';

const handlebars = Handlebars.create();
registerPartialFile(handlebars, 'report-style');
const renderPage = createTemplateRenderer<'capacity.html'>(handlebars, { noEscape: false });

export const CAPACITY_HTML = 'capacity.html';

/** Writes the record's report into `dir`; returns its path. */
export function writeCapacityReport(dir: string, record: CapacityRecord): string {
  const path = join(dir, CAPACITY_HTML);
  writeFileAtomic(path, renderPage('capacity.html', buildCapacityModel(record)));
  return path;
}
