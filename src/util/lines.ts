import { work } from './work.js';

/** Line numbers (1-based) of offsets in a text, each found by binary search over its line starts: linear to build, logarithmic to ask. */
export function lineIndex(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Appends every item of `from` to `to` (no spread: arrays of any length). */
export function appendAll<T>(to: T[], from: readonly T[]): void {
  work.steps += from.length;
  for (const x of from) to.push(x);
}
