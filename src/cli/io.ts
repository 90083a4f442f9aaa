import { readStreamBounded } from './read-bounded.js';

/** Where a command reads and writes; tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads stdin, stopping after `limit + 1` bytes (enough to tell it is over the limit). */
  readStdin(limit: number): Promise<Buffer>;
  /** Whether stdout is a terminal (colors). */
  isTty: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

export function nodeIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: (limit) => readStreamBounded(process.stdin, limit),
    isTty: process.stdout.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** Exit codes (DESIGN.md convention 8). */
export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2 } as const;

/** A usage or input problem: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
