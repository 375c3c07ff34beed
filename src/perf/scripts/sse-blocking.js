// make bench: sse.js written the k6 way (a blocking sse.open, as llama.cpp's bench script does).
import sse from 'k6/x/sse';
import { Counter } from 'k6/metrics';
const seen = new Counter('bench_events');
export const options = { iterations: Number(__ENV.ROUNDS || 3), vus: 1 };
export default function () {
  let n = 0;
  sse.open(__ENV.URL, {}, function (client) {
    client.on('event', function () {
      n += 1;
    });
  });
  seen.add(n);
}
