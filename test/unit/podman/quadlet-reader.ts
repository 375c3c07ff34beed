// Reads a rendered .container unit back the way quadlet and then systemd do, so tests can check round trips.
// Follows podman's pkg/systemd/parser (unitfile.go, split.go) and systemd.service(5) "Command lines".

export type UnitGroups = Map<string, [string, string][]>;

/** Groups and their key=value lines; a line ending in a backslash would continue, which tests reject. */
export function readUnit(text: string): UnitGroups {
  const groups: UnitGroups = new Map();
  let current: [string, string][] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.endsWith('\\')) throw new Error(`line continues: ${line}`);
    const group = /^\[([^\]]+)\]$/.exec(line);
    if (group?.[1]) {
      current = groups.get(group[1]) ?? [];
      groups.set(group[1], current);
      continue;
    }
    const at = line.indexOf('=');
    if (at <= 0 || !current) throw new Error(`not a key=value line: ${line}`);
    current.push([line.slice(0, at).trimEnd(), line.slice(at + 1).trimStart()]);
  }
  return groups;
}

/** Every value of `key` in `group`. */
export function values(groups: UnitGroups, group: string, key: string): string[] {
  return (groups.get(group) ?? []).filter(([name]) => name === key).map(([, value]) => value);
}

const SEPARATORS = ' \t\n\r';
// prettier-ignore
const C_UNESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ',
};

function unescapeOne(text: string, at: number): [string, number] {
  const char = text[at] ?? '';
  const simple = C_UNESCAPES[char];
  if (simple !== undefined) return [simple, 1];
  const hex = { x: 2, u: 4, U: 8 }[char];
  if (hex !== undefined) {
    const digits = text.slice(at + 1, at + 1 + hex);
    if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex)
      throw new Error(`bad escape \\${char}${digits}`);
    return [String.fromCodePoint(Number.parseInt(digits, 16)), 1 + hex];
  }
  throw new Error(`unsupported escape \\${char}`);
}

/** quadlet's exec-like split (SplitRelax|SplitUnquote|SplitCUnescape), including its stop at an empty word. */
export function splitExecLike(text: string): string[] {
  const words: string[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && SEPARATORS.includes(text[at] ?? '')) at++;
    if (at >= text.length) return words;
    let word = '';
    let quote: string | undefined;
    while (at < text.length) {
      const char = text[at] ?? '';
      if (char === '\\') {
        const [unescaped, length] = unescapeOne(text, at + 1);
        word += unescaped;
        at += 1 + length;
      } else if (quote !== undefined) {
        if (char === quote) quote = undefined;
        else word += char;
        at++;
      } else if (char === '"' || char === "'") {
        quote = char;
        at++;
      } else if (SEPARATORS.includes(char)) {
        break;
      } else {
        word += char;
        at++;
      }
    }
    // podman's Go port ends the split at an empty word (s.Len() == 0), dropping the words after it.
    if (word === '') return words;
    words.push(word);
  }
}

/** systemd's reading of one ExecStart= word: `%%` -> `%`, `$$` -> `$`; any other `%x` or `$NAME` would expand. */
export function unescapeSystemd(word: string): string {
  return word.replace(/%(.)|\$(\$|\{|[A-Za-z_])|%$|\$$/g, (match, percent?: string, dollar?: string) => {
    if (percent === '%') return '%';
    if (dollar === '$') return '$';
    throw new Error(`systemd would expand ${JSON.stringify(match)} in ${JSON.stringify(word)}`);
  });
}

/** What podman finally receives for an Exec=, Environment= or Label= value. */
export function execArgs(value: string): string[] {
  return splitExecLike(value).map(unescapeSystemd);
}

/** What podman receives for a key quadlet passes on whole (Image=, Volume=, HealthCmd=, ...). */
export function wholeValue(value: string): string {
  const trimmed = value.trimEnd();
  const unquoted =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  return unescapeSystemd(unquoted);
}
