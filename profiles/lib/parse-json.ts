/** JSON.parse that returns undefined instead of throwing, so a garbage chunk is counted, not fatal. */
export function tryParseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
