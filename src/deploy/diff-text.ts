import { createTwoFilesPatch } from 'diff';

/** A unified diff of what runs now against what would be deployed; "(no change)" when equal. */
export function diffDefinitions(path: string, current: string | undefined, next: string): string {
  if (current === next) return `${path}: no change`;
  return createTwoFilesPatch(
    current === undefined ? '/dev/null' : `${path} (running)`,
    `${path} (new)`,
    current ?? '',
    next,
    undefined,
    undefined,
    { context: 3 },
  ).trimEnd();
}
