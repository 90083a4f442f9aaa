import { runAuditWorkerIfAsked } from './audit-workers.js';
import type { Io } from './io.js';
import { nodeIo, outputThroughStreams } from './io.js';
import { runCli } from './main.js';

/**
 * The build's code-cache run (scripts/build.mjs through bin/enlighten.cjs): runs these command
 * lines one after the other in this process, `stdin` given as their standard input, so that the
 * caches V8 records afterwards hold the code they ran. Their output goes to this process's file
 * descriptors 1 and 2, which the build discards: through the same code as every start's output, so
 * that the caches hold that code too (it was compiled at every start before). Only the build calls it.
 */
export async function warmUp(runs: { args: string[]; stdin?: string }[]): Promise<void> {
  for (const { args, stdin } of runs) {
    const io = nodeIo();
    const warm: Io = {
      stdout: io.stdout,
      stderr: io.stderr,
      readStdin: async () => Buffer.from(stdin ?? ''),
      isTty: false,
      stderrIsTty: false,
      cwd: io.cwd,
      env: io.env,
    };
    await runCli(args, warm);
  }
}

/**
 * The command has returned and written all it had to say: the process ends at once. Left to end by
 * itself, Node first ran what V8 had queued (a scavenge a command's allocations had asked for) and
 * then tore down the heap, about 5 ms of every start (`npm run bench -- cold-start`: `check` 120
 * to 115 ms against 96 for `node -e 0`). 'exit' listeners still run. Output that went through
 * Node's stream instead (a non-blocking descriptor that answered EAGAIN) may still be on its way,
 * so then the process ends the usual way, once the stream is done.
 */
function end(code: number): void {
  if (outputThroughStreams()) process.exitCode = code;
  else process.exit(code);
}

// The bundle is also the code of audit's worker threads (audit-workers.ts).
if (!runAuditWorkerIfAsked() && !process.env['ENLIGHTEN_WRITE_CODE_CACHE']) {
  void runCli(process.argv.slice(2)).then(end);
}
