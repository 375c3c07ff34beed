// The Response object k6/http calls resolve to (js/modules/k6/http/response.go, httpext.Response).
import type { K6Timings } from './timings.ts';
import { type Selection, parseHtml } from './html-selection.ts';
import { selectJson } from './json-selector.ts';
import { type SendRequest, clickLink, submitForm } from './response-navigation.ts';

/** `res.request`: what was sent (first hop), with Go's http.Header shape for headers. */
export interface K6Request {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
  readonly cookies: Readonly<Record<string, readonly { name: string; value: string; replace: boolean }[]>>;
}

const EMPTY_TIMINGS: K6Timings = Object.freeze({
  duration: 0,
  blocked: 0,
  looking_up: 0,
  connecting: 0,
  tls_handshaking: 0,
  sending: 0,
  waiting: 0,
  receiving: 0,
});

// Shared and frozen: plain HTTP has no OCSP data, and most responses set no cookie.
const NO_OCSP = Object.freeze({
  status: '',
  revocation_reason: '',
  produced_at: 0,
  this_update: 0,
  next_update: 0,
  revoked_at: 0,
});
const NO_COOKIES: Readonly<Record<string, readonly unknown[]>> = Object.freeze({});

/** k6's Response, with its snake_case fields; every field is declared here so all instances share a shape. */
export class K6Response {
  status = 0;
  status_text = '';
  proto = '';
  url = '';
  headers: Record<string, string> = {};
  body: string | ArrayBuffer | null = null;
  error = '';
  error_code = 0;
  timings: K6Timings = EMPTY_TIMINGS;
  request: K6Request | null = null;
  remote_ip = '';
  remote_port = 0;
  tls_version = '';
  tls_cipher_suite = '';
  ocsp: Readonly<Record<string, string | number>> = NO_OCSP;
  cookies: Readonly<Record<string, readonly unknown[]>> = NO_COOKIES;
  #parsedJson: unknown = undefined;
  #jsonParsed = false;
  #send: SendRequest | null = null;

  /** Lets clickLink() and submitForm() send through the VU's k6/http. */
  bindSender(send: SendRequest): this {
    this.#send = send;
    return this;
  }

  /** The body parsed as JSON, or the value at a gjson-style `selector` (undefined when absent or invalid). */
  json(selector?: string): unknown {
    if (this.body === null) {
      throw new Error(
        "the body is null so we can't transform it to JSON - this likely was because of a request error getting the response",
      );
    }
    const text = typeof this.body === 'string' ? this.body : Buffer.from(this.body).toString('utf8');
    if (selector !== undefined && selector !== '') {
      let root: unknown;
      try {
        root = this.#jsonParsed ? this.#parsedJson : JSON.parse(text);
      } catch {
        return undefined; // k6 returns undefined for a selector on invalid JSON
      }
      return selectJson(root, selector);
    }
    if (!this.#jsonParsed) {
      this.#parsedJson = parseJsonOrThrow(text);
      this.#jsonParsed = true;
    }
    return this.#parsedJson;
  }

  /** The body parsed as HTML: the document, or what `selector` finds in it. */
  html(selector?: string): Selection {
    if (this.body === null) {
      throw new Error(
        "the body is null so we can't transform it to HTML - this likely was because of a request error getting the response",
      );
    }
    const doc = parseHtml(
      typeof this.body === 'string' ? this.body : Buffer.from(this.body).toString('utf8'),
    );
    return selector === undefined ? doc : doc.find(selector);
  }

  /** Submits a form of the page; resolves to the new Response. */
  submitForm(args?: Record<string, unknown> | null): Promise<unknown> {
    return submitForm(this, this.#sender(), args);
  }

  /** Follows a link of the page; resolves to the new Response. */
  clickLink(args?: Record<string, unknown> | null): Promise<unknown> {
    return clickLink(this, this.#sender(), args);
  }

  #sender(): SendRequest {
    if (this.#send === null) throw new Error('this response cannot send requests (it is not from k6/http)');
    return this.#send;
  }
}

// k6's message: "cannot parse json due to an error at line L, character C , error: ...".
function parseJsonOrThrow(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const character = position - before.lastIndexOf('\n');
    throw new Error(
      `cannot parse json due to an error at line ${line}, character ${character} , error: ${message}`,
    );
  }
}
