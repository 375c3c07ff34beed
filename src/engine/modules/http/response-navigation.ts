// Response.clickLink() and Response.submitForm() (js/modules/k6/http/response.go): a new request built from the
// page's HTML, sent by the VU's k6/http like any other call.
import type { Selection } from './html-selection.ts';

/** How a Response sends its follow-up request: the VU's http.request, tracked as a blocking call. */
export type SendRequest = (method: string, url: string, body: unknown, params: unknown) => Promise<unknown>;

/** What navigation needs from the Response: its final URL and its body as a document. */
export interface NavigablePage {
  readonly url: string;
  html(selector?: string): Selection;
}

type Args = Record<string, unknown> | undefined | null;

/** Requests the href of the first element matching `selector` (default `a[href]`), resolved against the page. */
export function clickLink(page: NavigablePage, send: SendRequest, args: Args): Promise<unknown> {
  const selector = typeof args?.selector === 'string' ? args.selector : 'a[href]';
  const link = page.html(selector);
  if (link.size() === 0)
    throw new Error(`no element found for selector '${selector}' in response '${page.url}'`);
  const href = link.attr('href');
  if (href === undefined)
    throw new Error(`no valid href attribute value found on element '${selector}' in response '${page.url}'`);
  return send('GET', new URL(String(href), page.url).href, undefined, args?.params ?? null);
}

/**
 * Submits the form matching `formSelector` (default `form`): its fields, the submit button's name and value,
 * then `fields` over them; GET puts them in the query (sorted, as Go's url.Values), other methods in the body.
 */
export function submitForm(page: NavigablePage, send: SendRequest, args: Args): Promise<unknown> {
  const formSelector = typeof args?.formSelector === 'string' ? args.formSelector : 'form';
  const submitSelector = typeof args?.submitSelector === 'string' ? args.submitSelector : '[type="submit"]';
  const form = page.html(formSelector);
  if (form.size() === 0)
    throw new Error(`no form found for selector '${formSelector}' in response '${page.url}'`);
  const method = typeof form.attr('method') === 'string' ? String(form.attr('method')).toUpperCase() : 'GET';
  const action = form.attr('action');
  const target = new URL(action === undefined ? page.url : String(action), page.url);
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form.serializeObject()))
    values[name] = Array.isArray(value) ? value[0] : value;
  const submit = form.find(submitSelector);
  const submitName = submit.attr('name');
  const submitValue = submit.attr('value');
  if (submitName !== undefined && submitValue !== undefined) values[String(submitName)] = submitValue;
  const fields = args?.fields;
  if (typeof fields === 'object' && fields !== null) Object.assign(values, fields);
  const params = args?.params ?? null;
  if (method !== 'GET') return send(method, target.href, values, params);
  const query = new URLSearchParams();
  for (const name of Object.keys(values).sort()) query.append(name, String(values[name]));
  target.search = query.toString();
  return send(method, target.href, null, params);
}
