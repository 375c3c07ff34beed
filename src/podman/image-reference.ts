// Image references as podman parses them (containers/image docker/reference, the distribution grammar):
// [REGISTRY[:PORT]/]PATH[:TAG][@DIGEST]. Config check and the container spec refuse the same values with it.

export const IMAGE_REFERENCE_EXPECTED =
  'a container image reference [REGISTRY[:PORT]/]PATH[:TAG][@DIGEST] such as ghcr.io/ggml-org/llama.cpp:server';

/** podman refuses longer repository names (distribution's NameTotalLengthMax). */
export const MAX_IMAGE_NAME = 255;

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|-+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::${TAG})?(?:@${DIGEST})?$`);
// Everything the grammar can hold; anything else gets named in the message.
const ALLOWED_CHAR = /[A-Za-z0-9._\-/:@[\]+]/;

/** Why `text` is not an image reference podman would take, or undefined when it is one. */
export function checkImageReference(text: string): string | undefined {
  if (text === '') return 'it is empty';
  const bad = [...text].find((char) => !ALLOWED_CHAR.test(char));
  if (bad !== undefined) {
    const shown = /\s/.test(bad) ? `whitespace (${JSON.stringify(bad)})` : JSON.stringify(bad);
    return `${shown} cannot appear in it; only letters, digits and . _ - / : @ can`;
  }
  const match = REFERENCE.exec(text);
  if (match === null) return shapeProblem(text);
  const name = match[1] ?? '';
  if (name.length > MAX_IMAGE_NAME)
    return `its name is ${name.length} characters long; podman takes at most ${MAX_IMAGE_NAME}`;
  return undefined;
}

/** A hint for a reference made of allowed characters that still does not parse. */
function shapeProblem(text: string): string {
  if (!/^[A-Za-z0-9[]/.test(text)) return 'it must start with a letter or digit';
  const [named = '', digest] = text.split('@');
  if (digest !== undefined && !new RegExp(`^${DIGEST}$`).test(digest))
    return 'its digest must be ALGORITHM:HEX with at least 32 hex digits, e.g. sha256:...';
  const tag = /:([^/]*)$/.exec(named)?.[1];
  if (tag !== undefined && !new RegExp(`^${TAG}$`).test(tag))
    return 'its tag must be 1 to 128 letters, digits, _ . or -, not starting with . or -';
  const name = named.replace(/:[^/]*$/, '');
  const components = name.split('/');
  // The first component names a registry when it looks like a host (how podman tells them apart).
  const first = components[0] ?? '';
  const hasDomain =
    components.length > 1 && (/[.:]/.test(first) || first === 'localhost' || /[A-Z]/.test(first));
  const path = hasDomain ? components.slice(1) : components;
  if (path.some((component) => /[A-Z]/.test(component))) return 'its repository path must be lowercase';
  if (path.some((component) => component === ''))
    return 'its path has an empty component (// or a trailing /)';
  return 'it does not have that shape';
}
