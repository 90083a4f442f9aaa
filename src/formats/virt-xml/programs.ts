import type { ShellWord } from '../../syntax/shell/split.js';
import type { Program } from './argv.js';

const PROGRAMS: readonly Program[] = ['virt-xml', 'virt-install'];
/** Words that may come before the program: a prompt, sudo and friends, variable assignments. */
const PREFIXES = new Set(['$', 'sudo', 'doas', 'env', 'command', 'exec', 'time', 'nice']);
const PREFIX_OPTIONS_WITH_VALUE = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T']);

/** The program a word names (`virt-xml`, `/usr/bin/virt-install`), if it is one enlighten reads. */
export function programOf(word: ShellWord | undefined): Program | undefined {
  const base = word?.value.split('/').at(-1);
  return PROGRAMS.find((p) => p === base);
}

/** One command: its program, the prefix words skipped, and the program's arguments. */
export interface ProgramCall {
  program: Program;
  /** The words from the first prefix (`sudo`) to the last argument. */
  words: ShellWord[];
  args: ShellWord[];
}

/** Where the program is, when only prefixes come before it. */
function programIndex(words: readonly ShellWord[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.value;
    if (programOf(words[i])) return i;
    const prefixLike =
      PREFIXES.has(w) ||
      w.startsWith('-') ||
      /^[A-Za-z_]\w*=/.test(w) ||
      PREFIX_OPTIONS_WITH_VALUE.has(words[i - 1]?.value ?? '');
    if (!prefixLike) return -1;
  }
  return -1;
}

/**
 * The virt-xml / virt-install calls in one simple command. Text pasted from a web page may have
 * lost its line breaks (`... --features X  sudo virt-xml $VM --edit --clock Y`): a program name
 * in argument position starts a new call, and `splits` says where.
 */
export function findCalls(words: readonly ShellWord[]): {
  calls: ProgramCall[];
  splits: { word: ShellWord; program: Program }[];
} {
  const calls: ProgramCall[] = [];
  const splits: { word: ShellWord; program: Program }[] = [];
  let rest = words;
  for (;;) {
    const p = programIndex(rest);
    if (p < 0) break;
    let end = rest.findIndex((w, j) => j > p && programOf(w));
    if (end > 0 && PREFIXES.has(rest[end - 1]!.value)) end--;
    const stop = end < 0 ? rest.length : end;
    calls.push({ program: programOf(rest[p])!, words: rest.slice(0, stop), args: rest.slice(p + 1, stop) });
    if (end < 0) break;
    splits.push({ word: rest[end]!, program: programOf(rest.slice(end).find((w) => programOf(w)))! });
    rest = rest.slice(end);
  }
  return { calls, splits };
}
