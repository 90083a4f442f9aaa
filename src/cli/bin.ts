import { endQuietlyOnClosedPipe } from './io.js';
import { runCli } from './main.js';

endQuietlyOnClosedPipe();

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
