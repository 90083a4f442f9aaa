import { runAuditWorkerIfAsked } from './audit-workers.js';
import { endQuietlyOnClosedPipe } from './io.js';
import { runCli } from './main.js';

// The bundle is also the code of audit's worker threads (audit-workers.ts).
if (!runAuditWorkerIfAsked()) {
  endQuietlyOnClosedPipe();
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
