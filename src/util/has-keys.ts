/** True when the record has at least one own enumerable key, without building the key array (hot paths). */
export function hasKeys(record: Readonly<Record<string, unknown>>): boolean {
  for (const _ in record) return true;
  return false;
}
