// k6/http's cookie jar, digest auth and page navigation at the module level, against the local httpbin: what goes on the wire
// hop by hop, and the samples each hop emits.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  type K6Response,
  createHttpModule,
  createSharedHttp,
  type SharedHttp,
} from '../../../../src/engine/modules/http/index.ts';
import { createFakeVuContext } from '../../../unit/engine/modules/helpers.ts';
import { type Httpbin, startHttpbin } from '../../../helpers/httpbin.ts';

describe('k6/http cookies and authentication against httpbin', () => {
  let bin: Httpbin;
  let shared: SharedHttp;

  before(async () => {
    bin = await startHttpbin();
    shared = createSharedHttp();
  });
  after(async () => {
    await shared.close();
    await bin.close();
  });

  it('stores Set-Cookie from a redirect hop and sends it on the next hop', async () => {
    const ctx = createFakeVuContext();
    const http = createHttpModule(ctx, shared);
    const res = await http.get(`${bin.url}/cookies/set?first=1&second=two%20words`);
    assert.equal(res.url, `${bin.url}/cookies`);
    assert.deepEqual(res.json(), { cookies: { first: '1', second: 'two words' } });
    assert.deepEqual(res.cookies, {}, 'the final response set no cookie');
    assert.deepEqual(http.cookieJar().cookiesForURL(bin.url), { first: ['1'], second: ['two words'] });
    assert.equal(ctx.samplesOf('http_reqs').length, 2);
  });

  it('keeps the cookies of a jar passed in params, and not in the VU jar', async () => {
    const http = createHttpModule(createFakeVuContext(), shared);
    const jar = new http.CookieJar();
    await http.get(`${bin.url}/cookies/set?mine=1`, { jar });
    assert.deepEqual(jar.cookiesForURL(bin.url), { mine: ['1'] });
    assert.deepEqual(http.cookieJar().cookiesForURL(bin.url), {});
    const res = await http.get(`${bin.url}/cookies`, { jar, cookies: { extra: '2' } });
    assert.deepEqual(res.json(), { cookies: { extra: '2', mine: '1' } });
    assert.deepEqual(res.request?.cookies, {
      mine: [{ name: 'mine', value: '1', replace: false }],
      extra: [{ name: 'extra', value: '2', replace: false }],
    });
    // As k6 without `throw`: a Response carrying the error, nothing sent.
    const bad = await http.get(`${bin.url}/cookies`, { jar: {} });
    assert.match(bad.error, /invalid params\.jar/);
  });

  it('answers a digest challenge once: two hops, the 401 counted as expected', async () => {
    const ctx = createFakeVuContext();
    const http = createHttpModule(ctx, shared);
    const base = bin.url.replace('http://', 'http://user:passwd@');
    const res = await http.get(`${base}/digest-auth/auth/user/passwd`, { auth: 'digest' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { authenticated: true, user: 'user' });
    const statuses = ctx.samplesOf('http_reqs').map((s) => [s.tags.status, s.tags.expected_response]);
    assert.deepEqual(statuses, [
      ['401', 'true'],
      ['200', 'true'],
    ]);
    assert.match(String(res.request?.headers['User-Agent']), /inferload/);
    const wrong = await http.get(`${base}/digest-auth/auth/user/other`, { auth: 'digest' });
    assert.equal(wrong.status, 401);
    assert.equal(ctx.samplesOf('http_reqs').length, 4, 'a second 401 is the answer, not another challenge');
  });

  it('sends Basic credentials from the URL unless auth is digest', async () => {
    const http = createHttpModule(createFakeVuContext(), shared);
    const base = bin.url.replace('http://', 'http://user:passwd@');
    assert.equal((await http.get(`${base}/basic-auth/user/passwd`)).status, 200);
    const digestOnly = await http.get(`${base}/basic-auth/user/passwd`, { auth: 'digest' });
    assert.equal(digestOnly.status, 401, 'no Basic header is sent when digest was asked for');
  });

  it('follows a link and submits a form of an HTML page, resolved against its URL', async () => {
    const ctx = createFakeVuContext();
    const http = createHttpModule(ctx, shared);
    const page = await http.get(`${bin.url}/html`);
    const linked = (await page.clickLink()) as K6Response;
    assert.equal(linked.url, `${bin.url}/get?from=html`);
    assert.deepEqual((linked.json() as { args: unknown }).args, { from: 'html' });
    const second = (await page.clickLink({ selector: 'a[href="/headers"]' })) as K6Response;
    assert.equal(second.url, `${bin.url}/headers`);
    const posted = (await page.submitForm({ fields: { whale: 'blue' } })) as K6Response;
    assert.equal(posted.request?.method, 'POST');
    assert.deepEqual((posted.json() as { form: unknown }).form, { ship: 'pequod', whale: 'blue' });
    assert.throws(
      () => page.clickLink({ selector: 'nav a' }),
      /no element found for selector 'nav a' in response/,
    );
    assert.throws(() => page.submitForm({ formSelector: '#none' }), /no form found for selector '#none'/);
    assert.equal(ctx.tracked.filter((what) => what.startsWith('http.request(')).length, 3);
  });
});
