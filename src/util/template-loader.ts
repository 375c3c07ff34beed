// Loads templates/<name>.hbs once per Handlebars environment and renders it: shared by the deploy units and the
// HTML reports, which differ only in their helpers and in whether values are HTML-escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { projectRoot } from './paths.ts';

type Environment = typeof Handlebars;

/** Where templates live. */
export const TEMPLATES_DIR = join(projectRoot, 'templates');

/** A renderer of templates/<name>.hbs in `env` (compiled on first use, strict: a missing field throws). */
export function createTemplateRenderer<Name extends string>(
  env: Environment,
  options: { noEscape: boolean },
): (name: Name, data: object) => string {
  const compiled = new Map<Name, Handlebars.TemplateDelegate>();
  return (name, data) => {
    let template = compiled.get(name);
    if (!template) {
      const text = readFileSync(join(TEMPLATES_DIR, `${name}.hbs`), 'utf8');
      template = env.compile(text, { noEscape: options.noEscape, strict: true });
      compiled.set(name, template);
    }
    return template(data);
  };
}

/** Registers templates/partials/<name>.hbs as the partial {{> name}} of `env`. */
export function registerPartialFile(env: Environment, name: string): void {
  env.registerPartial(name, readFileSync(join(TEMPLATES_DIR, 'partials', `${name}.hbs`), 'utf8'));
}
