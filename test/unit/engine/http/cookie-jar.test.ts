import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { K6CookieJar } from '../../../../src/engine/modules/http/cookie-jar.ts';
import { cookieHeaderFor, requestCookieMap } from '../../../../src/engine/modules/http/request-cookies.ts';
import { parseResponseCookies } from '../../../../src/engine/modules/http/response-cookies.ts';

const SITE = 'http://127.0.0.1:8080';

describe('the k6 cookie jar', () => {
  it('keeps what servers set, by path, and hands it to the URLs it matches', () => {
    const jar = new K6CookieJar();
    jar.store(`${SITE}/cookies/set`, ['a=1; Path=/', 'b=2; Path=/cookies', 'gone=x; Max-Age=0; Path=/']);
    assert.deepEqual(jar.cookiesForURL(`${SITE}/cookies`), { a: ['1'], b: ['2'] });
    assert.deepEqual(jar.cookiesForURL(`${SITE}/other`), { a: ['1'] });
    assert.deepEqual(jar.cookiesForURL('http://127.0.0.2:8080/cookies'), {});
  });

  it('sets, deletes and clears through the script API', () => {
    const jar = new K6CookieJar();
    jar.set(`${SITE}/cookies`, 'one', 'hello world');
    jar.set(`${SITE}/cookies`, 'two', '2', { path: '/cookies', max_age: 600 });
    assert.deepEqual(jar.cookiesForURL(`${SITE}/cookies`), { one: ['hello world'], two: ['2'] });
    jar.delete(`${SITE}/cookies`, 'one');
    assert.deepEqual(jar.cookiesForURL(`${SITE}/cookies`), { two: ['2'] });
    jar.clear(`${SITE}/cookies`);
    assert.deepEqual(jar.cookiesForURL(`${SITE}/cookies`), {});
    assert.throws(() => jar.set('not a url', 'a', 'b'), /invalid URL "not a url"/);
  });

  it("sends the script's Cookie header, then params.cookies, then the jar's unless replaced", () => {
    const jar = new K6CookieJar();
    jar.store(`${SITE}/`, ['a=jar; Path=/', 'b=jar; Path=/']);
    const cookies = [
      { name: 'a', value: 'param', replace: true },
      { name: 'b', value: 'param', replace: false },
    ];
    assert.equal(cookieHeaderFor('own=1', cookies, jar, `${SITE}/x`), 'own=1; a=param; b=param; b=jar');
    assert.equal(cookieHeaderFor(null, [], new K6CookieJar(), `${SITE}/x`), null);
    assert.deepEqual(requestCookieMap(cookies, jar, `${SITE}/x`), {
      a: [{ name: 'a', value: 'param', replace: true }],
      b: [
        { name: 'b', value: 'jar', replace: false },
        { name: 'b', value: 'param', replace: false },
      ],
    });
  });

  it("shows a response's cookies as k6 does, quotes dropped as Go drops them", () => {
    const cookies = parseResponseCookies(
      ['s="hello world"; Path=/; HttpOnly', 'd=1; Domain=example.com; Max-Age=60; Secure'],
      '127.0.0.1',
    );
    assert.deepEqual(cookies['s'], [
      {
        name: 's',
        value: 'hello world',
        domain: '127.0.0.1',
        path: '/',
        http_only: true,
        secure: false,
        max_age: 0,
        expires: 0,
      },
    ]);
    assert.equal(cookies['d']?.[0]?.domain, 'example.com');
    assert.equal(cookies['d']?.[0]?.max_age, 60);
    assert.equal(cookies['d']?.[0]?.secure, true);
  });
});
