// The tiny model's SentencePiece-style vocabulary, built so that each vocabulary word is exactly one token.
import { createRandom } from './rng.ts';
import { TINY_LLAMA_DEFAULTS } from './tiny-llama-options.ts';
import { WORDS } from './words.ts';

/** llama.cpp token types (llama_token_type). */
export const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** Ids of the special tokens, fixed by their place at the start of the vocabulary. */
export const SPECIAL_TOKEN_IDS = { unk: 0, bos: 1, eos: 2, imStart: 3, imEnd: 4 } as const;

/** ChatML: `<|im_start|>role\ncontent<|im_end|>\n` per message, then the assistant header when asked. */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

// SentencePiece marks a word start with U+2581 ("▁") in place of the space.
const WORD_START = '\u2581';

export interface TinyVocab {
  tokens: string[];
  scores: number[];
  types: number[];
}

/**
 * Builds the vocabulary: specials, the 256 byte tokens, then for each word every `▁` prefix of it.
 * llama.cpp's SPM tokenizer only merges two adjacent pieces when their concatenation is a token, so a
 * word becomes one token only if each prefix on the way (`▁c`, `▁ca`, `▁cat`) is in the vocabulary.
 */
export function buildTinyVocab(vocabWords: number): TinyVocab {
  const tokens = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'];
  const types: number[] = [TOKEN_TYPE.unknown, ...Array<number>(4).fill(TOKEN_TYPE.control)];
  const scores = tokens.map(() => 0);
  for (let byte = 0; byte < 256; byte++) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_TYPE.byte);
    scores.push(0);
  }
  const seen = new Set<string>();
  for (const word of WORDS.slice(0, vocabWords)) {
    for (let end = 0; end <= word.length; end++) {
      const piece = WORD_START + word.slice(0, end);
      if (seen.has(piece)) continue;
      seen.add(piece);
      tokens.push(piece);
      types.push(TOKEN_TYPE.normal);
      // Higher scores merge first; longer pieces score higher so merging always heads for the whole word.
      scores.push(end);
    }
  }
  return { tokens, scores, types };
}

/**
 * A prompt of `count` vocabulary words joined by single spaces: `count` tokens (plus BOS when the server adds it)
 * for a model built with at least `vocabWords` words.
 */
export function promptOfTokens(count: number, seed = 0, vocabWords = TINY_LLAMA_DEFAULTS.vocabWords): string {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number, got ${count}`);
  const pool = WORDS.slice(0, Math.min(Math.max(vocabWords, 1), WORDS.length));
  const random = createRandom(seed);
  return Array.from({ length: count }, () => pool[random.nextInt(pool.length)] ?? 'the').join(' ');
}
