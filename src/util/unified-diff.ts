import { printable } from './printable.js';

/** The largest middle part (lines before x lines after) compared line by line; past it, replaced whole. */
const MAX_CELLS = 4_000_000;

/** A line as shown: control characters escaped, a CRLF file's final CR kept. */
const show = (line: string): string =>
  line.endsWith('\r') ? `${printable(line.slice(0, -1), true)}\r` : printable(line, true);

/**
 * A unified diff of two texts (for --dry-run), with `context` lines around each change. The lines
 * both share at the start and the end are set aside first, so an edit of a few lines in a large
 * file costs little; the rest is compared by longest common subsequence when small enough, and
 * otherwise shown as replaced whole (still a correct diff). Control characters are escaped.
 */
export function unifiedDiff(before: string, after: string, name: string, context = 3): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  let head = 0;
  while (head < n && head < m && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && a[n - 1 - tail] === b[m - 1 - tail]) tail++;
  const rows = n - head - tail;
  const cols = m - head - tail;
  const small = (rows + 1) * (cols + 1) <= MAX_CELLS;
  const lcs: Uint32Array[] = small ? Array.from({ length: rows + 1 }, () => new Uint32Array(cols + 1)) : [];
  if (small) {
    for (let i = rows - 1; i >= 0; i--) {
      for (let j = cols - 1; j >= 0; j--)
        lcs[i]![j] = a[head + i] === b[head + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const keepLeft = (i: number, j: number): boolean =>
    !small || lcs[i + 1 - head]![j - head]! >= lcs[i - head]![j + 1 - head]!;
  const ops: { op: ' ' | '-' | '+'; line: string; ai: number; bi: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const ri = i < head ? 0 : i < n - tail ? 1 : 2;
    const rj = j < head ? 0 : j < m - tail ? 1 : 2;
    if (i < n && j < m && ri === rj && a[i] === b[j] && (ri !== 1 || small))
      ops.push({ op: ' ', line: a[i]!, ai: i++, bi: j++ });
    else if (ri === 1 && (rj !== 1 || keepLeft(i, j))) ops.push({ op: '-', line: a[i]!, ai: i++, bi: j });
    else ops.push({ op: '+', line: b[j]!, ai: i, bi: j++ });
  }
  const out = [`--- ${printable(name)}`, `+++ ${printable(name)}`];
  const changes = ops.flatMap((o, idx) => (o.op === ' ' ? [] : [idx]));
  let g = 0;
  while (g < changes.length) {
    // A hunk takes every change within 2*context lines of the previous one.
    let last = g;
    while (last + 1 < changes.length && changes[last + 1]! - changes[last]! <= 2 * context + 1) last++;
    const from = Math.max(0, changes[g]! - context);
    const to = Math.min(ops.length, changes[last]! + context + 1);
    const hunk = ops.slice(from, to);
    const aLen = hunk.filter((o) => o.op !== '+').length;
    const bLen = hunk.filter((o) => o.op !== '-').length;
    const aStart = aLen ? hunk[0]!.ai + 1 : hunk[0]!.ai;
    const bStart = bLen ? hunk[0]!.bi + 1 : hunk[0]!.bi;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of hunk) out.push(`${o.op}${show(o.line)}`);
    g = last + 1;
  }
  return `${out.join('\n')}\n`;
}
