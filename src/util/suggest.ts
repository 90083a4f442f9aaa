import { work } from './work.js';

let row = new Int32Array(64);

/**
 * Edit distance (Levenshtein). With `max`, stops as soon as the distance must exceed it and
 * returns max + 1, so comparing a name against a list costs little when most are far off.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (row.length < b.length + 1) row = new Int32Array(b.length + 1);
  const prev = row;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(tmp + 1, prev[j - 1]! + 1, diag + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      diag = tmp;
      if (prev[j]! < best) best = prev[j]!;
    }
    work.steps += b.length;
    if (best > max) return max + 1;
  }
  return prev[b.length]!;
}

/** The closest candidates to `input` ("did you mean"), best first; none when nothing is close. */
export function suggest(input: string, candidates: readonly string[], max = 3): string[] {
  const lower = input.toLowerCase();
  const limit = Math.max(2, Math.floor(lower.length / 3));
  return candidates
    .map((c) => {
      const cl = c.toLowerCase();
      const contains = cl.includes(lower) || lower.includes(cl);
      if (contains && lower.length >= 3) return { c, score: cl === lower ? 0 : 1 };
      // The distance is at least the difference in length: skip the count when that is already too far.
      return { c, score: Math.abs(cl.length - lower.length) > limit ? Infinity : editDistance(lower, cl, limit) };
    })
    .filter((x) => x.score <= limit)
    .sort((a, b) => a.score - b.score || a.c.length - b.c.length)
    .slice(0, max)
    .map((x) => x.c);
}
