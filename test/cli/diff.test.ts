import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/util/unified-diff.js';

/** Applies a unified diff to `before`: the test's own reader, to check every diff is correct. */
function apply(before: string, diff: string): string {
  const a = before.split('\n');
  const out: string[] = [];
  let ai = 0;
  for (const l of diff.split('\n').slice(2, -1)) {
    const m = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(l);
    if (m) {
      const start = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
      while (ai < start) out.push(a[ai++]!);
    } else if (l[0] === ' ') out.push(a[ai++]!);
    else if (l[0] === '-') ai++;
    else out.push(l.slice(1));
  }
  while (ai < a.length) out.push(a[ai++]!);
  return out.join('\n');
}

describe('unifiedDiff', () => {
  it('property: applying the diff to the old text gives the new one', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 12 }).map((x) => x.join('\n'));
    fc.assert(
      fc.property(text, text, (x, y) => (x === y ? true : apply(x, unifiedDiff(x, y, 'f')) === y)),
      { numRuns: 2000 },
    );
  });
  it('a large file with a small change: only the changed part is compared, and the diff still applies', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i}`);
    const before = lines.join('\n');
    const after = [...lines.slice(0, 100_000), 'new', ...lines.slice(100_000)].join('\n');
    const diff = unifiedDiff(before, after, 'big');
    expect(diff.split('\n')).toHaveLength(2 + 1 + 7 + 1);
    expect(apply(before, diff)).toBe(after);
  });
  it('a large rewrite is shown as replaced whole, still correct', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n');
    const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n');
    expect(apply(before, unifiedDiff(before, after, 'big'))).toBe(after);
  });
  it('escapes control characters in lines and the name, keeping a CRLF line end', () => {
    const diff = unifiedDiff('-cpu host,hv_\u001b[31mRED\u0007\r\n', '-cpu host\r\n', 'n\u001b[2Jame');
    expect(diff).toContain('--- n\\u001b[2Jame\n');
    expect(diff).toContain('--cpu host,hv_\\u001b[31mRED\\u0007\r\n');
    expect(diff).toContain('+-cpu host\r\n');
  });
});
