import { work } from './work.js';

/** Appends every item of `from` to `to` (no spread: arrays of any length). */
export function appendAll<T>(to: T[], from: readonly T[]): void {
  work.steps += from.length;
  for (const x of from) to.push(x);
}
