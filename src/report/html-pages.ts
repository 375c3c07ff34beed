// The HTML pages: templates/report.html.hbs and compare.html.hbs, HTML-escaped, sharing one inline stylesheet.
import Handlebars from 'handlebars';
import { createTemplateRenderer, registerPartialFile } from '../util/template-loader.ts';
import type { ComparisonModel } from './comparison-model.ts';
import type { ReportModel } from './report-model.ts';

// Every {{value}} is HTML-escaped; only the prerendered chart SVG goes in with {{{svg}}}.
const handlebars = Handlebars.create();
registerPartialFile(handlebars, 'report-style');
const renderPage = createTemplateRenderer<'report.html' | 'compare.html'>(handlebars, { noEscape: false });

/** One run's report as a self-contained HTML page. */
export function renderReportHtml(model: ReportModel): string {
  return renderPage('report.html', model);
}

/** A comparison of runs as a self-contained HTML page. */
export function renderComparisonHtml(model: ComparisonModel): string {
  return renderPage('compare.html', model);
}
