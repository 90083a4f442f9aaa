/**
 * Where the QEMU commands of a text are: a word is part of a QEMU command only when the command it
 * belongs to runs QEMU (after `sudo`, `exec`, `env`, `nice`, `nohup`, `time` and `VAR=value`
 * prefixes, as a shell or `virsh domxml-to-native` writes them), or when the whole text is options
 * alone (`-machine q35 -cpu host,...`). Words inside a heredoc or a markdown code fence are text, not
 * commands; so are `echo qemu ... -cpu ...`, a log line or a sentence that mentions a command.
 */
import type { Span } from '../../diagnostics/index.js';
import type { ShellWord } from '../../syntax/shell/split.js';

const PREFIXES = new Set(['sudo', 'exec', 'env', 'nice', 'nohup', 'time', 'command']);
const SEPARATORS = /^(;|&&|\|\||\||&)$/;
const QEMU_PROGRAM = /^(qemu-system-[a-z0-9_]+|qemu-kvm|qemu|kvm)$/;

/** Source ranges that hold text, not commands: heredoc bodies and markdown code fences. */
export function textRegions(source: string): Span[] {
  const regions: Span[] = [];
  const lines: { start: number; end: number; text: string }[] = [];
  for (let start = 0; start <= source.length; ) {
    const nl = source.indexOf('\n', start);
    const end = nl < 0 ? source.length : nl;
    lines.push({ start, end, text: source.slice(start, end).replace(/\r$/, '') });
    if (nl < 0) break;
    start = nl + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line.text)) {
      let j = i + 1;
      while (j < lines.length && !/^\s*(```|~~~)/.test(lines[j]!.text)) j++;
      regions.push({ start: line.start, end: (lines[Math.min(j, lines.length - 1)]!).end });
      i = j;
      continue;
    }
    const heredoc = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(line.text.replace(/<<</g, '   '));
    if (heredoc) {
      const tabs = heredoc[1] === '-';
      const word = heredoc[3]!;
      let j = i + 1;
      while (j < lines.length && (tabs ? lines[j]!.text.replace(/^\t+/, '') : lines[j]!.text) !== word) j++;
      if (j > i + 1) regions.push({ start: lines[i + 1]!.start, end: lines[Math.min(j, lines.length) - 1]!.end });
      i = j;
    }
  }
  return regions;
}

/** Groups the words into commands: a new one starts at an unescaped newline or after `;`, `&&`, `|`, `&`. */
function commandsOf(words: readonly ShellWord[]): ShellWord[][] {
  const out: ShellWord[][] = [];
  let current: ShellWord[] = [];
  for (const w of words) {
    if (w.newLine && current.length) {
      out.push(current);
      current = [];
    }
    if (SEPARATORS.test(w.value)) {
      if (current.length) out.push(current);
      current = [];
      continue;
    }
    const trailing = /[;&]$/.test(w.value) && !/\\[;&]$/.test(w.value);
    current.push(w);
    if (trailing) {
      out.push(current);
      current = [];
    }
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
    if (i > 0 && PREFIXES.has(command[i - 1]!.value) && v.startsWith('-')) continue; // sudo -E, env -i
    break;
  }
  return command[i];
}

/** The QEMU commands of the text, each as its words. */
export function qemuCommands(source: string, words: readonly ShellWord[]): ShellWord[][] {
  // Words and regions both come in source order: one pass over each, however many heredocs.
  const regions = textRegions(source);
  let r = 0;
  const inText = (w: ShellWord) => {
    while (r < regions.length && regions[r]!.end <= w.span.start) r++;
    return r < regions.length && w.span.start >= regions[r]!.start;
  };
  const commands = commandsOf(words.filter((w) => !inText(w)));
  const found: ShellWord[][] = [];
  for (const [index, command] of commands.entries()) {
    const program = programOf(command);
    if (!program) continue;
    const name = program.value.split('/').at(-1) ?? '';
    // Options alone (`-machine q35 -cpu host`): only as the one command of the text.
    if (QEMU_PROGRAM.test(name) || (index === 0 && commands.length === 1 && program === command[0] && name.startsWith('-'))) found.push(command);
  }
  return found;
}
