// JSON.parse's complaint about a run file, pointed at a line and safe to print.

const MAX_LENGTH = 160;

/** Why `text` is not JSON, from JSON.parse's error: "Unexpected end of JSON input at line 12". */
export function describeJsonError(text: string, error: unknown): string {
  if (text.trim() === '') return 'the file is empty';
  const message = error instanceof Error ? error.message : String(error);
  const at = / (?:in JSON )?at position (\d+)/.exec(message);
  let described = message;
  const end = text.trimEnd().length;
  // V8 words a cut file several ways ("Expected property name or '}'" at its last byte): all mean the input ran out.
  if (message.startsWith('Unexpected end of JSON input') || (at && Number(at[1]) >= end)) {
    described = `Unexpected end of JSON input at line ${lineAt(text, end)}`;
  } else if (at) {
    described = `${message.slice(0, at.index).trimEnd()} at line ${lineAt(text, Number(at[1]))}`;
  }
  // V8 quotes the text itself in some messages: a hostile file must not drive the terminal.
  // eslint-disable-next-line no-control-regex
  const safe = described.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return safe.length > MAX_LENGTH ? `${safe.slice(0, MAX_LENGTH - 1)}…` : safe;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}
