/** The error for a k6 API the embedded engine does not provide: named, never a silent no-op. */
export function notImplemented(api: string): Error {
  return new Error(
    `${api} is not implemented by inferload's embedded engine; run this script on a real k6 (ENGINE=k6)`,
  );
}

/** A stand-in function that fails with the API's name when called. */
export function notImplementedFn(api: string): () => never {
  return () => {
    throw notImplemented(api);
  };
}
