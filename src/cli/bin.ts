import { runAuditWorkerIfAsked } from './audit-workers.js';
import type { Io } from './io.js';
import { runCli } from './main.js';

/**
 * The build's code-cache run (scripts/build.mjs through bin/enlighten.cjs): runs these command
 * lines one after the other in this process, their output dropped and `stdin` given as their
 * standard input, so that the caches V8 records afterwards hold the code they ran. Only the build
 * calls it.
 */
export async function warmUp(runs: { args: string[]; stdin?: string }[]): Promise<void> {
  for (const { args, stdin } of runs) {
    const quiet: Io = {
      stdout: () => {},
      stderr: () => {},
      readStdin: async () => Buffer.from(stdin ?? ''),
      isTty: false,
      stderrIsTty: false,
      cwd: process.cwd(),
      env: process.env,
    };
    await runCli(args, quiet);
  }
}

// The bundle is also the code of audit's worker threads (audit-workers.ts).
if (!runAuditWorkerIfAsked() && !process.env['ENLIGHTEN_WRITE_CODE_CACHE']) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
