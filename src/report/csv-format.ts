// CSV cells and lines as RFC 4180 has them, with text cells kept from being read as spreadsheet formulas.

/** A cell: a number as written, a text, or nothing. */
export type CsvValue = string | number | boolean | undefined;

// OWASP's list: a cell starting with these is a formula to Excel, LibreOffice and Google Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Rounds to six decimals, so that 0.1 + 0.2 is written 0.3; non-finite numbers are left empty. */
export function formatCsvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  return String(Number(value.toFixed(6)));
}

/** One cell: numbers as they are, text with a leading ' when it would start a formula, quoted when needed. */
export function formatCsvCell(value: CsvValue): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return formatCsvNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a header line and the rows, every line ended by CRLF. */
export function formatCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(formatCsvCell).join(',')}\r\n`).join('');
}
