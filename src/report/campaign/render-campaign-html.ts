// campaign.html: templates/campaign.html.hbs with the run reports' stylesheet, every value HTML-escaped but the
// prerendered chart SVG.
import Handlebars from 'handlebars';
import { createTemplateRenderer, registerPartialFile } from '../../util/template-loader.ts';
import type { CampaignModel } from './campaign-model.ts';

const handlebars = Handlebars.create();
registerPartialFile(handlebars, 'report-style');
const renderPage = createTemplateRenderer<'campaign.html'>(handlebars, { noEscape: false });

/** A campaign's report as a self-contained HTML page. */
export function renderCampaignHtml(model: CampaignModel): string {
  return renderPage('campaign.html', model);
}
