import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtml } from '../../../../src/engine/modules/http/html-selection.ts';
import type { HtmlElement } from '../../../../src/engine/modules/http/html-element.ts';
import { K6Response } from '../../../../src/engine/modules/http/response.ts';
import { HTTPBIN_HTML } from '../../../helpers/httpbin.ts';

describe("Response.html()'s Selection", () => {
  const doc = parseHtml(HTTPBIN_HTML);
  const items = doc.find('#chapters li');

  it('finds, counts, picks and reads as goquery does', () => {
    assert.equal(doc.find('h1').text(), 'Herman Melville - Moby-Dick');
    assert.equal(items.size(), 3);
    assert.equal(items.first().text(), 'Loomings');
    assert.equal(items.last().text(), 'The Spouter-Inn');
    assert.equal(items.eq(1).text(), 'The Carpet-Bag');
    assert.equal(items.eq(-1).text(), 'The Spouter-Inn');
    assert.equal(items.attr('data-n'), '1');
    assert.equal(items.attr('missing', 'fallback'), 'fallback');
    assert.equal(doc.find('nothing').attr('x'), undefined);
    assert.equal(doc.find('nothing').html(), undefined);
    assert.equal(doc.find('#story').children('p').size(), 3);
    assert.equal(items.eq(1).next().text(), 'The Spouter-Inn');
    assert.equal(items.eq(1).prev().text(), 'Loomings');
    assert.equal(items.eq(0).siblings().size(), 2);
    assert.equal(items.eq(0).parent().attr('id'), 'chapters');
    assert.equal(items.eq(0).closest('body').size(), 1);
    assert.equal(items.filter('[data-n="2"]').text(), 'The Carpet-Bag');
    assert.equal(items.not('[data-n="2"]').size(), 2);
    assert.equal(doc.find('ul').has('li').size(), 1);
    assert.equal(items.is('li'), true);
    assert.equal(items.slice(1, 2).text(), 'The Carpet-Bag');
    assert.equal(doc.find('p.first').html(), 'Availing himself of the mild, summer-cool weather.');
  });

  it('hands Elements to each() and Selections to map(), and arrays from toArray() and get()', () => {
    const seen: string[] = [];
    items.each((i: number, el: HtmlElement) => {
      seen.push(`${i}:${el.nodeName()}:${el.textContent()}:${el.getAttribute('data-n') ?? ''}`);
    });
    assert.deepEqual(seen, ['0:LI:Loomings:1', '1:LI:The Carpet-Bag:2', '2:LI:The Spouter-Inn:3']);
    assert.deepEqual(
      items.map((_i, sel) => sel.attr('data-n')),
      ['1', '2', '3'],
    );
    assert.deepEqual(
      items.toArray().map((sel) => sel.text()),
      ['Loomings', 'The Carpet-Bag', 'The Spouter-Inn'],
    );
    const element = items.get(0) as HtmlElement;
    assert.equal(element.nodeType(), 1);
    assert.equal(element.hasAttribute('data-n'), true);
    assert.equal((items.get() as HtmlElement[]).length, 3);
    assert.equal(doc.find('#story').get(0) instanceof Object, true);
  });

  it('awaits callbacks the blocking transform made async', async () => {
    const mapped = await items.map(async (_i, sel) => sel.attr('data-n'));
    assert.deepEqual(mapped, ['1', '2', '3']);
    const order: number[] = [];
    await items.each(async (i) => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push(i);
    });
    assert.deepEqual(order, [0, 1, 2]);
  });

  it('serializes forms and reads values', () => {
    const form = doc.find('form');
    assert.equal(form.serialize(), 'whale=white&ship=pequod');
    assert.deepEqual(form.serializeArray(), [
      { name: 'whale', value: 'white' },
      { name: 'ship', value: 'pequod' },
    ]);
    assert.deepEqual(form.serializeObject(), { whale: 'white', ship: 'pequod' });
    assert.equal(doc.find('input').val(), 'white');
    assert.equal(doc.find('select').val(), 'pequod');
    assert.deepEqual(doc.find('li').data(), { n: 1 });
  });

  it('parses the response body, or refuses a null body with k6 words', () => {
    const res = new K6Response();
    res.body = HTTPBIN_HTML;
    assert.equal(res.html('h1').text(), 'Herman Melville - Moby-Dick');
    assert.equal(res.html().find('a').size(), 2);
    res.body = null;
    assert.throws(() => res.html(), /the body is null so we can't transform it to HTML/);
  });
});
