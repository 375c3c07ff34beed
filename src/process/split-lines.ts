// Output chunks as whole lines: a progress line or a port number may arrive split across chunks.

export interface LineSplitter {
  /** Hands every line completed by `chunk` to the callback, without its newline. */
  write(chunk: string): void;
  /** Hands over the last line when the output ended without a newline. */
  end(): void;
}

/** A splitter calling `onLine` once per line, in order. */
export function splitLines(onLine: (line: string) => void): LineSplitter {
  let partial = '';
  return {
    write(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    end() {
      if (partial) onLine(partial);
      partial = '';
    },
  };
}
