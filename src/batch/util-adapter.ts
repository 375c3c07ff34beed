// The only door from src/batch to src/util: if a helper moves, this line changes, nothing else.
export { UserError } from '../util/errors.ts';
export { benchmarksDir } from '../util/paths.ts';
export { intOption, parseIntOption } from '../util/parse-number.ts';
export { writeFileAtomic } from '../util/write-atomic.ts';
export { percentile } from '../util/percentile.ts';
export { serverBase } from '../util/server-origin.ts';
