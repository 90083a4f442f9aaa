import { printable } from '../util/printable.js';

/** Rows handed to `write` at a time: a long table goes out as it is made, never as one string. */
const CHUNK_ROWS = 1024;

/**
 * Writes a plain text table with a header, a chunk of rows at a time; the last column is not
 * padded and control characters in cells are escaped. Two passes over `rows` (widths, then lines;
 * one when the caller gives the widths it measured), making each row's cells as it goes, so memory
 * does not grow with the table.
 */
export function writeTable<T>(
  header: readonly string[],
  rows: Iterable<T>,
  cellsOf: (row: T) => readonly string[],
  write: (text: string) => void,
  /** The columns' widths when the caller measured the rows already (header and printable cells included): one pass instead of two. */
  measured?: readonly number[],
): void {
  const widths = measured ? [...measured] : header.map((h) => h.length);
  if (!measured) {
    for (const row of rows) {
      const cells = cellsOf(row);
      for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, printable(cells[i] ?? '').length);
    }
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  let chunk = [line(header)];
  for (const row of rows) {
    chunk.push(line(cellsOf(row).map((c) => printable(c))));
    if (chunk.length >= CHUNK_ROWS) {
      write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) write(`${chunk.join('\n')}\n`);
}

/** The table of `writeTable` as one string, for short tables. */
export function renderTable(header: string[], cells: string[][]): string {
  let out = '';
  writeTable(
    header,
    cells,
    (r) => r,
    (text) => {
      out += text;
    },
  );
  return out;
}
