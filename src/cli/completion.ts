/**
 * `enlighten completion bash|zsh|fish`: a completion script written from the declared commands
 * (src/cli/spec.ts). The script holds its candidates (command names, options, the values of closed
 * sets) and never runs enlighten while completing.
 */
import { Option } from 'commander';
import type { Io } from './io.js';
import { EXIT, UsageError } from './io.js';
import type { ArgumentSpec, CommandSpec, OptionSpec, ProgramSpec } from './spec.js';
import { argument } from './spec.js';

/** What a shell completes for an option's value or an argument: candidate words, and file names or not. */
interface Values {
  words: readonly string[];
  file: boolean;
}

interface CompletionOption {
  /** `--to`, and `-h` for `--help`. */
  names: string[];
  description: string;
  /** Undefined for a switch (`--json`). */
  value?: Values & { name: string };
}

interface CompletionArgument extends Values {
  name: string;
  required: boolean;
  variadic: boolean;
}

interface CompletionCommand {
  name: string;
  summary: string;
  options: CompletionOption[];
  arguments: CompletionArgument[];
}

// Commander adds these to the program and to every command.
const HELP: CompletionOption = { names: ['-h', '--help'], description: 'display help for command' };
const VERSION: CompletionOption = { names: ['-V', '--version'], description: 'output the version number' };

function values(v: { values?: () => readonly string[]; file?: boolean }): Values {
  return { words: v.values?.() ?? [], file: v.file === true };
}

function completionOption(o: OptionSpec): CompletionOption {
  const parsed = new Option(o.flags);
  const names = [parsed.short, parsed.long].filter((n): n is string => n !== undefined);
  const valueName = /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1];
  return {
    names,
    description: o.description,
    ...(parsed.required || parsed.optional ? { value: { name: valueName ?? 'value', ...values(o) } } : {}),
  };
}

function completionArgument(a: ArgumentSpec): CompletionArgument {
  return { name: a.name, required: a.required, variadic: a.variadic === true, ...values(a) };
}

/** The commands with everything a shell needs, `help [command]` included (commander adds it). */
function completionModel(program: ProgramSpec): { commands: CompletionCommand[]; top: CompletionOption[] } {
  const commands: CompletionCommand[] = program.commands.map((c) => ({
    name: c.name,
    summary: c.summary,
    options: [...c.options.map(completionOption), HELP],
    arguments: (c.arguments ?? []).map(completionArgument),
  }));
  const names = commands.map((c) => c.name);
  commands.push({
    name: 'help',
    summary: 'display help for command',
    options: [],
    arguments: [{ name: 'command', required: false, variadic: false, words: names, file: false }],
  });
  return { commands, top: [VERSION, HELP] };
}

/** A shell word in single quotes (sh, bash, zsh). */
function sq(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Entries that do the same thing, as one `case` branch each: `'a'|'b') action ;;`. */
function caseBranches(entries: { pattern: string; action: string }[], indent: string): string {
  const byAction = new Map<string, string[]>();
  for (const e of entries) byAction.set(e.action, [...(byAction.get(e.action) ?? []), sq(e.pattern)]);
  return [...byAction].map(([action, patterns]) => `${indent}${patterns.join('|')}) ${action} ;;`).join('\n');
}

function bashValues(v: Values): string | undefined {
  if (!v.words.length && !v.file) return undefined;
  return `_enlighten_values ${sq(v.words.join(' '))}${v.file ? ' file' : ''}`;
}

function bashScript(program: ProgramSpec): string {
  const { commands, top } = completionModel(program);
  const valued = commands.flatMap((c) => {
    const names = c.options.filter((o) => o.value).flatMap((o) => o.names);
    return names.length ? [{ pattern: c.name, action: `valued=${sq(` ${names.join(' ')} `)}` }] : [];
  });
  const optionValues = commands.flatMap((c) =>
    c.options.flatMap((o) => {
      const action = o.value && bashValues(o.value);
      return action ? o.names.map((n) => ({ pattern: `${c.name} ${n}`, action })) : [];
    }),
  );
  const optionWords = commands.map((c) => ({
    pattern: c.name,
    action: `words=${sq(c.options.flatMap((o) => o.names).join(' '))}`,
  }));
  const lastArgument = commands.flatMap((c) => {
    const last = c.arguments.length - 1;
    return c.arguments[last]?.variadic ? [{ pattern: c.name, action: `[ "$n" -gt ${last} ] && n=${last}` }] : [];
  });
  const argumentValues = commands.flatMap((c) =>
    c.arguments.flatMap((a, i) => {
      const action = bashValues(a);
      return action ? [{ pattern: `${c.name} ${i}`, action }] : [];
    }),
  );
  return `# bash completion for ${program.name} ${program.version}, written by \`${program.name} completion bash\`.
# Save it as ~/.local/share/bash-completion/completions/${program.name}, or source it.

# Options of a command that take a value: _enlighten_takes_value COMMAND OPTION
_enlighten_takes_value() {
  local valued=
  case $1 in
${caseBranches(valued, '    ')}
  esac
  [[ $valued == *" $2 "* ]]
}

# Sets COMPREPLY to the words (one string) that start with $cur, and to file names when $2 is "file".
_enlighten_values() {
  COMPREPLY=($(compgen -W "$1" -- "$cur"))
  if [ "$2" = file ]; then
    local IFS=$'\\n'
    COMPREPLY+=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
  fi
  if [ -n "$prefix" ]; then COMPREPLY=("\${COMPREPLY[@]/#/$prefix}"); fi
  return 0
}

_enlighten() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev= opt= prefix= cmd= words= w i=1
  COMPREPLY=()
  # The command: the first word that is not an option.
  while [ "$i" -lt "$COMP_CWORD" ]; do
    w=\${COMP_WORDS[i]}
    case $w in
      -?*) ;;
      *) cmd=$w; break ;;
    esac
    i=$((i + 1))
  done
  if [ -z "$cmd" ]; then
    case $cur in
      -*) _enlighten_values ${sq(top.flatMap((o) => o.names).join(' '))} ;;
      *) _enlighten_values ${sq(commands.map((c) => c.name).join(' '))} ;;
    esac
    return 0
  fi
  # The value of an option: \`--to q\`, or \`--to=q\` as one word or (= in COMP_WORDBREAKS) three.
  if [ $((COMP_CWORD - 1)) -gt "$i" ]; then prev=\${COMP_WORDS[COMP_CWORD-1]}; fi
  if [ "$cur" = = ] && [[ $prev == -?* ]]; then
    opt=$prev cur=
  elif [ "$prev" = = ] && [ $((COMP_CWORD - 2)) -gt "$i" ]; then
    opt=\${COMP_WORDS[COMP_CWORD-2]}
  elif [[ $cur == --*=* ]]; then
    opt=\${cur%%=*} prefix=\${cur%%=*}= cur=\${cur#*=}
  elif [[ $prev == -?* ]] && _enlighten_takes_value "$cmd" "$prev"; then
    opt=$prev
  fi
  if [ -n "$opt" ]; then
    case "$cmd $opt" in
${caseBranches(optionValues, '      ')}
    esac
    return 0
  fi
  # Count the arguments before this word, skipping option values; after --, all words are arguments.
  local n=0 k=$((i + 1)) dashdash=
  while [ "$k" -lt "$COMP_CWORD" ]; do
    w=\${COMP_WORDS[k]}
    if [ -n "$dashdash" ]; then
      n=$((n + 1))
    elif [ "$w" = -- ]; then
      dashdash=1
    elif [[ $w == -?* ]] && [ "\${COMP_WORDS[k+1]}" = = ]; then
      k=$((k + 2))
    elif [[ $w == -?* ]]; then
      _enlighten_takes_value "$cmd" "$w" && k=$((k + 1))
    else
      n=$((n + 1))
    fi
    k=$((k + 1))
  done
  if [ -z "$dashdash" ] && [[ $cur == -* ]]; then
    case $cmd in
${caseBranches(optionWords, '      ')}
    esac
    _enlighten_values "$words"
    return 0
  fi
  case $cmd in
${caseBranches(lastArgument, '    ')}
  esac
  case "$cmd $n" in
${caseBranches(argumentValues, '    ')}
  esac
  return 0
}

complete -F _enlighten ${program.name}
`;
}

/** Text inside an _arguments spec: \\, [, ] and : are escaped. */
function zshText(text: string): string {
  return text.replace(/[\\[\]:]/g, (c) => `\\${c}`);
}

function zshAction(v: Values): string {
  if (v.file && v.words.length) return `_alternative 'values:value:(${v.words.join(' ')})' 'files:file:_files'`;
  if (v.file) return '_files';
  if (v.words.length) return `(${v.words.join(' ')})`;
  return ' ';
}

function zshScript(program: ProgramSpec): string {
  const { commands, top } = completionModel(program);
  const specs = (c: CompletionCommand) => [
    ...c.options.flatMap(zshOptionSpecs),
    ...c.arguments.map((a, i) =>
      sq(`${a.variadic ? '*' : String(i + 1)}:${a.required ? '' : ':'}${zshText(a.name)}:${zshAction(a)}`),
    ),
  ];
  const branches = commands
    .map(
      (c) => `      ${c.name})\n        _arguments -s -S \\\n          ${specs(c).join(' \\\n          ')}\n        ;;`,
    )
    .join('\n');
  return `#compdef ${program.name}
# zsh completion for ${program.name} ${program.version}, written by \`${program.name} completion zsh\`.
# Save it as _${program.name} in a folder of $fpath (before compinit runs), or source it after compinit.

_${program.name}() {
  local curcontext=$curcontext state line ret=1
  typeset -A opt_args
  local -a commands
  commands=(
${commands.map((c) => `    ${sq(`${c.name}:${c.summary}`)}`).join('\n')}
  )
  _arguments -C \\
    ${top.flatMap(zshOptionSpecs).join(' \\\n    ')} \\
    '1:command:->command' \\
    '*::argument:->argument' && ret=0
  case $state in
    command)
      _describe -t commands '${program.name} command' commands && ret=0
      ;;
    argument)
      curcontext=\${curcontext%:*:*}:${program.name}-$words[1]:
      case $words[1] in
${branches}
      esac
      ;;
  esac
  return ret
}

if [ "$funcstack[1]" = _${program.name} ]; then
  _${program.name} "$@"
else
  compdef _${program.name} ${program.name}
fi
`;
}

/**
 * One _arguments spec per name of the option: `--to=[the output syntax]:syntax:(json qemu)`;
 * a long option's value may follow `=` or be the next word, a short one's the next word. Help
 * and version exclude everything else.
 */
function zshOptionSpecs(o: CompletionOption): string[] {
  const exclusive = o === HELP || o === VERSION ? '(- *)' : '';
  const value = o.value ? `:${zshText(o.value.name)}:${zshAction(o.value)}` : '';
  return o.names.map((n) =>
    sq(`${exclusive}${n}${o.value && n.startsWith('--') ? '=' : ''}[${zshText(o.description)}]${value}`),
  );
}

/** A word in fish's single quotes: \\ and ' are escaped. */
function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function fishScript(program: ProgramSpec): string {
  const { commands, top } = completionModel(program);
  const c0 = `complete -c ${program.name}`;
  const names = (o: CompletionOption) =>
    o.names.map((n) => (n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`)).join(' ');
  const valueFlags = (v: Values) =>
    `${v.file ? '-r -F' : '-x'}${v.words.length ? ` -a ${fishQuote(v.words.join(' '))}` : ''}`;
  const lines = [
    `# fish completion for ${program.name} ${program.version}, written by \`${program.name} completion fish\`.`,
    `# Save it as ~/.config/fish/completions/${program.name}.fish.`,
    `${c0} -f`,
    ...top.map((o) => `${c0} -n __fish_use_subcommand ${names(o)} -d ${fishQuote(o.description)}`),
    ...commands.map((c) => `${c0} -n __fish_use_subcommand -a ${c.name} -d ${fishQuote(c.summary)}`),
  ];
  for (const c of commands) {
    const when = `-n ${fishQuote(`__fish_seen_subcommand_from ${c.name}`)}`;
    for (const o of c.options)
      lines.push(`${c0} ${when} ${names(o)}${o.value ? ` ${valueFlags(o.value)}` : ''} -d ${fishQuote(o.description)}`);
    // fish does not tell arguments apart by position: each argument's candidates are offered.
    for (const a of c.arguments) {
      if (a.file) lines.push(`${c0} ${when} -F${a.words.length ? ` -a ${fishQuote(a.words.join(' '))}` : ''}`);
      else if (a.words.length) lines.push(`${c0} ${when} -a ${fishQuote(a.words.join(' '))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const SHELLS: Record<string, (program: ProgramSpec) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

/** The completion script for this shell. */
export function completionScript(shell: string, program: ProgramSpec): string {
  const write = SHELLS[shell];
  if (!write)
    throw new UsageError(`no completion for the shell '${shell}'`, `choose one of: ${Object.keys(SHELLS).join(', ')}`);
  return write(program);
}

/** The `completion` command; `program` gives the commands it completes (commands.ts lists this one among them). */
export function completionCommand(program: () => ProgramSpec): CommandSpec {
  return {
    name: 'completion',
    summary: 'print a shell completion script: bash, zsh or fish',
    arguments: [argument('shell', 'bash, zsh or fish', { values: () => Object.keys(SHELLS), closed: true })],
    options: [],
    examples: [
      'enlighten completion bash > ~/.local/share/bash-completion/completions/enlighten',
      'enlighten completion zsh > ~/.zfunc/_enlighten   # with fpath+=(~/.zfunc) before compinit in ~/.zshrc',
      'enlighten completion fish > ~/.config/fish/completions/enlighten.fish',
    ],
    notes: `The script completes command names, options, and the values of closed sets: syntaxes (--to,
--from), presets, guest OS ids, feature ids (explain, set). It holds the values of this version of
enlighten: write it again after an upgrade. \`source <(enlighten completion bash)\` loads it into
the running bash only.`,
    run: async (args: string[], _flags: Record<string, unknown>, io: Io) => {
      io.stdout(completionScript(args[0]!, program()));
      return EXIT.OK;
    },
  };
}
