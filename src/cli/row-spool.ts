/**
 * Audit's rows, kept until the report is written without their memory growing with the number of
 * rows: each row is kept as its JSON line, and once the lines held pass SPILL_BYTES they go to a
 * file of their own that nobody else can open or see (made in a fresh private folder under the
 * temporary folder, opened exclusively, then unlinked with its folder at once, so that nothing is
 * left behind whatever ends the process). Reading them back goes through the file in chunks, in
 * the order they came, as many times as the report needs (the table measures its columns first).
 * A small audit never makes the file. Lines are JSON, so a row read back holds its own copies of
 * every string: a string sliced from a file's text would otherwise keep the whole text alive.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Lines held in memory before they go to the file: about 3,000 rows of a folder audit. */
const SPILL_BYTES = 1 << 20;
const READ_BYTES = 1 << 20;
const NEWLINE = 0x0a;

export class RowSpool<T> implements Iterable<T> {
  private held: string[] = [];
  private heldBytes = 0;
  private fd: number | undefined;
  private written = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(row: T): void {
    // JSON escapes line breaks inside strings: a raw newline only ever ends a row.
    const line = `${JSON.stringify(row)}\n`;
    this.held.push(line);
    this.heldBytes += line.length;
    this.count++;
    if (this.heldBytes >= SPILL_BYTES) this.spill();
  }

  *[Symbol.iterator](): Iterator<T> {
    if (this.fd !== undefined) yield* this.fromFile(this.fd, this.written);
    // A copy: rows pushed while the report reads (none today) would otherwise shift this loop.
    for (const line of [...this.held]) yield JSON.parse(line) as T;
  }

  /** Closes the file (already unlinked); the rows are gone. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.held = [];
    this.heldBytes = 0;
    this.written = 0;
    this.count = 0;
  }

  private spill(): void {
    if (this.fd === undefined) this.fd = openPrivateFile();
    const bytes = Buffer.from(this.held.join(''), 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
    this.written += bytes.length;
    this.held = [];
    this.heldBytes = 0;
  }

  private *fromFile(fd: number, size: number): Generator<T> {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    let carry: Buffer | undefined;
    for (let at = 0; at < size; ) {
      const n = readSync(fd, buffer, 0, Math.min(READ_BYTES, size - at), at);
      if (n === 0) throw new Error('the audit row file ended early');
      at += n;
      let chunk = buffer.subarray(0, n);
      if (carry) chunk = Buffer.concat([carry, chunk]);
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        yield JSON.parse(chunk.toString('utf8', start, end)) as T;
        start = end + 1;
      }
      // The rest of the chunk is the start of a line read on: copied, since the buffer is reused.
      carry = start < chunk.length ? Buffer.from(chunk.subarray(start)) : undefined;
    }
    if (carry) throw new Error('the audit row file ends inside a row');
  }
}

/** A file only this process can reach: created exclusively in a fresh 0700 folder, then unlinked with it. */
function openPrivateFile(): number {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-audit-'));
  const file = join(dir, 'rows.jsonl');
  try {
    return openSync(file, 'wx+', 0o600);
  } finally {
    try {
      unlinkSync(file);
    } catch {
      // never created
    }
    rmdirSync(dir);
  }
}
