// make bench: http.js written the k6 way (no await), run through the blocking transform.
import http from 'k6/http';
export const options = { discardResponseBodies: true };
export default function () {
  http.get(__ENV.URL);
}
