// make bench: requests/s on a trivial endpoint (compare with wrk).
import http from 'k6/http';
export const options = { discardResponseBodies: true };
export default async function () {
  await http.get(__ENV.URL);
}
