// The tuner's winner as a preset in the config file: extending the spec's base preset with the winning
// configuration's values, a comment above it saying where it came from, every other line of the file left as it
// was (comments included). A preset of the same name is replaced. The file is checked as `config check` checks
// it before it is kept; a file that would not load is put back as it was.
import { readFileSync } from 'node:fs';
import { isMap, parseDocument, Scalar } from 'yaml';
import { checkConfigFile, configErrors } from '../config/load-config.ts';
import { fileKeyOf } from '../config/preset-keys.ts';
import type { PresetKey, PresetValues } from '../config/types.ts';
import { UserError } from '../util/errors.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';

export interface TunedPreset {
  name: string;
  extends: string;
  description: string;
  values: PresetValues;
  /** Lines of the comment above it (without '#'). */
  comment: string[];
}

/** The config text with the preset added (or replaced). */
export function renderTunedPreset(text: string, file: string, preset: TunedPreset): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new UserError(`${file}: not valid YAML: ${doc.errors[0]?.message ?? ''}`);
  const presets = doc.get('presets', true);
  if (!isMap(presets))
    throw new UserError(`${file}: presets: expected a map of presets to add '${preset.name}' to`);
  presets.delete(preset.name);
  const body: Record<string, unknown> = { extends: preset.extends, description: preset.description };
  for (const [key, value] of Object.entries(preset.values))
    if (value !== undefined) body[fileKeyOf(key as PresetKey)] = value;
  const key = new Scalar(preset.name);
  key.spaceBefore = true;
  key.commentBefore = preset.comment.map((line) => ` ${line}`).join('\n');
  presets.add(doc.createPair(key, body));
  return doc.toString({ lineWidth: 0 });
}

/** Writes the preset into `file`; throws (and leaves the file as it was) when the result does not check. */
export async function writeTunedPreset(file: string, preset: TunedPreset): Promise<void> {
  const before = readFileSync(file, 'utf8');
  writeFileAtomic(file, renderTunedPreset(before, file, preset));
  const checked = await checkConfigFile(file);
  if (checked.config === undefined || !checked.config.presets.has(preset.name)) {
    writeFileAtomic(file, before);
    throw new UserError(
      `the tuned preset '${preset.name}' did not check, so ${file} is left as it was:\n${configErrors(checked).message}`,
    );
  }
}
