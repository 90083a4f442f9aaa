/**
 * Where the QEMU commands of a text are: a word is part of a QEMU command only when the command it
 * belongs to runs QEMU (after `sudo`, `exec`, `env`, `nice`, `nohup`, `time` and `VAR=value`
 * prefixes, as a shell or `virsh domxml-to-native` writes them), or when the whole text is options
 * alone (`-machine q35 -cpu host,...`). Words inside a heredoc or a markdown code fence are text, not
 * commands; so are `echo qemu ... -cpu ...`, a log line or a sentence that mentions a command.
 */
import type { Span } from '../../diagnostics/index.js';
import type { ShellSplit, ShellWord } from '../../syntax/shell/split.js';
import { isSeparatorWord, splitScript } from '../../syntax/shell/split.js';
import type { ExpandedWord } from '../../syntax/shell/expand.js';
import { expandCommands } from '../../syntax/shell/expand.js';
import { heredocAt, sourceLines } from '../../syntax/shell/heredoc.js';

const PREFIXES = new Set(['sudo', 'exec', 'env', 'nice', 'nohup', 'time', 'command']);
const QEMU_PROGRAM = /^(qemu-system-[a-z0-9_]+|qemu-kvm|qemu|kvm)$/;

/** Source ranges that hold text, not commands: heredoc bodies and markdown code fences. */
export function textRegions(source: string): Span[] {
  const regions: Span[] = [];
  const lines = sourceLines(source);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line.text)) {
      let j = i + 1;
      while (j < lines.length && !/^\s*(```|~~~)/.test(lines[j]!.text)) j++;
      regions.push({ start: line.start, end: lines[Math.min(j, lines.length - 1)]!.end });
      i = j;
      continue;
    }
    const found = heredocAt(lines, i);
    if (found) {
      if (found.heredoc.body.end > found.heredoc.body.start) regions.push(found.heredoc.body);
      i = found.last;
    }
  }
  return regions;
}

/**
 * Groups the words into commands: a new one starts at an unescaped newline or after a separator.
 * The words are splitScript's, so a separator is always a word of its own (`host;` is `host`, `;`).
 */
function commandsOf(words: readonly ShellWord[]): ShellWord[][] {
  const out: ShellWord[][] = [];
  let current: ShellWord[] = [];
  for (const w of words) {
    if (w.newLine && current.length) {
      out.push(current);
      current = [];
    }
    // A separator counts only written bare: `-name "a;"` and `a\\;` are text (ShellWord.operators).
    if (isSeparatorWord(w)) {
      if (current.length) out.push(current);
      current = [];
      continue;
    }
    current.push(w);
  }
  if (current.length) out.push(current);
  return out;
}

/** The program word of a command after its prefixes, or undefined. */
function programOf(command: readonly ShellWord[]): ShellWord | undefined {
  let i = 0;
  for (; i < command.length; i++) {
    const v = command[i]!.value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v) || PREFIXES.has(v)) continue;
    // a case pattern before the command (`start) qemu-system-x86_64 ...`), its `)` written bare
    if (i === 0 && v.endsWith(')') && command[i]!.operators?.includes(v.length - 1)) continue;
    if (i > 0 && PREFIXES.has(command[i - 1]!.value) && v.startsWith('-')) continue; // sudo -E, env -i
    break;
  }
  return command[i];
}

/** One QEMU command of a script: its words as written, and as the shell would pass them to QEMU. */
export interface QemuCommand {
  words: ShellWord[];
  /** The words after expanding what the script fixes (`$CPU`, `"${args[@]}"`); see syntax/shell/expand.ts. */
  argv: ExpandedWord[];
}

const LONE_EXPANSION = /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * The QEMU commands of the text, each as its words and its expanded words. A command whose
 * program is a variable (`"$QEMU" -cpu ...`) counts when the script gives that variable a QEMU
 * program.
 */
export function qemuCommands(source: string, words: readonly ShellWord[]): QemuCommand[] {
  if (last?.source === source && last.words === words) return last.commands;
  const commands = findQemuCommands(source, words);
  last = { source, words, commands };
  return commands;
}

/** The script read last: detection, splitting and parsing ask for the same text one after another. */
let last: { source: string; words: readonly ShellWord[]; commands: QemuCommand[] } | undefined;

/** The shell words of a text, for the last text asked. */
export function scriptWords(source: string): ShellSplit {
  if (lastSplit?.source !== source) lastSplit = { source, split: splitScript(source) };
  return lastSplit.split;
}
let lastSplit: { source: string; split: ShellSplit } | undefined;

function findQemuCommands(source: string, words: readonly ShellWord[]): QemuCommand[] {
  // Words and regions both come in source order: one pass over each, however many heredocs.
  const regions = textRegions(source);
  let r = 0;
  const inText = (w: ShellWord) => {
    while (r < regions.length && regions[r]!.end <= w.span.start) r++;
    return r < regions.length && w.span.start >= regions[r]!.start;
  };
  const code = words.filter((w) => !inText(w));
  const commands = commandsOf(code);
  const chosen: ShellWord[][] = [];
  for (const [index, command] of commands.entries()) {
    const program = programOf(command);
    if (!program) continue;
    const name = program.value.split('/').at(-1) ?? '';
    // Options alone (`-machine q35 -cpu host`): only as the one command of the text.
    if (
      QEMU_PROGRAM.test(name) ||
      LONE_EXPANSION.test(program.value) ||
      (index === 0 && commands.length === 1 && program === command[0] && name.startsWith('-'))
    )
      chosen.push(command);
  }
  if (!chosen.length) return [];
  const expanded = expandCommands(source, code, chosen);
  const found: QemuCommand[] = [];
  chosen.forEach((command, i) => {
    // The expander gives no words when it did not reach the command as one (it never should): the
    // words as written then, each expansion in them said to be unread, never read as its own text.
    const argv = expanded[i]!.length
      ? expanded[i]!
      : command.map(
          (w): ExpandedWord => ({
            ...w,
            from: w,
            uses: [],
            unresolved: w.expansions?.length
              ? [{ span: w.span, text: w.value, why: `enlighten could not follow the script up to ${w.value}` }]
              : [],
          }),
        );
    const program = programOf(command)!;
    if (LONE_EXPANSION.test(program.value) && !QEMU_PROGRAM.test(programOf(argv)?.value.split('/').at(-1) ?? ''))
      return;
    found.push({ words: command, argv });
  });
  return found;
}
