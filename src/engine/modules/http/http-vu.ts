// The per-VU state of a k6/http module instance, shared by its request runs.
import type { ExpectedStatuses } from './expected-statuses.ts';
import type { CancelScope } from './iteration-signal.ts';
import type { SendRequest } from './response-navigation.ts';
import type { SharedHttp } from './shared-http.ts';

/** One VU's view of k6/http. */
export interface HttpVu extends CancelScope {
  readonly shared: SharedHttp;
  /** Set by http.setResponseCallback; null turns http_req_failed and expected_response off. */
  responseCallback: ExpectedStatuses | null;
  /** http.request of this VU, for Response.clickLink() and submitForm(). */
  send: SendRequest;
}
