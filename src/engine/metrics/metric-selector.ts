// Parsing of "name{k:v,k2:v2}" as k6 does in metrics.ParseMetricName (validation) and Metric.AddSubmetric (tags).

/** A metric name split into its parent and the raw text between the braces (undefined without braces). */
export interface MetricNameParts {
  readonly parent: string;
  readonly selector: string | undefined;
}

/** Splits `http_req_duration{status:200}`; throws on unbalanced braces or a tag without `key:value`. */
export function splitMetricName(name: string): MetricNameParts {
  const open = name.indexOf('{');
  const close = name.lastIndexOf('}');
  if (open < 0 && close < 0) return { parent: name, selector: undefined };
  if (open < 0 || close < 0) throw new Error(`metric "${name}" has unmatched opening/closing curly brace`);
  if (close < open) throw new Error(`metric "${name}" closing curly brace appears before the opening one`);
  if (close !== name.length - 1)
    throw new Error(`metric "${name}" lacks a closing curly brace in its last position`);
  const selector = name.slice(open + 1, close);
  for (const pair of selector.split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0 || colon === pair.length - 1) {
      throw new Error(`metric "${name}" tag expression "${pair}" is malformed, expected key:value`);
    }
  }
  return { parent: name.slice(0, open), selector };
}

/** The tag pairs of a sub-metric selector ("k:v, 'k2':\"v2\"") with spaces and quotes trimmed. */
export function parseSelectorTags(selector: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of selector.trim().split(',')) {
    if (pair === '') continue;
    const colon = pair.indexOf(':');
    // The first colon splits, so "group:::api" selects group "::api".
    const key = trimQuotes(colon < 0 ? pair : pair.slice(0, colon));
    tags[key] = colon < 0 ? '' : trimQuotes(pair.slice(colon + 1));
  }
  return tags;
}

function trimQuotes(text: string): string {
  return text.trim().replace(/^["']+|["']+$/g, '');
}
