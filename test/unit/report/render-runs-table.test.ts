import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderRunsTable } from '../../../src/report/render-runs-table.ts';

describe('renderRunsTable', () => {
  it('lays the runs out in aligned columns, numbers right-aligned', () => {
    const text = renderRunsTable(
      [
        {
          id: 'run-b',
          startedAt: '2026-08-22T07:00:00.000Z',
          profile: 'heavy',
          preset: 'balanced',
          target: 'http://u:p@gpu:8080',
          durationSeconds: 330,
          requests: 1234,
          outputTokensPerSecond: 1520,
          e2eP95Ms: 8400,
          partial: false,
          exitCode: 0,
        },
        {
          id: 'run-a',
          startedAt: '2026-08-21T07:00:00.000Z',
          profile: 'l\u001b[31mx',
          target: 't',
          partial: true,
          exitCode: 105,
        },
      ],
      '/runs',
    );
    assert.equal(
      text,
      [
        'id     started (UTC)        profile  preset    target                duration  requests       output  p95 E2E  status',
        'run-b  2026-08-22 07:00:00  heavy    balanced  http://***@gpu:8080/    5m 30s      1234  1.52k tok/s    8.4 s  ok',
        'run-a  2026-08-21 07:00:00  l?[31mx  -         t                            –         –            –        –  partial (exit 105)',
      ].join('\n'),
    );
  });

  it('says which file of a run is damaged and how, keeping its status when meta.json is readable', () => {
    const text = renderRunsTable(
      [
        {
          id: 'bad',
          startedAt: '',
          profile: '-',
          target: '-',
          partial: false,
          damaged: 'meta.json: not valid JSON (Unexpected end of JSON input at line 1)',
        },
        {
          id: 'cut',
          startedAt: '2026-08-21T07:00:00.000Z',
          profile: 'light',
          target: 't',
          partial: true,
          damaged: 'summary.json: the file is empty',
        },
      ],
      '/runs',
    );
    assert.deepEqual(
      text.split('\n').map((line) => line.replace(/ {2,}/g, ' | ')),
      [
        'id | started (UTC) | profile | preset | target | duration | requests | output | p95 E2E | status',
        'bad | - | - | - | - | – | – | – | – | damaged: meta.json: not valid JSON (Unexpected end of JSON input at line 1)',
        'cut | 2026-08-21 07:00:00 | light | - | t | – | – | – | – | partial, damaged: summary.json: the file is empty',
      ],
    );
  });

  it('says where it looked when there are no runs', () => {
    assert.equal(renderRunsTable([], '/runs'), 'no saved runs in /runs (make stress-test saves one)');
  });
});
