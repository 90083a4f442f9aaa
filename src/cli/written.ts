/**
 * What this run of the CLI has written (a file replaced, a domain defined), so that a failure
 * after the write, such as standard output on a full disk, can say that the change was made all
 * the same: exit 2 otherwise reads as "nothing was written". One CLI run at a time per process.
 */
const written: string[] = [];

export function noteWritten(what: string): void {
  written.push(what);
}

/** What was written since the last call, in order; forgets it. */
export function takeWritten(): string[] {
  return written.splice(0);
}

/** "a; b; c; and 2 more": at most three named. */
export function describeWritten(items: readonly string[]): string {
  const named = items.slice(0, 3).join('; ');
  return items.length > 3 ? `${named}; and ${items.length - 3} more` : named;
}
