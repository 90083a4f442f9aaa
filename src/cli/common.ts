import type { Diagnostic, ParseResult } from '../diagnostics/index.js';
import { groupDiagnostics, isUnreadable, lineColumnAt, renderDiagnostic } from '../diagnostics/index.js';
import { detectFormat, findPieces, FORMAT_NAMES, FORMATS, getFormat } from '../formats/registry.js';
import type { FoundPiece } from '../formats/registry.js';
import type { ConfigPiece, FormatEntry, FormatId, ParsedConfig, ParseOptions } from '../formats/types.js';
import { piecesCap } from '../formats/types.js';
import type { GuestChoice } from '../rules/index.js';
import { suggest } from '../util/suggest.js';
import { printable } from '../util/printable.js';
import type { Input } from './input.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './io.js';
import { DEFAULT_MAX_BYTES } from './max-bytes.js';

export function formatIds(): string[] {
  return FORMATS.map((f) => f.id);
}

/**
 * A usage error for a name that names nothing: the message, then "did you mean" with the closest
 * choices (joined by `hintJoin`) and what to choose from (by default every choice).
 */
export function unknownName(
  message: string,
  given: string,
  choices: readonly string[],
  hintJoin = ', ',
  choose = `choose one of: ${choices.join(', ')}`,
): UsageError {
  const hints = suggest(given, choices);
  return new UsageError(message, `${hints.length ? `did you mean ${hints.join(hintJoin)}? ` : ''}${choose}`);
}

/** The format named by --from/--to, or a usage error with "did you mean". */
export function formatById(id: string, flag: string, need?: 'print'): FormatEntry {
  const f = getFormat(id as FormatId);
  const ok = FORMATS.filter((x) => (need === 'print' ? x.print : true)).map((x) => x.id);
  if (!f || (need === 'print' && !f.print)) {
    throw unknownName(`${flag} ${id}: unknown syntax`, id, ok, ' or ');
  }
  return f;
}

/**
 * Parses the input in the given syntax, or the detected one; text no syntax recognises is a usage
 * error (exit 2), text the syntax cannot read is `read.ok: false`. `limit` (--max-bytes) replaces
 * the syntax's own cap: the input was read under it already, so the one cap is the CLI's.
 */
export function parseInput(
  input: Input,
  from?: string,
  limit = DEFAULT_MAX_BYTES,
  extra: Omit<ParseOptions, 'maxChars'> = {},
): { read: ParseResult<ParsedConfig>; format: FormatEntry } {
  const format = from ? formatById(from, '--from') : detectFormat(input.text, input.name);
  return readOne(input, format, findPieces(input.text, format), limit, extra);
}

/** `parseInput` once the syntax is known (or not) and the pieces found. */
function readOne(
  input: Input,
  format: FormatEntry | undefined,
  pieces: FoundPiece[] | undefined,
  limit: number,
  extra: Omit<ParseOptions, 'maxChars'> = {},
): { read: ParseResult<ParsedConfig>; format: FormatEntry } {
  if (!format && !pieces) throw noConfiguration(input);
  if (pieces && pieces.length > capOf(pieces)) throw tooManyPieces(input, pieces);
  if (pieces && (pieces.length > 1 || pieces[0]!.piece.embedded)) {
    const kinds = [...new Set(pieces.map((p) => p.piece.kind))];
    const noun = piecesNoun(pieces.map((p) => p.piece));
    const what =
      pieces.length > 1
        ? `${pieces.length} ${noun} (${describePieces(
            input.text,
            pieces.map((p) => p.piece),
          ).join(', ')})`
        : describePieces(input.text, [pieces[0]!.piece])[0]!;
    throw new UsageError(
      `${printable(input.name)} holds ${what}: enlighten ${pieces.length > 1 ? 'does not guess which one to change' : 'reads it but does not edit text inside a script'}`,
      kinds.includes('domain') && pieces.length > 1
        ? 'keep one domain per file (virt-install --print-xml 1 prints the install step, --print-xml 2 the boot one), then run it again'
        : pieces.length > 1
          ? '`enlighten check` reports on each; put the one to change in a file of its own (or change it by hand), then run it again'
          : '`enlighten check` reads it where it is; to change it, save the heredoc body to a file, run enlighten there, and paste the result back',
    );
  }
  return { read: format!.parse(input.text, { ...extra, maxChars: limit }), format: format! };
}

function capOf(pieces: readonly FoundPiece[]): number {
  return piecesCap(pieces.map((p) => p.piece));
}

/** A text over the cap: the cap, and how to get under it (in the syntax's terms when it has some). */
function tooManyPieces(input: Input, pieces: readonly FoundPiece[]): UsageError {
  const cap = capOf(pieces);
  const noun = piecesNoun(pieces.map((p) => p.piece));
  const own = pieces.every((p) => !p.piece.embedded) ? pieces[0]?.format.splitAdvice : undefined;
  return new UsageError(
    `${printable(input.name)} holds more than ${cap} ${noun}: enlighten reads at most ${cap} in one text`,
    `split it into files of at most ${cap}${own ? ` (${own})` : ''}, then give them, or the folder that holds them, to \`enlighten audit\``,
  );
}

/** The input is in no syntax enlighten reads (and holds none in a heredoc). */
export class NoConfigurationError extends UsageError {}

function noConfiguration(input: Input): UsageError {
  return new NoConfigurationError(
    `no configuration found in ${input.name}: it is none of ${FORMATS.map((f) => FORMAT_NAMES[f.id]).join(', ')}`,
    'a commented-out -cpu or one inside text that is not a command does not count; give --from SYNTAX if the input is one of these',
  );
}

/** `domain 'w' at line 1`, one per piece. */
export function describePieces(text: string, pieces: readonly ConfigPiece[]): string[] {
  return pieces.map(
    (p) => `${p.kind}${p.name ? ` '${printable(p.name)}'` : ''} at line ${lineColumnAt(text, p.span.start).line}`,
  );
}

/** `domains`, `QEMU commands`, or `configurations` when they are of several kinds. */
function piecesNoun(pieces: readonly ConfigPiece[]): string {
  const kinds = [...new Set(pieces.map((p) => p.kind))];
  return kinds.length === 1 ? `${kinds[0]}s` : 'configurations';
}

/** One configuration of the input, with a label when the input holds several. */
export interface InputConfig {
  /** The configuration, or why it could not be read (diagnostics with positions in the whole text). */
  read: ParseResult<ParsedConfig>;
  format: FormatEntry;
  /** `domain 'w' at line 1 (1 of 2)`; absent for an input holding one configuration. */
  label?: string;
}

/**
 * The configurations of the input: one, or each of several (the two domains virt-install
 * --print-xml writes, the QEMU commands of a script, a domain in a script's heredoc), each read
 * on its own with positions into the whole text.
 */
export function parseInputs(
  input: Input,
  from?: string,
  limit = DEFAULT_MAX_BYTES,
  extra: Omit<ParseOptions, 'maxChars'> = {},
): { configs: InputConfig[]; format: FormatEntry; noun: string } {
  const format = from ? formatById(from, '--from') : detectFormat(input.text, input.name);
  const pieces = findPieces(input.text, format);
  if (pieces && pieces.length > capOf(pieces)) throw tooManyPieces(input, pieces);
  if (!pieces) {
    const one = readOne(input, format, pieces, limit, extra);
    return { configs: [{ read: one.read, format: one.format }], format: one.format, noun: 'configuration' };
  }
  const where = describePieces(
    input.text,
    pieces.map((p) => p.piece),
  );
  const configs = pieces.map(({ piece, format: f }, i) => ({
    read: inWholeText(
      piece.read ? piece.read({ ...extra, maxChars: limit }) : f.parse(piece.text(), { ...extra, maxChars: limit }),
      input.text,
    ),
    format: f,
    label: pieces.length > 1 ? `${where[i]} (${i + 1} of ${pieces.length})` : where[i]!,
  }));
  return { configs, format: format ?? configs[0]!.format, noun: piecesNoun(pieces.map((p) => p.piece)) };
}

/** A piece's reading, its source the whole text (the piece is the text with the rest blanked, so positions agree). */
function inWholeText(read: ParseResult<ParsedConfig>, text: string): ParseResult<ParsedConfig> {
  return read.ok ? { ok: true, value: { ...read.value, source: text } } : read;
}

/** JSON view of a diagnostic: the stable fields plus position and fix; `count` when it stands for several alike. */
export function diagnosticToJson(
  d: Diagnostic,
  source: string,
  spell?: (d: Diagnostic) => string | undefined,
  count = 1,
) {
  const pos = d.span ? lineColumnAt(source, d.span.start) : undefined;
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.feature ? { feature: d.feature } : {}),
    ...(pos ? { line: pos.line, column: pos.column, span: d.span } : {}),
    ...(count > 1 ? { count } : {}),
    ...(d.notes?.length ? { notes: d.notes } : {}),
    ...(d.fix ? { fix: { description: spell?.(d) ?? d.fix.description, changes: d.fix.changes } } : {}),
  };
}

/** JSON views of diagnostics, those that say the same thing folded into one with a count. */
export function diagnosticsToJson(
  diagnostics: readonly Diagnostic[],
  source: string,
  spell?: (d: Diagnostic) => string | undefined,
) {
  return groupDiagnostics(diagnostics, source).map((g) => diagnosticToJson(g.diagnostic, source, spell, g.count));
}

/** Fix words in the syntax of the input. */
export function fixSpeller(parsed: ParsedConfig, format: FormatEntry): (d: Diagnostic) => string | undefined {
  const spell = format.spellChange(parsed);
  return (d) =>
    d.fix?.changes.length ? d.fix.changes.map((c) => spell(c.feature, c.value)).join('; ') : d.fix?.description;
}

/** Prints code frames; `check` writes them to stdout (they are its output), other commands to stderr. */
export function printDiagnostics(
  io: Io,
  diagnostics: readonly Diagnostic[],
  parsed: ParsedConfig,
  format: FormatEntry,
  name: string,
  to: 'stdout' | 'stderr' = 'stderr',
): void {
  printFindings(io, diagnostics, parsed.source, name, fixSpeller(parsed, format), to);
}

/** Prints why a text could not be read: code frames of the parser's diagnostics (no configuration to spell fixes in). */
export function printUnreadable(
  io: Io,
  diagnostics: readonly Diagnostic[],
  source: string,
  name: string,
  to: 'stdout' | 'stderr' = 'stderr',
): void {
  printFindings(io, diagnostics, source, name, undefined, to);
}

function printFindings(
  io: Io,
  diagnostics: readonly Diagnostic[],
  source: string,
  name: string,
  describeFix: ((d: Diagnostic) => string | undefined) | undefined,
  to: 'stdout' | 'stderr',
): void {
  for (const { diagnostic } of groupDiagnostics(diagnostics, source)) {
    io[to](
      `${renderDiagnostic(diagnostic, source, { sourceName: name, ...(describeFix ? { describeFix } : {}), color: false })}\n\n`,
    );
  }
}

export function summarize(diagnostics: readonly Diagnostic[]): string {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const e = count('error');
  const w = count('warning');
  const i = count('info');
  const parts = [`${e} error${e === 1 ? '' : 's'}`, `${w} warning${w === 1 ? '' : 's'}`];
  if (i) parts.push(`${i} note${i === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** With --json the value as JSON, else the text; exit 0. Both are made only when printed. */
export function printJsonOrText(io: Io, json: boolean | undefined, value: () => unknown, text: () => string): number {
  if (json) writeJson(io, value());
  else io.stdout(text());
  return EXIT.OK;
}

export function writeJson(io: Io, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** The exit status findings call for: 2 when the input could not be read, 1 for errors, else 0. */
export function exitFor(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some((d) => isUnreadable(d.code))) return EXIT.USAGE;
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.FINDINGS : EXIT.OK;
}

/**
 * Parses the input; when the parse itself found errors, reports them (JSON or code frames) and
 * returns the exit status instead, so the command does not work on a broken configuration.
 */
export function parseOrReport(
  input: Input,
  from: string | undefined,
  json: boolean | undefined,
  io: Io,
  limit = DEFAULT_MAX_BYTES,
): { parsed: ParsedConfig; format: FormatEntry } | { exit: number } {
  const { read, format } = parseInput(input, from, limit);
  if (read.ok && !read.value.diagnostics.some((d) => d.severity === 'error')) return { parsed: read.value, format };
  const diagnostics = read.ok ? read.value.diagnostics : read.diagnostics;
  if (json) writeJson(io, { diagnostics: diagnosticsToJson(diagnostics, input.text) });
  else if (read.ok) printDiagnostics(io, diagnostics, read.value, format, input.name);
  else printUnreadable(io, diagnostics, input.text, input.name);
  return { exit: exitFor(diagnostics) };
}

/** Findings without a source position, one per line with their notes: `error CODE: message` / `  - note`. */
export function findingLines(
  findings: readonly { severity: string; code: string; message: string; notes?: readonly string[] }[],
): string[] {
  return findings.flatMap((f) => [
    `${f.severity} ${f.code}: ${printable(f.message)}`,
    ...(f.notes ?? []).map((n) => `  - ${printable(n)}`),
  ]);
}

/** The line that says the guest came from the configuration (none when --os named it: the user knows). */
export function guestLine(guest: GuestChoice | undefined): string | undefined {
  if (guest?.source === 'libosinfo')
    return `guest: ${guest.os.name} (${guest.os.id}), from the domain's libosinfo metadata`;
  if (guest?.source === 'config') return `guest: ${guest.os.name} (${guest.os.id}), from ${guest.says}`;
  return guest?.source === 'virt-install'
    ? `guest: ${guest.os.name} (${guest.os.id}), from the command's --osinfo ${guest.libosinfo}`
    : undefined;
}

export interface GuestJson {
  id: string;
  name: string;
  source: '--os' | 'libosinfo' | 'virt-install' | 'config';
  libosinfo?: string;
}

/** JSON view of the guest: id, name and where it came from (`--os` or `libosinfo`, with the libosinfo id). */
export function guestToJson(guest: GuestChoice | undefined): { guest?: GuestJson } {
  if (!guest) return {};
  return {
    guest: {
      id: guest.os.id,
      name: guest.os.name,
      source: guest.source === 'option' ? '--os' : guest.source,
      ...(guest.libosinfo ? { libosinfo: guest.libosinfo } : {}),
    },
  };
}
