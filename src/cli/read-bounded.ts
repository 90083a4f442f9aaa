import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 64 * 1024;

/** The buffer regular files of up to 1 MiB are read into, grown as needed: one allocation for a whole folder, not one per file. */
let scratch = Buffer.allocUnsafe(0);
const SCRATCH_MAX = 1024 * 1024;

/**
 * Reads a file, FIFO or device through one descriptor, in chunks, and stops once past `limit`
 * bytes (returning limit + 1 of them): enough to tell that it is over the limit without holding more. Never asks the size, so
 * pseudo-files that report 0 (/proc/*), pipes and endless devices cost at most limit + 1 bytes.
 * A regular file's bytes may be a view of a buffer the next call reuses: decode them before reading another.
 */
export function readFileBounded(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const st = fstatSync(fd);
    if (st.isFile() && st.size > 0) {
      const want = Math.min(st.size, limit) + 1;
      if (want <= SCRATCH_MAX && scratch.length < want) scratch = Buffer.allocUnsafe(Math.max(want, 64 * 1024));
      const buf = want <= SCRATCH_MAX ? scratch : Buffer.allocUnsafe(want);
      while (total < want) {
        const n = readSync(fd, buf, total, want - total, null);
        if (n === 0) break;
        total += n;
        // All fstat said it had: done, without one more read(2) to meet the end. (What was
        // appended meanwhile is left out, as if the file had been read a moment earlier.)
        if (total === st.size) break;
      }
      if (total < want || total > limit) return buf.subarray(0, total);
      chunks.push(buf.subarray(0, want));
    }
    while (total <= limit) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
    return Buffer.concat(chunks, Math.min(total, limit + 1));
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream (stdin) with a byte counter, stopping after `limit + 1` bytes. */
export async function readStreamBounded(stream: AsyncIterable<Buffer | string>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : c;
    chunks.push(chunk.subarray(0, limit + 1 - total));
    total += chunks.at(-1)!.length;
    if (total > limit) break;
  }
  return Buffer.concat(chunks, total);
}
