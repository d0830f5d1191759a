export type CsvValue = string | number | boolean | null | undefined;

/** A report as one table: the header row and the data rows. */
export interface CsvTable {
  columns: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<CsvValue>>;
}

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // RFC 4180 quoting; a leading = + - @ is quoted too so spreadsheets do not run it as a formula
  return /[",\r\n]/.test(text) || /^[=+@]/.test(text) || /^-[^0-9]/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** RFC 4180: comma-separated, CRLF line ends, fields quoted when needed. */
export function toCsv(table: CsvTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
