// Stack traces in the user's files: a frame in the compiled script is mapped back through two source maps.
import { SourceMap, type SourceMapPayload } from 'node:module';
import { relative, resolve } from 'node:path';

/** Maps `text`'s frames in the compiled script to `at f2 (lib/imported.js:6:9)`; other frames are dropped. */
export type StackMapper = (text: string) => string;

/**
 * Builds the mapper for a script compiled from `bundleMap` (esbuild: bundle -> sources, relative to `dir`) and
 * `transformMap` (the blocking transform: compiled -> bundle). Frames of the engine itself are left out, as k6
 * shows only the script's frames.
 */
export function createStackMapper(
  file: string,
  dir: string,
  transformMap: SourceMapPayload,
  bundleMap: SourceMapPayload,
): StackMapper {
  const compiled = new SourceMap(transformMap);
  const bundled = new SourceMap(bundleMap);
  const frame = new RegExp(`^(\\s*at )(?:(async )?(.*?) \\()?${escapeRegExp(file)}:(\\d+):(\\d+)\\)?$`);
  const mapPosition = (line: number, column: number): string | undefined => {
    const inBundle = compiled.findEntry(line - 1, column - 1);
    if (!('originalLine' in inBundle)) return undefined;
    const inSource = bundled.findEntry(inBundle.originalLine, inBundle.originalColumn);
    if (!('originalSource' in inSource)) return undefined;
    const source = relative(dir, resolve(dir, inSource.originalSource.replace(/^file:\/\//, '')));
    return `${source}:${inSource.originalLine + 1}:${inSource.originalColumn + 1}`;
  };
  return (text) => {
    const lines = text.split('\n');
    const kept: string[] = [];
    let inFrames = false;
    for (const line of lines) {
      if (!/^\s*at /.test(line)) {
        if (!inFrames) kept.push(line);
        continue;
      }
      inFrames = true;
      const match = frame.exec(line);
      if (!match) continue;
      const where = mapPosition(Number(match[4]), Number(match[5]));
      if (!where) continue;
      const name = match[3];
      kept.push(name ? `${match[1]}${name} (${where})` : `${match[1]}${where}`);
    }
    return kept.join('\n');
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
