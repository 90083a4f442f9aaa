import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCapture(
  argv: string[],
  opts: { stdin?: string | Buffer; cwd?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => Buffer.from(opts.stdin ?? ''),
    isTty: false,
    cwd: opts.cwd ?? process.cwd(),
    env: {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');

/**
 * Compares a run with test/golden/NAME.txt. A missing golden file fails the test: writing them is
 * a separate step (`npm run golden:update`, which sets UPDATE_GOLDEN=1); read the diff before
 * committing it.
 */
export function goldenText(run: CliRun, argv: string[]): string {
  return `$ enlighten ${argv.map((a) => (/[\s'",]/.test(a) ? `'${a}'` : a)).join(' ')}\n# exit ${run.code}\n# stdout\n${run.stdout}# stderr\n${run.stderr}`;
}

export function readGolden(name: string, actual: string): string {
  const file = join(GOLDEN_DIR, `${name}.txt`);
  if (process.env['UPDATE_GOLDEN']) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file))
    throw new Error(`golden file test/golden/${name}.txt is missing: run \`npm run golden:update\` and read the diff`);
  return readFileSync(file, 'utf8');
}
