import { fstatSync, writeSync } from 'node:fs';
import { loadTty } from '../host/lazy-node.js';
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
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    readStdin: (limit) => readStreamBounded(process.stdin, limit),
    get isTty() {
      return isTerminal(1);
    },
    get stderrIsTty() {
      return isTerminal(2);
    },
    cwd: process.cwd(),
    env: process.env,
  };
}

// Output goes to file descriptors 1 and 2 with write(2), not through process.stdout and
// process.stderr: the first touch of either builds a Node stream, which loads net, stream and tty,
// about 6 ms and 170 page faults at every start (profiled; `npm run bench -- cold-start`). The
// writes are synchronous, as Node's own stdout is for files and pipes on Linux, so the output is
// complete when the process exits. A descriptor left non-blocking by whoever started us (EAGAIN)
// goes back to Node's stream, which waits for it; a reader gone away (EPIPE) ends us quietly; any
// other failure (a full disk: ENOSPC) is an OutputError, which the CLI reports and exits 2 on.
//
// Once one write has had to wait, every later write, to either descriptor, waits in one queue and
// goes out after the one before it has: stdout and stderr are often one pipe (2>&1), and a write
// to the other descriptor made at once, or a second stream of its own, overtook what was waiting.

const streams = new Map<1 | 2, NodeJS.WriteStream>();

/** What waits to be written, in the order it was written, once a write has met EAGAIN. */
let waiting: { fd: 1 | 2; bytes: Buffer }[] | undefined;
let draining = false;

/** process.stdout or process.stderr, made on first use, ending quietly on a closed pipe. */
function nodeStream(fd: 1 | 2): NodeJS.WriteStream {
  let stream = streams.get(fd);
  if (!stream) {
    stream = fd === 1 ? process.stdout : process.stderr;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(EXIT_CLOSED_PIPE);
      // The command has returned or gone on since this was written: say why the output stops.
      if (fd !== 2)
        try {
          writeSync(2, `enlighten: ${new OutputError(fd, e).message}\n`);
        } catch {
          // stderr is gone too: the exit status says it
        }
      process.exit(EXIT.USAGE);
    });
    streams.set(fd, stream);
  }
  return stream;
}

/**
 * True once some output went through Node's stream (a descriptor that answered EAGAIN): the
 * process must then end the usual way, when the stream has written everything, rather than at once
 * (`src/cli/bin.ts`).
 */
export function outputThroughStreams(): boolean {
  return streams.size > 0;
}

function wait(fd: 1 | 2, bytes: Buffer): void {
  (waiting ??= []).push({ fd, bytes });
  if (!draining) drain();
}

function drain(): void {
  const next = waiting!.shift();
  draining = next !== undefined;
  if (next) nodeStream(next.fd).write(next.bytes, (e) => (e ? undefined : drain()));
}

function fdWriter(fd: 1 | 2): (text: string) => void {
  return (text) => {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length === 0) return;
    if (waiting) {
      wait(fd, bytes);
      return;
    }
    let done = 0;
    while (done < bytes.length) {
      try {
        done += writeSync(fd, bytes, done);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EPIPE') process.exit(EXIT_CLOSED_PIPE);
        if (err.code !== 'EAGAIN') throw new OutputError(fd, err);
        wait(fd, bytes.subarray(done));
        return;
      }
    }
  };
}

/** Standard output or error refused a write (not a closed pipe): the CLI says so and exits 2. */
export class OutputError extends Error {
  constructor(
    readonly fd: 1 | 2,
    cause: NodeJS.ErrnoException,
  ) {
    // 'ENOSPC: no space left on device, write' -> 'no space left on device'
    const why = /^[A-Z0-9]+: (.*?)(?:, write)?$/.exec(cause.message)?.[1] ?? cause.message;
    super(`cannot write the output (${fd === 1 ? 'standard output' : 'standard error'}): ${why}`);
  }
}

/**
 * Whether the descriptor is a terminal. Pipes, files and /dev/null (memory devices, major 1) are
 * told apart by fstat(2) alone; other character devices ask Node's tty module (isatty(3)).
 */
function isTerminal(fd: 1 | 2): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice() || Math.floor(st.rdev / 256) % 4096 === 1) return false;
  } catch {
    return false;
  }
  return loadTty().isatty(fd);
}

/** Exit codes (DESIGN.md convention 8). */
export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2 } as const;

/** Exit status when whoever read our output went away (`| head -1`): 128 + SIGPIPE, as for a program the signal killed. */
export const EXIT_CLOSED_PIPE = 141;

/** A usage or input problem: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
