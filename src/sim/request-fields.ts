// Reading typed fields out of untrusted JSON bodies; a wrong type is a 400 that names the field.
import { RequestError } from './http-io.ts';

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown, what = 'request body'): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RequestError(400, `${what} must be a JSON object`);
  }
  return value as JsonObject;
}

export function optionalNumber(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new RequestError(400, `"${key}" must be a number`);
  return value;
}

export function optionalBoolean(body: JsonObject, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new RequestError(400, `"${key}" must be a boolean`);
  return value;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new RequestError(400, `"${key}" must be a string`);
  return value;
}

export function optionalObject(body: JsonObject, key: string): JsonObject | undefined {
  const value = body[key];
  return value === undefined || value === null ? undefined : asObject(value, `"${key}"`);
}

/** A completion prompt: a string, a list of strings (joined), or token ids; tokens is set for token ids. */
export function readPrompt(body: JsonObject, key: string): { text: string; tokens?: number } {
  const value = body[key] ?? '';
  if (typeof value === 'string') return { text: value };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { text: value.join('\n') };
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) {
    return { text: value.join(' '), tokens: value.length };
  }
  throw new RequestError(400, `"${key}" must be a string, a list of strings or a list of token ids`);
}

/** The text of each chat message; content may be a string or a list of `{type:'text', text}` parts. */
export function readMessages(body: JsonObject): { role: string; content: string }[] {
  const messages = body['messages'];
  if (!Array.isArray(messages)) throw new RequestError(400, '"messages" must be a list');
  return messages.map((item, i) => {
    const message = asObject(item, `messages[${i}]`);
    const role = typeof message['role'] === 'string' ? message['role'] : 'user';
    const content = message['content'];
    if (typeof content === 'string') return { role, content };
    if (content === undefined || content === null) return { role, content: '' };
    if (Array.isArray(content)) {
      const texts = content.map((part) => asObject(part, `messages[${i}].content[]`)['text']);
      return { role, content: texts.filter((t): t is string => typeof t === 'string').join('\n') };
    }
    throw new RequestError(400, `messages[${i}].content must be a string or a list of parts`);
  });
}
