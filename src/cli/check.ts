import { checkConfig, resolveGuest } from '../rules/index.js';
import { sortDiagnostics } from '../diagnostics/index.js';
import {
  diagnosticsToJson,
  exitFor,
  fixSpeller,
  guestLine,
  guestToJson,
  parseInputs,
  printDiagnostics,
  printUnreadable,
  summarize,
  writeJson,
} from './common.js';
import { readInput } from './input.js';
import { readConnectInput } from './virsh.js';
import type { Io } from './io.js';
import { EXIT } from './io.js';
import { fromOption, jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { fileArgument } from './spec.js';
import { inputLimit } from './max-bytes.js';
import { printable } from '../util/printable.js';
import type { TargetFlags } from './host-options.js';
import { readTargetOptions, targetOptions } from './host-options.js';
import { parseOptionsFrom } from './parse-options.js';

interface CheckFlags extends TargetFlags {
  from?: string;
  json?: boolean;
  connect?: string;
}

/** Checks one or more inputs; with several, JSON diagnostics carry the input's name. */
export async function runCheck(args: string[], flags: CheckFlags, io: Io): Promise<number> {
  const all: ReturnType<typeof diagnosticsToJson> = [];
  const inputs: ({ input: string; config?: string; format: string; errors: number; warnings: number } & ReturnType<
    typeof guestToJson
  >)[] = [];
  let exit: number = EXIT.OK;
  const options = readTargetOptions(flags, io);
  const parsing = parseOptionsFrom(flags, io);
  for (const arg of args) {
    const limit = inputLimit(flags);
    const input = flags.connect ? await readConnectInput(flags.connect, arg, limit) : await readInput(arg, io, limit);
    const { configs } = parseInputs(input, flags.from ?? (flags.connect ? 'libvirt' : undefined), limit, parsing);
    for (const { read, label, format } of configs) {
      // Text the syntax cannot read is reported as such: no rule runs on it.
      const diagnostics = read.ok ? checkConfig(read.value, options) : sortDiagnostics(read.diagnostics);
      const guest = resolveGuest(options, read.ok ? read.value.context : {});
      exit = Math.max(exit, exitFor(diagnostics));
      const spell = read.ok ? fixSpeller(read.value, format) : undefined;
      const many = args.length > 1 || label ? { input: input.name, ...(label ? { config: label } : {}) } : {};
      // A loop, not push(...): a spread of 100,000 arguments overflows the stack.
      if (flags.json) for (const d of diagnosticsToJson(diagnostics, input.text, spell)) all.push({ ...many, ...d });
      inputs.push({
        input: input.name,
        ...(label ? { config: label } : {}),
        format: format.id,
        errors: diagnostics.filter((d) => d.severity === 'error').length,
        warnings: diagnostics.filter((d) => d.severity === 'warning').length,
        ...guestToJson(guest),
      });
      if (!flags.json) {
        if (label) io.stdout(`== ${printable(input.name)}: ${label}\n`);
        const line = guestLine(guest);
        if (line) io.stdout(`${line}\n`);
        if (read.ok) printDiagnostics(io, diagnostics, read.value, format, input.name, 'stdout');
        else printUnreadable(io, diagnostics, input.text, input.name, 'stdout');
        io.stdout(
          `${printable(input.name)}${label ? `, ${label}` : ''} (${format.id}): ${diagnostics.length ? summarize(diagnostics) : 'no problems found'}\n`,
        );
      }
    }
  }
  if (flags.json)
    writeJson(
      io,
      inputs.length > 1
        ? { inputs, diagnostics: all }
        : { format: inputs[0]!.format, ...(inputs[0]!.guest ? { guest: inputs[0]!.guest } : {}), diagnostics: all },
    );
  return exit;
}

export const checkCommand: CommandSpec = {
  name: 'check',
  summary: 'check a configuration: unknown properties, bad values, missing dependencies',
  arguments: [fileArgument('input', 'files, `-` for stdin, or the configuration itself', { many: true })],
  options: [
    ...targetOptions({ target: true }),
    fromOption('the input syntax, when detection is not enough (qemu, json, ...)'),
    { flags: '--connect <uri>', description: 'the inputs are domains on this libvirt connection (virsh dumpxml)' },
    jsonOption('print {"diagnostics": [...]} as JSON'),
  ],
  examples: [
    "enlighten check '-cpu host,hv_stimer'",
    'enlighten check vm.args',
    'enlighten check examples/*',
    'enlighten check --connect qemu:///system win11 win10',
    "enlighten check --json 'host,hv-relaxed=maybe'",
    'enlighten check --os win10 --cpu-vendor amd --migratable vm.args',
    'enlighten check --host auto --qemu-version 7.2 vm.args',
  ],
  notes: 'Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.',
  run: (args, flags, io) => runCheck(args, flags as CheckFlags, io),
};
