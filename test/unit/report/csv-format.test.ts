import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatCsv, formatCsvCell, formatCsvNumber } from '../../../src/report/csv-format.ts';

describe('csv-format', () => {
  it('quotes cells holding commas, quotes or line breaks, as RFC 4180 says', () => {
    assert.equal(formatCsvCell('plain'), 'plain');
    assert.equal(formatCsvCell('a,b'), '"a,b"');
    assert.equal(formatCsvCell('say "hi"'), '"say ""hi"""');
    assert.equal(formatCsvCell('two\nlines'), '"two\nlines"');
    assert.equal(formatCsvCell(undefined), '');
    assert.equal(formatCsvCell(true), 'true');
  });

  it('keeps text cells from starting a spreadsheet formula, but writes numbers as numbers', () => {
    assert.equal(formatCsvCell('=cmd|"/c calc"!A1'), `"'=cmd|""/c calc""!A1"`);
    assert.equal(formatCsvCell('+1'), "'+1");
    assert.equal(formatCsvCell('-x'), "'-x");
    assert.equal(formatCsvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(formatCsvCell('\tx'), "'\tx");
    assert.equal(formatCsvCell(-2.5), '-2.5');
  });

  it('rounds numbers to six decimals and leaves non-finite ones empty', () => {
    assert.equal(formatCsvNumber(0.1 + 0.2), '0.3');
    assert.equal(formatCsvNumber(1 / 3), '0.333333');
    assert.equal(formatCsvNumber(Number.NaN), '');
    assert.equal(formatCsvNumber(Infinity), '');
  });

  it('ends every line with CRLF', () => {
    assert.equal(formatCsv(['a', 'b'], [[1, 'x,y']]), 'a,b\r\n1,"x,y"\r\n');
  });
});
