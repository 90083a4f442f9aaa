import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import { suggest } from '../../util/suggest.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import type { VirtXmlAction } from './virtinst-options.js';
import {
  OPTION_ALIASES,
  VALUE_OPTIONS,
  VIRT_INSTALL_FLAGS,
  VIRT_INSTALL_OPTIONAL,
  VIRT_XML_ACTIONS,
  VIRT_XML_CHANGE_OPTIONS,
  VIRT_XML_FLAGS,
} from './virtinst-options.js';

export type Program = 'virt-xml' | 'virt-install';

/** A change option and its value word (`--features hyperv_relaxed=on`). */
export interface ChangeOption {
  name: string;
  word: ShellWord;
  value: ShellWord | null;
}

export interface Argv {
  program: Program;
  domain?: ShellWord;
  connect?: string;
  /** --osinfo / --os-variant, --virt-type (the last of each). */
  osinfo?: ShellWord;
  virtType?: ShellWord;
  actions: { name: VirtXmlAction; word: ShellWord }[];
  changes: ChangeOption[];
  diagnostics: Diagnostic[];
}

type Arity = 'flag' | 'value' | 'optional';

function optionTable(program: Program): Map<string, Arity> {
  const table = new Map<string, Arity>();
  for (const o of VIRT_XML_CHANGE_OPTIONS) table.set(o, 'value');
  for (const o of VALUE_OPTIONS) table.set(o, 'value');
  if (program === 'virt-xml') {
    for (const o of VIRT_XML_FLAGS) table.set(o, 'flag');
    table.set('--edit', 'optional');
  } else {
    for (const o of VIRT_INSTALL_FLAGS) table.set(o, 'flag');
    for (const o of VIRT_INSTALL_OPTIONAL) table.set(o, 'optional');
    table.set('--name', 'value');
  }
  return table;
}

/** The part of a word after `from` characters, as a word of its own. */
function tail(word: ShellWord, from: number): ShellWord {
  const offsets = word.offsets.slice(from);
  return { value: word.value.slice(from), span: { start: offsets[0] ?? word.span.end, end: word.span.end }, offsets };
}

type Resolved = { name: string; arity: Arity } | { ambiguous: string[] } | undefined;

/**
 * argparse's option lookup: the exact name, an alias, or an unambiguous prefix (allow_abbrev).
 * virt-install has many more options, nearly all with a value: an unknown one is read as taking one.
 */
function resolve(program: Program, name: string, table: Map<string, Arity>): Resolved {
  const aliased = OPTION_ALIASES[name] ?? name;
  const exact = table.get(aliased);
  if (exact) return { name: aliased, arity: exact };
  if (program === 'virt-install') return { name, arity: 'value' };
  if (!name.startsWith('--')) return undefined;
  const hits = [...table.keys()].filter((k) => k.startsWith(name));
  if (hits.length === 1) return { name: hits[0]!, arity: table.get(hits[0]!)! };
  return hits.length ? { ambiguous: hits } : undefined;
}

function looksLikeOption(word: ShellWord | undefined): boolean {
  return !!word && word.value.startsWith('-') && word.value.length > 1 && !/^-\d/.test(word.value);
}

/**
 * Reads the words after the program name as argparse would for virt-xml or virt-install 4.1:
 * options (with `--opt=value` and unambiguous prefixes), the domain (virt-xml's positional, or
 * virt-install's --name), the actions and the change options. Never throws.
 */
export function readArgv(program: Program, words: readonly ShellWord[]): Argv {
  const table = optionTable(program);
  const out: Argv = { program, actions: [], changes: [], diagnostics: [] };
  const refuse = (word: ShellWord, message: string, notes: string[] = []) =>
    out.diagnostics.push(makeDiagnostic('INVALID_COMMAND', message, { span: word.span, notes }));
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!looksLikeOption(word)) {
      if (program === 'virt-xml' && !out.domain) out.domain = word;
      else
        refuse(
          word,
          `${program} does not expect '${word.value}' here (${program}: error: unrecognized arguments: ${word.value})`,
        );
      continue;
    }
    const eq = word.value.indexOf('=');
    const written = eq > 0 && word.value.startsWith('--') ? word.value.slice(0, eq) : word.value;
    const found = resolve(program, written, table);
    if (!found || 'ambiguous' in found) {
      const hints = found ? found.ambiguous : suggest(written, [...table.keys()]);
      const why = found
        ? `ambiguous option: ${written} could match ${hints.join(', ')}`
        : `unrecognized arguments: ${word.value}`;
      refuse(
        word,
        `${program} does not know the option ${written} (${program}: error: ${why})`,
        hints.length ? [`did you mean ${hints.map((h) => `'${h}'`).join(', ')}?`] : [],
      );
      // Its value, if it has one, is not a stray argument.
      if (eq < 0 && words[i + 1] && !looksLikeOption(words[i + 1]) && (program !== 'virt-xml' || out.domain)) i++;
      continue;
    }
    const { name, arity } = found;
    let value: ShellWord | null = null;
    if (eq > 0 && word.value.startsWith('--')) value = tail(word, eq + 1);
    else if (arity !== 'flag' && words[i + 1] && !looksLikeOption(words[i + 1])) value = words[++i]!;
    if (arity === 'value' && value === null) {
      refuse(word, `${name} needs a value (${program}: error: argument ${name}: expected one argument)`);
      continue;
    }
    record(out, name, word, value);
  }
  return out;
}

function record(out: Argv, name: string, word: ShellWord, value: ShellWord | null): void {
  if ((VIRT_XML_ACTIONS as readonly string[]).includes(name))
    out.actions.push({ name: name.slice(2) as VirtXmlAction, word });
  else if (name === '--connect') out.connect = value?.value ?? '';
  else if (name === '--name' && value) out.domain = value;
  else if (name === '--os-variant' && value) out.osinfo = value;
  else if (name === '--virt-type' && value) out.virtType = value;
  else if ((VIRT_XML_CHANGE_OPTIONS as readonly string[]).includes(name)) out.changes.push({ name, word, value });
}
