/** Thrown by every k6 API inferload does not implement, so scripts fail loudly instead of diverging. */
export class NotImplementedError extends Error {
  override readonly name = 'NotImplementedError';
}

/** "k6/http.file is not implemented by inferload's embedded engine". */
export function notImplemented(module: string, name: string): NotImplementedError {
  return new NotImplementedError(`${module}.${name} is not implemented by inferload's embedded engine`);
}

/** A function that throws `notImplemented` when a script calls it. */
export function notImplementedFunction(module: string, name: string): () => never {
  return () => {
    throw notImplemented(module, name);
  };
}
