import { readStreamBounded } from './read-bounded.js';

/** Where a command reads and writes; tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads stdin, stopping after `limit + 1` bytes (enough to tell it is over the limit). */
  readStdin(limit: number): Promise<Buffer>;
  /** Whether stdout is a terminal (colors). */
  isTty: boolean;
  /** Whether stderr is a terminal (progress lines); absent means no. */
  stderrIsTty?: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

export function nodeIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: (limit) => readStreamBounded(process.stdin, limit),
    isTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** Exit codes (DESIGN.md convention 8). */
export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2 } as const;

/** Exit status when whoever read our output went away (`| head -1`): 128 + SIGPIPE, as for a program the signal killed. */
export const EXIT_CLOSED_PIPE = 141;

/**
 * Ends the program quietly, with EXIT_CLOSED_PIPE, when stdout or stderr is a pipe whose reader
 * has gone: no stack trace, no further work. Other write errors stay errors.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(EXIT_CLOSED_PIPE);
      throw e;
    });
  }
}

/** A usage or input problem: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
