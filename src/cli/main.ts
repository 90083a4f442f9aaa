import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands.js';
import type { Io } from './io.js';
import { EXIT, UsageError, nodeIo } from './io.js';
import { printable } from '../util/printable.js';

export const VERSION = '0.1.0';

function buildProgram(io: Io, setCode: (code: number) => void, restore: (args: string[]) => string[]): Command {
  const program = new Command('enlighten')
    .description('Hyper-V enlightenments for Windows guests on KVM: explain, translate, check and fix QEMU, libvirt and virt-xml configurations')
    .version(VERSION)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .addHelpText('after', `
Examples:
  enlighten list
  enlighten explain stimer
  enlighten check '-cpu host,hv_stimer'
  enlighten convert --to json 'host,hv_relaxed,hv_spinlocks=0x1fff'

Exit status: 0 fine, 1 errors found, 2 bad usage or unreadable input; 141 when the reader
of the output went away (| head), as for a program killed by SIGPIPE.`);
  for (const spec of COMMANDS) {
    const cmd = spec.configure(program.command(spec.name)).exitOverride();
    cmd.action(async (...all: unknown[]) => {
      const command = all.at(-1) as Command;
      const args = restore(command.args);
      // Option values get their literals back too (`decode --expect '-cpu host,hv_relaxed'`).
      const opts = Object.fromEntries(Object.entries(command.opts()).map(([k, v]) => [k, typeof v === 'string' ? restore([v])[0] : v]));
      setCode(await spec.run(args, opts, io));
    });
  }
  return program;
}

const LITERAL = '\u0000enlighten-literal-';

/**
 * A literal configuration such as `'-cpu host,hv_relaxed'` starts with a dash but holds a space or
 * comma, which no option does: hide it from the option parser and give it back as an argument.
 */
function protectLiterals(argv: string[]): { argv: string[]; restore: (args: string[]) => string[] } {
  const saved: string[] = [];
  const out = argv.map((a) => (/^-/.test(a) && /[\s,]/.test(a) && !/^--[\w-]+=/.test(a) ? `${LITERAL}${saved.push(a) - 1}` : a));
  const restore = (args: string[]) => args.map((a) => (a.startsWith(LITERAL) ? saved[Number(a.slice(LITERAL.length))]! : a));
  return { argv: out, restore };
}

/** Runs the CLI with these arguments (without `node` and the script). Returns the exit code. */
export async function runCli(rawArgv: string[], io: Io = nodeIo()): Promise<number> {
  let code: number = EXIT.OK;
  const { argv, restore } = protectLiterals(rawArgv);
  const program = buildProgram(io, (c) => (code = c), restore);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (e instanceof UsageError) {
      io.stderr(`enlighten: ${printable(e.message)}\n${e.hint ? `hint: ${printable(e.hint)}\n` : ''}`);
      // Scripts that asked for JSON get the refusal as JSON on stdout too, not an empty output.
      if (argv.includes('--json')) io.stdout(`${JSON.stringify({ error: e.message, ...(e.hint ? { hint: e.hint } : {}), exit: EXIT.USAGE }, null, 2)}\n`);
      return EXIT.USAGE;
    }
    const err = e as Error;
    io.stderr(`enlighten: internal error: ${printable(err.message)}\nThis is a bug in enlighten; please report it with the command you ran.\n`);
    if (io.env.ENLIGHTEN_DEBUG) io.stderr(`${err.stack}\n`);
    return 70;
  }
}
