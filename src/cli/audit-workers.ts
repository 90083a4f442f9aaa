/**
 * A folder's files checked on every core. The walk stays in the main thread; batches of paths go
 * to worker threads, which read, recognise and check them with the same code (`audit-one.ts`) and
 * send the rows back; the main thread gives them out in the walk's order, so the output is the
 * same as on one core. Only a few batches are in flight at once, so memory does not grow with the
 * folder. Small audits stay on the main thread: starting a worker costs more than they do.
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { loadV8, loadWorkerThreads } from '../host/lazy-node.js';
import type { Found } from './audit-inputs.js';
import type { AuditContext, Outcome } from './audit-one.js';
import { auditFound } from './audit-one.js';
import { bundleFile } from './bundle-file.js';

/**
 * Files after which an audit counts as long and V8's optimising compiler is told to inline smaller
 * functions only (`compileForLongAudit`).
 */
export const LONG_AUDIT = 64;

/**
 * The largest function (in bytecode) V8's optimising compiler inlines during a long audit: 100
 * instead of V8's 460. A long audit is one short process that runs the same code on thousands of
 * files, and most of its time goes into the first two thousand, while TurboFan (on the second core)
 * is still compiling what they run: 750 ms of compiling for 2,000 files (`--trace-opt`), auditInput
 * alone 44 ms, because it inlines much of the check. Smaller inlining makes each compile shorter,
 * so the optimised code arrives sooner. Measured (2 cores, 7 interleaved runs, medians): 10,000
 * files 1,308 to 1,270 ms, 2,000 files 625 to 575 ms; 150 gained nothing and 60 less than 100;
 * the cost per file once all is compiled did not change (1,000s of files after the first 2,000).
 * Set once, after LONG_AUDIT files, so that a short audit never loads node:v8 (which brings in
 * streams), and in the CLI's process only (bin/enlighten.cjs); V8 reads the flag at each compile.
 */
export const LONG_AUDIT_INLINING = '--max-inlined-bytecode-size=100';

function compileForLongAudit(): void {
  loadV8().setFlagsFromString(LONG_AUDIT_INLINING);
}

/** Files checked on the main thread before workers are started: an audit this small never starts one. */
const IN_PROCESS_FIRST = 200;
const BATCH = 64;
/** Batches in flight per worker: one being checked, one waiting, so a worker never idles for the main thread. */
const IN_FLIGHT = 2;

interface WorkerInit {
  enlightenAuditWorker: true;
  ctx: AuditContext;
}
type Request = { id: number; found: Found[] };
type Reply = { id: number; outcomes: Outcome[] } | { id: number; error: string };

/**
 * The file worker threads run: the CLI's own start (bin/enlighten.cjs, which loads the bundle
 * dist/cli.cjs with its code cache), which turns into a worker when started as one
 * (`runAuditWorkerIfAsked`). Undefined when enlighten runs from its sources (the tests), where there
 * is no bundle to start.
 */
function workerScript(): string | undefined {
  const bundle = bundleFile();
  return bundle ? join(dirname(bundle), '..', 'bin', 'enlighten.cjs') : undefined;
}

/**
 * How many threads check files: ENLIGHTEN_AUDIT_THREADS (at most `max`), else one. Measured with
 * `npm run bench -- audit-folder` (2 cores, 10,000 domain files): one thread 2.52 s, two threads
 * 2.86 s. Each worker compiles the bundle without the code cache and warms its own JIT, which costs
 * more than it saves at that size, so more threads are for people who measure a gain on their own
 * machine. Always one without a bundle to start (the tests' in-process runs).
 */
export function auditThreads(env: Record<string, string | undefined>, max = 8): number {
  const asked = Number(env.ENLIGHTEN_AUDIT_THREADS);
  if (!Number.isInteger(asked) || asked < 2 || !workerScript()) return 1;
  return Math.min(asked, max, availableParallelism());
}

/** Set in the environment of audit's worker threads only, so that a start that is no worker does not load worker_threads. */
const WORKER_ENV = 'ENLIGHTEN_AUDIT_WORKER';

/** In a worker thread started by `auditOutcomes`: answers batches until the main thread ends it. True when it is one. */
export function runAuditWorkerIfAsked(): boolean {
  if (process.env[WORKER_ENV] !== '1') return false;
  const { isMainThread, parentPort, workerData } = loadWorkerThreads();
  if (isMainThread || !(workerData as Partial<WorkerInit> | undefined)?.enlightenAuditWorker) return false;
  const { ctx } = workerData as WorkerInit;
  parentPort!.on('message', (req: Request) => {
    let reply: Reply;
    try {
      reply = { id: req.id, outcomes: req.found.map((f) => auditFound(f, ctx)) };
    } catch (e) {
      reply = { id: req.id, error: (e as Error).stack ?? String(e) };
    }
    parentPort!.postMessage(reply);
  });
  return true;
}

/** Every entry of the walk as an outcome, in the walk's order: on this thread, then on `threads` workers. */
export async function* auditOutcomes(
  found: Iterable<Found>,
  ctx: AuditContext,
  threads: number,
): AsyncGenerator<Outcome> {
  const it = found[Symbol.iterator]();
  let n = 0;
  for (let next = it.next(); !next.done; next = it.next()) {
    yield auditFound(next.value, ctx);
    // Only the CLI's own process is tuned, not a program that runs enlighten's code in its own.
    if (++n === LONG_AUDIT && workerScript()) compileForLongAudit();
    if (n >= IN_PROCESS_FIRST && threads > 1) break;
  }
  if (n < IN_PROCESS_FIRST || threads < 2) return;
  yield* pooled(it, ctx, threads);
}

async function* pooled(it: Iterator<Found>, ctx: AuditContext, threads: number): AsyncGenerator<Outcome> {
  const init: WorkerInit = { enlightenAuditWorker: true, ctx };
  const { Worker } = loadWorkerThreads();
  const env = { ...process.env, [WORKER_ENV]: '1' };
  const workers = Array.from({ length: threads }, () => new Worker(workerScript()!, { workerData: init, env }));
  const done = new Map<number, Outcome[]>();
  const busy = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let failure: Error | undefined;
  let closing = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  for (const w of workers) {
    w.on('message', (reply: Reply) => {
      busy.set(w, busy.get(w)! - 1);
      if ('error' in reply) failure ??= new Error(`a worker thread failed: ${reply.error}`);
      else done.set(reply.id, reply.outcomes);
      notify();
    });
    w.on('error', (e) => {
      failure ??= e;
      notify();
    });
    w.on('exit', (code) => {
      if (!closing) failure ??= new Error(`a worker thread ended (exit ${code}) before its work was done`);
      notify();
    });
  }
  let sent = 0;
  let given = 0;
  let exhausted = false;
  const send = () => {
    for (const w of workers) {
      while (!exhausted && busy.get(w)! < IN_FLIGHT) {
        const batch: Found[] = [];
        while (batch.length < BATCH) {
          const next = it.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          batch.push(next.value);
        }
        if (!batch.length) break;
        busy.set(w, busy.get(w)! + 1);
        w.postMessage({ id: sent++, found: batch } satisfies Request);
      }
    }
  };
  try {
    send();
    while (given < sent || !exhausted) {
      if (failure) throw failure;
      const ready = done.get(given);
      if (!ready) {
        await new Promise<void>((r) => {
          wake = r;
        });
        continue;
      }
      done.delete(given++);
      send();
      yield* ready;
    }
    if (failure) throw failure;
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
