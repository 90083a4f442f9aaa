import type { Command } from 'commander';
import { hasErrors } from '../diagnostics/index.js';
import { checkConfig } from '../rules/index.js';
import { diagnosticToJson, fixSpeller, parseInput, printDiagnostics, summarize, writeJson } from './common.js';
import { readInput } from './input.js';
import type { Io } from './io.js';
import { EXIT } from './io.js';
import type { CommandSpec } from './spec.js';

interface CheckFlags {
  from?: string;
  json?: boolean;
}

export async function runCheck(arg: string, flags: CheckFlags, io: Io): Promise<number> {
  const input = await readInput(arg, io);
  const { parsed, format } = parseInput(input, flags.from);
  const diagnostics = checkConfig(parsed, {});
  if (flags.json) {
    const spell = fixSpeller(parsed, format);
    writeJson(io, { format: format.id, diagnostics: diagnostics.map((d) => diagnosticToJson(d, parsed.source, spell)) });
  } else {
    printDiagnostics(io, diagnostics, parsed, format, input.name);
    io.stdout(`${input.name} (${format.id}): ${diagnostics.length ? summarize(diagnostics) : 'no problems found'}\n`);
  }
  return hasErrors(diagnostics) ? EXIT.FINDINGS : EXIT.OK;
}

export const checkCommand: CommandSpec = {
  name: 'check',
  configure: (cmd: Command) =>
    cmd
      .description('check a configuration: unknown properties, bad values, missing dependencies')
      .argument('<input>', 'a file, `-` for stdin, or the configuration itself')
      .option('--from <syntax>', 'the input syntax, when detection is not enough (qemu, json, ...)')
      .option('--json', 'print {"diagnostics": [...]} as JSON')
      .addHelpText(
        'after',
        `
Examples:
  enlighten check '-cpu host,hv_stimer'
  enlighten check vm.args
  enlighten check --json 'host,hv-relaxed=maybe'

Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`,
      ),
  run: (args, flags, io) => runCheck(args[0]!, flags as CheckFlags, io),
};
