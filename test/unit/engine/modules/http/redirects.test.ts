import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planRedirect, redirectHeaderList } from '../../../../../src/engine/modules/http/redirects.ts';

describe('planRedirect', () => {
  it('turns POST into GET without a body on 301/302/303, as Go does', () => {
    assert.deepEqual(planRedirect(302, 'POST', '/next', 'http://h/a'), {
      url: 'http://h/next',
      method: 'GET',
      keepBody: false,
    });
    assert.deepEqual(planRedirect(303, 'HEAD', '/n', 'http://h/a'), {
      url: 'http://h/n',
      method: 'HEAD',
      keepBody: false,
    });
  });

  it('keeps method and body on 307/308', () => {
    assert.deepEqual(planRedirect(307, 'PUT', 'http://o/x', 'http://h/a'), {
      url: 'http://o/x',
      method: 'PUT',
      keepBody: true,
    });
  });

  it('does not follow other statuses or a missing Location', () => {
    assert.equal(planRedirect(300, 'GET', '/x', 'http://h/'), null);
    assert.equal(planRedirect(304, 'GET', '/x', 'http://h/'), null);
    assert.equal(planRedirect(302, 'GET', undefined, 'http://h/'), null);
  });
});

describe('redirectHeaderList', () => {
  it('drops credentials and cookies when the host changes', () => {
    const headers = ['User-Agent', 'ua', 'Authorization', 'Bearer x', 'Cookie', 'a=1', 'X-Other', 'y'];
    assert.deepEqual(redirectHeaderList(headers, false), ['User-Agent', 'ua', 'X-Other', 'y']);
    assert.equal(redirectHeaderList(headers, true), headers);
  });
});
