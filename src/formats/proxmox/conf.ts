/**
 * A Proxmox VE VM configuration (`/etc/pve/qemu-server/VMID.conf`) as lines with positions.
 *
 * Read as qemu-server reads it: proxmox/qemu-server @e6352be6, src/PVE/QemuServer.pm,
 * `parse_vm_config` (split on "\n"; blank lines skipped; `[PENDING]`, `[special:NAME]`, snapshot
 * `[name]` and unknown `[...]` section headers; `#` description lines; `key: value` with the key
 * `[a-z][a-z_-]*\d*` and the value trimmed). The current configuration is what comes before the
 * first section header. Nothing here is copied from qemu-server: the rules are restated.
 */
import type { Span } from '../../diagnostics/index.js';

/** One `key: value` line. */
export interface ConfEntry {
  key: string;
  value: string;
  /** The whole line, without its line break. */
  line: Span;
  /** The value, trimmed as qemu-server trims it. */
  valueSpan: Span;
}

export type SectionKind = 'current' | 'pending' | 'snapshot' | 'special' | 'unknown';

export interface ConfSection {
  kind: SectionKind;
  /** The section's name (`PENDING`, a snapshot's name); empty for the current configuration. */
  name: string;
  /** The header line (`[snap1]`); absent for the current configuration. */
  header?: Span;
  /** Everything the section holds, header to the line before the next header. */
  span: Span;
  entries: ConfEntry[];
}

export interface ConfFile {
  sections: ConfSection[];
  /** The current configuration (the part before the first section). */
  current: ConfSection;
  /** Lines qemu-server cannot read (it warns and skips them). */
  unreadable: Span[];
  /** The file's line break (`\n`, or `\r\n` when its first line ends so). */
  newline: string;
}

const KEY_LINE = /^([a-z][a-z_-]*\d*):\s*(.+?)\s*$/;
const ARGS_LINE = /^(args|description):\s*(.*\S)\s*$/;
const PENDING = /^\[PENDING\]\s*$/i;
const SPECIAL = /^\[special:(cloudinit|fleecing)\]\s*$/i;
const SNAPSHOT = /^\[([a-z][a-z0-9_-]+)\]\s*$/i;
const UNKNOWN = /^\[([^\]]*)\]\s*$/;

/** The kind of a header line, or undefined when the line is no header. */
function headerOf(line: string): { kind: SectionKind; name: string } | undefined {
  if (PENDING.test(line)) return { kind: 'pending', name: 'PENDING' };
  let m = SPECIAL.exec(line);
  if (m) return { kind: 'special', name: `special:${m[1]}` };
  m = SNAPSHOT.exec(line);
  if (m) return { kind: 'snapshot', name: m[1]! };
  m = UNKNOWN.exec(line);
  if (m) return { kind: 'unknown', name: m[1]! };
  return undefined;
}

/** One line of the text: its span without the break. A trailing `\r` stays in the line, as qemu-server splits on `\n`. */
function* lines(text: string): Generator<Span> {
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end > start || nl >= 0) yield { start, end };
    if (nl < 0) break;
    start = nl + 1;
  }
}

/** Reads the lines and sections; linear in the text. */
export function readConf(text: string): ConfFile {
  const current: ConfSection = { kind: 'current', name: '', span: { start: 0, end: text.length }, entries: [] };
  const sections: ConfSection[] = [current];
  const unreadable: Span[] = [];
  let section = current;
  for (const span of lines(text)) {
    const line = text.slice(span.start, span.end);
    if (/^\s*$/.test(line)) continue;
    const header = headerOf(line);
    if (header) {
      section.span = { start: section.span.start, end: span.start };
      section = { ...header, header: span, span: { start: span.start, end: text.length }, entries: [] };
      sections.push(section);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = ARGS_LINE.exec(line) ?? KEY_LINE.exec(line);
    if (!m) {
      unreadable.push(span);
      continue;
    }
    const at = span.start + line.indexOf(m[2]!, m[1]!.length + 1);
    section.entries.push({
      key: m[1]!,
      value: m[2]!,
      line: span,
      valueSpan: { start: at, end: at + m[2]!.length },
    });
  }
  const first = text.indexOf('\n');
  return { sections, current, unreadable, newline: first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n' };
}

/** The last entry of a key in a section (qemu-server keeps the last one). */
export function entryOf(section: ConfSection, key: string): ConfEntry | undefined {
  for (let i = section.entries.length - 1; i >= 0; i--) if (section.entries[i]!.key === key) return section.entries[i];
  return undefined;
}
