import Handlebars from 'handlebars';
import { createTemplateRenderer } from '../util/template-loader.ts';
import { quoteArg, quoteArgv } from '../remote/shell-quote.ts';

export const TEMPLATES = ['podman-run.sh', 'process-run.sh', 'nginx.conf', 'nginx-run.sh'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

// Templates only lay text out: every value arrives computed and escaped for its target by these helpers or
// by the caller; no HTML escaping (these are shell scripts and unit files, not pages).
const handlebars = Handlebars.create();
handlebars.registerHelper('shell', (value: unknown) => quoteArg(String(value)));
handlebars.registerHelper('shellArgv', (value: unknown) => {
  if (!Array.isArray(value)) throw new Error('shellArgv expects an array of arguments');
  return quoteArgv(value.map(String));
});

/** Renders templates/<name>.hbs with `data`. */
export const renderTemplate = createTemplateRenderer<TemplateName>(handlebars, { noEscape: true });
