import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '../util/paths.ts';
import { quoteArg, quoteArgv } from '../remote/shell-quote.ts';

export const TEMPLATES = ['podman-run.sh', 'process-run.sh', 'quadlet.container'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

// Templates only lay text out: every value arrives computed and escaped for its target by these helpers or
// by the caller; no HTML escaping (these are shell scripts and unit files, not pages).
const handlebars = Handlebars.create();
handlebars.registerHelper('shell', (value: unknown) => quoteArg(String(value)));
handlebars.registerHelper('shellArgv', (value: unknown) => {
  if (!Array.isArray(value)) throw new Error('shellArgv expects an array of arguments');
  return quoteArgv(value.map(String));
});

const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

/** Renders templates/<name>.hbs with `data`. */
export function renderTemplate(name: TemplateName, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    const text = readFileSync(join(projectRoot, 'templates', `${name}.hbs`), 'utf8');
    template = handlebars.compile(text, { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(data);
}
