// Writing values into a quadlet .container file so that podman receives them byte for byte.
//
// The path of a value: quadlet splits Exec=, Environment= and Label= into words the way systemd splits
// ExecStart= (double or single quotes, C escapes such as \" \\ \n), then writes every word into the generated
// service's ExecStart= (podman-systemd.unit(5)). It re-quotes what needs it there but leaves `%` and `$` alone,
// and systemd expands `%x` specifiers and `$VAR` in ExecStart= (systemd.service(5), "Command lines"), so a
// literal `%` must be written `%%` and a literal `$` `$$` in every key that ends up there.

// Whitespace that separates words for quadlet and systemd (ASCII only), quotes, the escape character, controls.
const NEEDS_QUOTES = /[ \t\n\r"'\\\p{Cc}]/u;

const C_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/** Doubles `%` and `$`, which systemd would otherwise expand in ExecStart=. */
export function escapeSpecifiers(text: string): string {
  return text.replace(/[%$]/g, (char) => char + char);
}

/** Doubles `%` only: for keys systemd reads as text (Description=), where `$` is literal. */
export function escapePercent(text: string): string {
  return text.replace(/%/g, '%%');
}

/** Why quadlet cannot pass `word` as one argument of Exec=, or undefined when it can. */
export function checkExecArg(word: string): string | undefined {
  // systemd reads a lone `;` in ExecStart= as a command separator, and quadlet writes it back bare.
  if (word === ';')
    return 'quadlet cannot pass a lone ";" argument: systemd would read it as a command separator';
  // podman's Go port of systemd's word splitter stops at an empty word, dropping it and all after it.
  if (word === '')
    return 'quadlet cannot pass an empty argument in Exec=: it would drop it and every argument after it';
  return undefined;
}

/** One argument as an exec-style word: bare when safe, else double-quoted with C escapes; then specifiers. */
export function quoteExecWord(word: string): string {
  if (word === ';') throw new Error(checkExecArg(word));
  if (word !== '' && !NEEDS_QUOTES.test(word)) return escapeSpecifiers(word);
  const inner = [...word]
    .map((char) => C_ESCAPES[char] ?? (isControl(char) ? codeEscape(char) : char))
    .join('');
  return escapeSpecifiers(`"${inner}"`);
}

/** Several arguments on one Exec= line. */
export function quoteExecWords(words: string[]): string {
  return words.map(quoteExecWord).join(' ');
}

function isControl(char: string): boolean {
  return /\p{Cc}/u.test(char);
}

// \xNN is a raw byte to systemd, so code points past ASCII (C1 controls) need the \uNNNN form to stay UTF-8.
function codeEscape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}
