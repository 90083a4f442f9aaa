/** Edit distance (Levenshtein), small inputs only. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
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
      const d = editDistance(lower, cl);
      const contains = cl.includes(lower) || lower.includes(cl);
      return { c, score: contains && lower.length >= 3 ? Math.min(d, 1) : d };
    })
    .filter((x) => x.score <= limit)
    .sort((a, b) => a.score - b.score || a.c.length - b.c.length)
    .slice(0, max)
    .map((x) => x.c);
}
