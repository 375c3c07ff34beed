// The old instance sweep's ranges: a list (`2,4,8`), a range with a step (`2-16:2`, inclusive), a range
// stepping by one (`1-4`), or any mix of them (`1,2,4-16:4`). Values come out sorted, each once.
import { UserError } from '../util/errors.ts';

const PART = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/;
const MAX_VALUES = 1000;

/** Parses `text` from the variable `name`; throws naming the variable, the part and the forms accepted. */
export function parseRange(name: string, text: string): number[] {
  const values = new Set<number>();
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const m = PART.exec(part);
    const fail = (why: string): never => {
      throw new UserError(
        `${name}: ${why} in '${text}'; expected a list like 2,4,8 or a range like 2-16:2 (from-to:step, inclusive)`,
      );
    };
    if (!m) fail(part === '' ? 'an empty part' : `'${part}' is not a whole number or a range`);
    const from = Number(m?.[1]);
    const to = m?.[2] === undefined ? from : Number(m[2]);
    const step = m?.[3] === undefined ? 1 : Number(m[3]);
    if (from < 1) fail(`'${part}' starts below 1`);
    if (to < from) fail(`'${part}' ends before it starts`);
    if (step < 1) fail(`'${part}' has a step below 1`);
    for (let v = from; v <= to; v += step) {
      values.add(v);
      if (values.size > MAX_VALUES) fail(`more than ${MAX_VALUES} values`);
    }
  }
  return [...values].sort((a, b) => a - b);
}
