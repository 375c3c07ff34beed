// Model names as Ollama compares them: `name` and `name:latest` are the same model.

/** A name with Ollama's default tag added when it has none. */
export function withDefaultTag(name: string): string {
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  return lastPart.includes(':') ? name : `${name}:latest`;
}

/** The known name that `requested` means (exactly, or once both carry the default tag), if any. */
export function findModel(models: ReadonlySet<string>, requested: string): string | undefined {
  if (models.has(requested)) return requested;
  const tagged = withDefaultTag(requested);
  return [...models].find((name) => withDefaultTag(name) === tagged);
}
