// make bench: TTFT and ITL measurement error against a server that reports when it wrote each event. The
// error is when the client saw an event minus when the server wrote it, both on this machine's wall clock
// (performance.timeOrigin + now): what the client adds to the true TTFT and ITL. The connect and the
// server's accept are part of the true TTFT (any client pays them) and are not counted as error.
import sse from 'k6/x/sse';
import { Trend } from 'k6/metrics';
import { sleep } from 'k6';
const ttftError = new Trend('ttft_error_ms');
const itlError = new Trend('itl_error_ms');
const now = () => performance.timeOrigin + performance.now();
export default async function () {
  // Streams start spread over one stream's length, as arrivals are: otherwise every iteration is a burst of
  // 64 simultaneous connects, and the error measured is the 2-core box's accept queue, not the client.
  if (__ITER === 0) await sleep(Math.random() * 0.4);
  let last;
  let lastServer;
  await sse.open(__ENV.URL, { method: 'POST', body: '{}' }, (client) => {
    client.on('event', (event) => {
      const at = now();
      if (event.data === '[DONE]') return;
      const server = JSON.parse(event.data).w;
      if (last === undefined) ttftError.add(Math.abs(at - server));
      else itlError.add(Math.abs(at - last - (server - lastServer)));
      last = at;
      lastServer = server;
    });
  });
}
