import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeTransportError } from '../../../src/util/transport-error.ts';

const coded = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('describeTransportError', () => {
  it('names Node and undici codes in the profiles error-kind vocabulary', () => {
    const kinds = [
      'ECONNREFUSED',
      'ECONNRESET',
      'UND_ERR_HEADERS_TIMEOUT',
      'EAI_AGAIN',
      'UND_ERR_HEADERS_OVERFLOW',
    ].map((code) => describeTransportError(coded(code)).kind);
    assert.deepEqual(kinds, ['connect_refused', 'reset', 'timeout', 'dns', 'header_overflow']);
    assert.equal(
      describeTransportError(Object.assign(new Error('fetch failed'), { cause: { code: 'ENOTFOUND' } })).kind,
      'dns',
    );
    assert.equal(describeTransportError(new Error('something else')).kind, 'network');
  });

  it("recognises TLS by its text, keeping OpenSSL's reason, and a non-HTTP answer by the parser", () => {
    const tls = describeTransportError(
      coded(
        'ERR_SSL_WRONG_VERSION_NUMBER',
        '80AC:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl3_record.c:350:',
      ),
    );
    assert.deepEqual([tls.kind, tls.message], ['tls', 'wrong version number']);
    const parser = Object.assign(new Error('Response does not match the HTTP/1.1 protocol'), {
      name: 'HTTPParserError',
    });
    assert.deepEqual(
      [describeTransportError(parser).kind, describeTransportError(parser).code],
      ['malformed', 'HPE_INVALID'],
    );
  });
});
