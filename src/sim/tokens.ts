// A deterministic stand-in for a tokenizer, and the seeded words the simulated model "generates".
import type { Random } from './prng.ts';

/** Per-message framing of a chat template (role markers, separators), as OpenAI's own estimate counts it. */
export const CHAT_TOKENS_PER_MESSAGE = 4;
/** Tokens that prime the assistant's reply at the end of a chat template. */
export const CHAT_REPLY_PRIMER_TOKENS = 3;
/** The BOS token a raw completion prompt gets. */
export const COMPLETION_BOS_TOKENS = 1;
/** Characters per token inside one word: long words cost several tokens, as with BPE. */
const CHARS_PER_TOKEN = 6;

/** Tokens in a text: each whitespace-separated word costs ceil(length / 6), at least 1. */
export function countTextTokens(text: string): number {
  let tokens = 0;
  let wordLength = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (code === 32 || (code >= 9 && code <= 13)) {
      if (wordLength > 0) tokens += Math.ceil(wordLength / CHARS_PER_TOKEN);
      wordLength = 0;
    } else {
      wordLength++;
    }
  }
  return tokens;
}

/** Prompt tokens of a chat: its messages' text plus template framing. */
export function countChatTokens(contents: readonly string[]): number {
  let tokens = CHAT_REPLY_PRIMER_TOKENS;
  for (const content of contents) tokens += CHAT_TOKENS_PER_MESSAGE + countTextTokens(content);
  return tokens;
}

/** Prompt tokens of a raw completion prompt. */
export function countCompletionTokens(prompt: string): number {
  return COMPLETION_BOS_TOKENS + countTextTokens(prompt);
}

const VOCABULARY = (
  'the model server token slot batch cache prompt latency throughput queue request stream context memory ' +
  'thread core decode prefill sample answer of and to in is a with for on each more less fast slow steady ' +
  'load test rate time first next word line value result then so it runs. waits. grows. ends. again, ' +
  'however, because while every small large local remote simple quick'
).split(' ');
const SPACED = VOCABULARY.map((word) => ` ${word}`);

/** Seeded text, one word per token; every word after the first carries its leading space. */
export function createWordSource(random: Random): (index: number) => string {
  return (index) => {
    const pick = Math.floor(random() * VOCABULARY.length);
    return (index === 0 ? VOCABULARY[pick] : SPACED[pick]) ?? 'the';
  };
}
