// Writes profiles/data/prompt-sets.json: synthetic prompts of known token counts on the tiny model's tokenizer.
// Each prompt is made of vocabulary words, which that tokenizer maps to one token each.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promptOfTokens } from '../src/model/tiny-llama.ts';
import { projectRoot } from '../src/util/paths.ts';

const SETS = {
  short: { tokens: 32, count: 16 },
  medium: { tokens: 256, count: 16 },
  long: { tokens: 1536, count: 8 },
};

const sets = Object.fromEntries(
  Object.entries(SETS).map(([name, { tokens, count }], setIndex) => [
    name,
    {
      tokens,
      prompts: Array.from({ length: count }, (_, i) => promptOfTokens(tokens, 1000 * (setIndex + 1) + i)),
    },
  ]),
);
const sharedPrefix = {
  prefixTokens: 512,
  prefix: promptOfTokens(512, 9000),
  suffixTokens: 32,
  suffixes: Array.from({ length: 16 }, (_, i) => promptOfTokens(32, 9100 + i)),
};
const file = join(projectRoot, 'profiles', 'data', 'prompt-sets.json');
writeFileSync(file, `${JSON.stringify({ sets, sharedPrefix }, null, 1)}\n`);
console.log(`wrote ${file}`);
