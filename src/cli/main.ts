import { Command, CommanderError, Option } from 'commander';
import { PROGRAM } from './commands.js';
import type { Io } from './io.js';
import { EXIT, OutputError, UsageError, nodeIo } from './io.js';
import { describeWritten, takeWritten } from './written.js';
import { sourceStack } from './debug-stack.js';
import { printable } from '../util/printable.js';
import type { CommandSpec, ProgramSpec } from './spec.js';
import { argumentSyntax, helpAfter } from './spec.js';
import { EXIT_INTERNAL, HELP_TOPICS, helpTopic, topicsHelp, versionText } from './help-topics.js';

/** The commander command for one declared command; `onAction` gets what it parsed. */
function buildCommand(
  parent: Command,
  spec: CommandSpec,
  onAction: (spec: CommandSpec, args: string[], opts: Record<string, unknown>) => void,
): Command {
  const cmd = parent.command(spec.name).description(spec.summary);
  for (const a of spec.arguments ?? []) cmd.argument(argumentSyntax(a), a.description);
  for (const o of spec.options) {
    const option = new Option(o.flags, o.description).makeOptionMandatory(o.required === true);
    if (o.parse) option.argParser(o.parse);
    cmd.addOption(option);
  }
  cmd.addHelpText('after', () => helpAfter(spec)).exitOverride();
  cmd.action((...all: unknown[]) => {
    const command = all.at(-1) as Command;
    onAction(spec, command.args, command.opts());
  });
  return cmd;
}

/**
 * The commander program of the declared commands; it parses and prints help, and runs nothing.
 * When the command line starts with a command's name only that command is built: making every
 * command's options was the largest part of each start (commander's Option and Command, about 8 ms
 * in a profile of `enlighten list`), and nothing a command parses or prints depends on the others.
 * The program's own help, `help`, suggestions for a mistyped name and `--version` get all of them.
 */
function buildProgram(
  spec: ProgramSpec,
  io: Io,
  first: string | undefined,
  onAction: (spec: CommandSpec, args: string[], opts: Record<string, unknown>) => void,
): Command {
  const program = new Command(spec.name)
    .description(spec.summary)
    .version(versionText())
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .addHelpText('after', () => `${helpAfter(spec)}\n\n${topicsHelp()}`);
  const named = spec.commands.find((c) => c.name === first);
  for (const command of named ? [named] : spec.commands) buildCommand(program, command, onAction);
  return program;
}

/** A parsed command line: the command to run, its arguments and its options. */
export interface ParsedCommandLine {
  spec: CommandSpec;
  args: string[];
  flags: Record<string, unknown>;
}

/**
 * Parses a command line (without `node` and the script) the way `runCli` does, running nothing:
 * the command, or undefined when commander handled it alone (help, version). Throws
 * CommanderError for bad usage, after printing it.
 */
export async function parseCommandLine(
  rawArgv: string[],
  io: Io,
  spec: ProgramSpec = PROGRAM,
): Promise<ParsedCommandLine | undefined> {
  const { argv, restore } = protectLiterals(rawArgv);
  let parsed: ParsedCommandLine | undefined;
  const program = buildProgram(spec, io, argv[0], (command, args, opts) => {
    // Option values get their literals back too (`decode --expect '-cpu host,hv_relaxed'`).
    const flags = Object.fromEntries(
      Object.entries(opts).map(([k, v]) => [k, typeof v === 'string' ? restore([v])[0] : v]),
    );
    parsed = { spec: command, args: restore(args), flags };
  });
  if (argv.length === 0) {
    program.outputHelp();
    throw new CommanderError(EXIT.USAGE, 'enlighten.noArguments', '');
  }
  // `help TOPIC` for what is not a command: the exit codes, the diagnostic codes, the manual page.
  if (argv[0] === 'help' && argv.length === 2 && !spec.commands.some((c) => c.name === argv[1])) {
    const text = helpTopic(argv[1]!, spec);
    if (text === undefined)
      throw new UsageError(
        `no command or help topic '${argv[1]}'`,
        `commands: ${spec.commands.map((c) => c.name).join(', ')}; topics: ${HELP_TOPICS.map((t) => t.name).join(', ')}, or a diagnostic code`,
      );
    io.stdout(text);
    return undefined;
  }
  await program.parseAsync(argv, { from: 'user' });
  return parsed;
}

const LITERAL = '\u0000enlighten-literal-';

/**
 * A literal configuration such as `'-cpu host,hv_relaxed'` starts with a dash but holds a space or
 * comma, which no option does: hide it from the option parser and give it back as an argument.
 */
function protectLiterals(argv: string[]): { argv: string[]; restore: (args: string[]) => string[] } {
  const saved: string[] = [];
  const out = argv.map((a) =>
    /^-/.test(a) && /[\s,]/.test(a) && !/^--[\w-]+=/.test(a) ? `${LITERAL}${saved.push(a) - 1}` : a,
  );
  const restore = (args: string[]) =>
    args.map((a) => (a.startsWith(LITERAL) ? saved[Number(a.slice(LITERAL.length))]! : a));
  return { argv: out, restore };
}

/** Runs the CLI with these arguments (without `node` and the script). Returns the exit code. */
export async function runCli(rawArgv: string[], io: Io = nodeIo()): Promise<number> {
  takeWritten();
  try {
    const parsed = await parseCommandLine(rawArgv, io);
    return parsed ? await parsed.spec.run(parsed.args, parsed.flags, io) : EXIT.OK;
  } catch (e) {
    try {
      return report(e, rawArgv, io);
    } catch (again) {
      // The report itself could not be written (stderr on a full disk too): the status says it.
      if (again instanceof OutputError) return EXIT.USAGE;
      throw again;
    }
  }
}

/** Reports what ended a command on stderr and gives the exit status. */
function report(e: unknown, rawArgv: string[], io: Io): number {
  if (e instanceof OutputError) {
    // Said on stderr only, --json or not: stdout is what failed (or stderr is, and then nothing is said).
    // Exit 2 otherwise reads as "nothing was written": say what was, before the output failed.
    const done = takeWritten();
    const also = done.length ? `; written before that, all the same: ${describeWritten(done)}` : '';
    if (e.fd !== 2) io.stderr(`enlighten: ${printable(e.message + also)}\n`);
    return EXIT.USAGE;
  }
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
      return EXIT.OK;
    return EXIT.USAGE;
  }
  if (e instanceof UsageError) {
    io.stderr(`enlighten: ${printable(e.message)}\n${e.hint ? `hint: ${printable(e.hint)}\n` : ''}`);
    // Scripts that asked for JSON get the refusal as JSON on stdout too, not an empty output.
    if (rawArgv.includes('--json'))
      io.stdout(
        `${JSON.stringify({ error: e.message, ...(e.hint ? { hint: e.hint } : {}), exit: EXIT.USAGE }, null, 2)}\n`,
      );
    return EXIT.USAGE;
  }
  const err = e as Error;
  io.stderr(
    `enlighten: internal error: ${printable(err.message)}\nThis is a bug in enlighten; please report it with the command you ran.\n`,
  );
  if (io.env.ENLIGHTEN_DEBUG) io.stderr(`${sourceStack(String(err.stack))}\n`);
  return EXIT_INTERNAL;
}
