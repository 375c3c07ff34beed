// make bench: SSE events ingested per second from a server streaming as fast as it can.
import sse from 'k6/x/sse';
import { Counter } from 'k6/metrics';
const seen = new Counter('bench_events');
export const options = { iterations: Number(__ENV.ROUNDS || 3), vus: 1 };
export default async function () {
  let n = 0;
  await sse.open(__ENV.URL, {}, (client) => {
    client.on('event', () => {
      n += 1;
    });
  });
  seen.add(n);
}
