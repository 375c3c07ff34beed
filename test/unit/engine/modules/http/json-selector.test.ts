import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectJson } from '../../../../../src/engine/modules/http/json-selector.ts';
import { K6Response } from '../../../../../src/engine/modules/http/response.ts';

const doc = {
  name: { first: 'Tom', last: 'Anderson' },
  'fav.movie': 'Deer Hunter',
  friends: [
    { first: 'Dale', age: 44 },
    { first: 'Roger', age: 68 },
  ],
};

describe('selectJson', () => {
  it('follows dotted keys and array indexes', () => {
    assert.equal(selectJson(doc, 'name.last'), 'Anderson');
    assert.equal(selectJson(doc, 'friends.1.first'), 'Roger');
    assert.deepEqual(selectJson(doc, 'friends.0'), { first: 'Dale', age: 44 });
  });

  it("supports '#' (length), '#.key' (map) and escaped dots", () => {
    assert.equal(selectJson(doc, 'friends.#'), 2);
    assert.deepEqual(selectJson(doc, 'friends.#.age'), [44, 68]);
    assert.equal(selectJson(doc, 'fav\\.movie'), 'Deer Hunter');
  });

  it('returns undefined for missing paths', () => {
    assert.equal(selectJson(doc, 'name.middle'), undefined);
    assert.equal(selectJson(doc, 'friends.5'), undefined);
    assert.equal(selectJson(doc, 'name.first.x'), undefined);
  });

  it('rejects gjson syntax it does not implement', () => {
    assert.throws(() => selectJson(doc, 'friends.#(age>45)'), /not supported by inferload/);
    assert.throws(() => selectJson(doc, 'fr*nds'), /not supported by inferload/);
    assert.throws(() => selectJson(doc, 'name|@reverse'), /not supported by inferload/);
  });
});

describe('K6Response.json', () => {
  it('parses the body once and applies selectors', () => {
    const res = new K6Response();
    res.body = JSON.stringify(doc);
    assert.deepEqual(res.json(), doc);
    assert.equal(res.json(), res.json());
    assert.equal(res.json('friends.1.age'), 68);
  });

  it('returns undefined for a selector on invalid JSON and throws without one, as k6', () => {
    const res = new K6Response();
    res.body = '{"a":';
    assert.equal(res.json('a'), undefined);
    assert.throws(() => res.json(), /cannot parse json due to an error at line 1/);
  });

  it('throws on a null body, for json() and html() alike', () => {
    const res = new K6Response();
    assert.throws(() => res.json(), /the body is null/);
    assert.throws(() => res.html(), /the body is null so we can't transform it to HTML/);
  });

  it('parses a binary body too', () => {
    const res = new K6Response();
    res.body = new TextEncoder().encode('[1,2]').buffer;
    assert.deepEqual(res.json(), [1, 2]);
  });
});
