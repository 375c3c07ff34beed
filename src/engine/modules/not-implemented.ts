/** Thrown by every k6 API inferload does not implement, so scripts fail loudly instead of diverging. */
export class NotImplementedError extends Error {
  override readonly name = 'NotImplementedError';
}

/** Marks stand-in functions, so a named import of one can be refused at init. */
export const NOT_IMPLEMENTED = Symbol('inferload.notImplemented');

/** "k6/http.file is not implemented by inferload's embedded engine; run this script on a real k6". */
export function notImplemented(module: string, name: string): NotImplementedError {
  return new NotImplementedError(
    `${module}.${name} is not implemented by inferload's embedded engine; run this script on a real k6 (ENGINE=k6)`,
  );
}

/** A function that throws `notImplemented` when a script calls it. */
export function notImplementedFunction(module: string, name: string): () => never {
  const fn = (): never => {
    throw notImplemented(module, name);
  };
  return Object.assign(fn, { [NOT_IMPLEMENTED]: true });
}

/** True for a stand-in made by notImplementedFunction. */
export function isNotImplemented(value: unknown): boolean {
  return (
    typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[NOT_IMPLEMENTED] === true
  );
}
