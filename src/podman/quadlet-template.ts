// templates/quadlet.container.hbs in podman's own Handlebars environment: the unit text is podman's concern,
// so rendering it needs nothing from deploy.
import Handlebars from 'handlebars';
import { createTemplateRenderer } from '../util/template-loader.ts';

// Values arrive escaped for systemd by quadlet-escape.ts; no HTML escaping in a unit file.
const render = createTemplateRenderer<'quadlet.container'>(Handlebars.create(), { noEscape: true });

/** Lays out the unit text from values already escaped for quadlet. */
export function renderQuadletTemplate(data: object): string {
  return render('quadlet.container', data);
}
