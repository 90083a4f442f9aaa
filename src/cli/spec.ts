import type { Io } from './io.js';

/**
 * The values an option or an argument takes. Shells complete them (`enlighten completion`), and
 * the test of the examples holds every example to a closed set.
 */
export interface ValueSpec {
  /** The candidates, read from the tables that define them (the format registry, presets, the OS table, the catalog) when asked. */
  values?: () => readonly string[];
  /** True when the command refuses any other value (`--to`, `--preset`); false or absent for suggestions (`--os` also takes rhel9.2). */
  closed?: boolean;
  /** The value is a path: shells complete file names. */
  file?: boolean;
}

/** One option, as commander spells it (`--to <syntax>`, `--dry-run`, `--no-tools`). */
export interface OptionSpec extends ValueSpec {
  flags: string;
  description: string;
  /** The command refuses to run without it (commander's requiredOption). */
  required?: boolean;
  /** Turns the text into the value the command gets; throws commander's InvalidArgumentError. `previous` is the value so far, for a repeatable option. */
  parse?: (value: string, previous?: unknown) => unknown;
}

/** One positional argument: `<input>` (required), `[input]` (optional), `<input...>` (variadic). */
export interface ArgumentSpec extends ValueSpec {
  name: string;
  description: string;
  required: boolean;
  variadic?: boolean;
}

/** A required positional argument; `more` adds what differs (its values, `variadic`, `required: false`). */
export function argument(
  name: string,
  description: string,
  more: Omit<Partial<ArgumentSpec>, 'name' | 'description'> = {},
): ArgumentSpec {
  return { name, required: true, description, ...more };
}

/** A positional argument that names files (`-` for stdin, or the text itself); `many` for `name...`. */
export function fileArgument(
  name: string,
  description: string,
  opts: { required?: boolean; many?: boolean } = {},
): ArgumentSpec {
  return { name, required: opts.required ?? true, ...(opts.many ? { variadic: true } : {}), description, file: true };
}

/**
 * One CLI command declared as data: `--help`, the shell completions and the man page are built
 * from it, and commander parses with it. One file per command (DESIGN.md convention 8).
 */
export interface CommandSpec {
  name: string;
  /** One line: the command list of `enlighten --help` and the top of the command's help. */
  summary: string;
  arguments?: readonly ArgumentSpec[];
  /** In the order the help lists them. */
  options: readonly OptionSpec[];
  /** Command lines as the help shows them (a pipeline or a trailing `# comment` is fine); each must parse. */
  examples: readonly string[];
  /** Text after the examples: what the command promises, its exit status. */
  notes?: string;
  run(args: string[], flags: Record<string, unknown>, io: Io): Promise<number>;
}

/** The program itself: its summary, its examples and notes, and its commands in help order. */
export interface ProgramSpec {
  name: string;
  version: string;
  summary: string;
  examples: readonly string[];
  notes?: string;
  commands: readonly CommandSpec[];
}

/** The help text after the options: `Examples:` and the notes, as every command prints it. */
export function helpAfter(spec: { examples: readonly string[]; notes?: string }): string {
  return `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}${spec.notes ? `\n\n${spec.notes}` : ''}`;
}

/** `<input...>`, `[paths...]`: an argument as commander and the help write it. */
export function argumentSyntax(a: ArgumentSpec): string {
  const name = `${a.name}${a.variadic ? '...' : ''}`;
  return a.required ? `<${name}>` : `[${name}]`;
}
