import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelectorTags, splitMetricName } from '../../../../src/engine/metrics/metric-selector.ts';

describe('splitMetricName', () => {
  it('splits parent and selector', () => {
    assert.deepEqual(splitMetricName('http_req_duration'), {
      parent: 'http_req_duration',
      selector: undefined,
    });
    assert.deepEqual(splitMetricName('http_req_duration{status:200}'), {
      parent: 'http_req_duration',
      selector: 'status:200',
    });
    assert.deepEqual(splitMetricName('checks{group:::setup}').selector, 'group:::setup');
  });

  it('rejects malformed names like k6 ParseMetricName', () => {
    assert.throws(() => splitMetricName('m{a:1'), /unmatched/);
    assert.throws(() => splitMetricName('m}a:1{'), /before the opening/);
    assert.throws(() => splitMetricName('m{a:1}x'), /last position/);
    assert.throws(() => splitMetricName('m{a}'), /malformed/);
    assert.throws(() => splitMetricName('m{a:}'), /malformed/);
    assert.throws(() => splitMetricName('m{}'), /malformed/);
  });
});

describe('parseSelectorTags', () => {
  it('trims spaces and quotes and splits on the first colon', () => {
    assert.deepEqual(parseSelectorTags(` "status" : '200' , name:"http://x/a:b"`), {
      status: '200',
      name: 'http://x/a:b',
    });
    assert.deepEqual(parseSelectorTags('group:::api::chat'), { group: '::api::chat' });
    assert.deepEqual(parseSelectorTags('a:1,,b:2'), { a: '1', b: '2' });
  });
});
