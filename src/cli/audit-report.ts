/**
 * What `audit` prints: a table for people, JSON for scripts, Markdown for a pull request or a
 * wiki, SARIF 2.1.0 for code scanning (GitHub, GitLab), and the exit status `--fail-on` asks for.
 */
import { compareNames } from '../util/name-order.js';
import type { Diagnostic, Severity } from '../diagnostics/index.js';
import { CODES } from '../diagnostics/index.js';
import { lineColumnAt } from '../diagnostics/position.js';
import type { GuestJson } from './common.js';
import { EXIT, UsageError } from './io.js';
import { writeTable } from './table.js';
import { printable } from '../util/printable.js';

export const AUDIT_FORMATS = ['table', 'json', 'sarif', 'markdown'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];
export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface AuditRow {
  input: string;
  /** A domain of a libvirt host: the host's URI and the domain's name (`input` is `host/domain`). */
  host?: string;
  domain?: string;
  /** The domain runs (its live configuration was compared with the saved one). */
  running?: boolean;
  /** What takes effect only at the domain's next start (RESTART_NEEDED). */
  restart?: string;
  /** Which configuration of the input (`QEMU command at line 7 (2 of 2)`), when it holds several. */
  config?: string;
  guest?: GuestJson;
  format: string;
  /** Why the input could not be read (it then has no findings). */
  error?: string;
  errors: number;
  warnings: number;
  enabled: string[];
  codes: Record<string, number>;
}

/** A text replacement that applies a diagnostic's fix: `length` characters at `offset` become `text`. */
export interface Replacement {
  offset: number;
  length: number;
  text: string;
}

/** One configuration's findings with their positions, kept for SARIF only (a table needs counts). */
export interface AuditDetail {
  row: AuditRow;
  /** The text the positions point into. */
  source: string;
  /** True when `input` is a file (not a domain of a connection). */
  file: boolean;
  diagnostics: { diagnostic: Diagnostic; fix?: Replacement }[];
}

/**
 * The rows, in the order they came: an array, or audit's RowSpool (row-spool.ts), which keeps them
 * on disk past a few thousand. Only iterated (as often as a report needs), never indexed.
 */
export interface AuditRows extends Iterable<AuditRow> {
  readonly length: number;
}

export interface AuditReport {
  rows: AuditRows;
  details: AuditDetail[];
  codes: Record<string, number>;
  skipped: Record<string, number>;
  /** What `seeRow` gathered as the rows came, so that writing the report reads them once more, not three times. */
  seen?: RowsSeen;
}

/** The tally and, for a table, the column widths of the rows seen so far (`seeRow`). */
export interface RowsSeen {
  count: number;
  tally: Tally;
  widths: number[] | undefined;
}

/**
 * Takes a row into the report's tally and column widths as it comes. Spilled rows are read back
 * from disk and parsed at every pass over them: with this, the table is one pass (10,000 rows:
 * two passes and 20,000 JSON.parse fewer). The widths are measured only when the report will be a
 * `table`. Rows pushed without it are tallied when the report is written, as before.
 */
export function seeRow(report: AuditReport, row: AuditRow, table: boolean): void {
  const seen = (report.seen ??= {
    count: 0,
    tally: emptyTally(),
    widths: table ? HEADER.map((h) => h.length) : undefined,
  });
  seen.count++;
  addToTally(seen.tally, row);
  const { widths } = seen;
  if (!widths) return;
  const c = cells(row);
  for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, printable(c[i]!).length);
}

/** The report's gathered facts when they cover every row, else undefined. */
function seenAll(report: AuditReport): RowsSeen | undefined {
  return report.seen && report.seen.count === report.rows.length ? report.seen : undefined;
}

export function checkAuditFormat(value: string | undefined, json: boolean | undefined): AuditFormat {
  if (value === undefined) return json ? 'json' : 'table';
  if (!(AUDIT_FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format ${value}: not one of ${AUDIT_FORMATS.join(', ')}`, 'for example --format sarif');
  if (json && value !== 'json')
    throw new UsageError(`--json and --format ${value} ask for two outputs`, 'give one of them');
  return value as AuditFormat;
}

export function checkFailOn(value: string | undefined): FailOn {
  if (value === undefined) return 'error';
  if (!(FAIL_ON as readonly string[]).includes(value))
    throw new UsageError(`--fail-on ${value}: not one of ${FAIL_ON.join(', ')}`, 'for example --fail-on warning');
  return value as FailOn;
}

/**
 * The exit status: 2 when some input could not be read (whatever --fail-on says: the audit is
 * incomplete), else 1 when a configuration has what --fail-on names, else 0.
 */
export function auditExit(report: AuditReport, failOn: FailOn, unreadable: boolean): number {
  if (unreadable) return EXIT.USAGE;
  if (failOn === 'never') return EXIT.OK;
  const t = tally(report);
  return t.withErrors > 0 || (failOn === 'warning' && t.anyWarnings) ? EXIT.FINDINGS : EXIT.OK;
}

/** `skipped 3 files: 2 × a libvirt network, 1 × a libvirt storage pool`, or nothing. */
function skippedLine(skipped: Record<string, number>): string[] {
  const entries = Object.entries(skipped).sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0]));
  if (!entries.length) return [];
  const n = entries.reduce((a, [, k]) => a + k, 0);
  return [
    `skipped ${n} file${n === 1 ? '' : 's'} that hold no VM configuration: ${entries.map(([why, k]) => `${k} × ${why}`).join(', ')}`,
  ];
}

/**
 * What the summary, the legend and the exit status need of the rows, in one pass: spilled rows are
 * read back from disk and parsed at each pass, so three passes cost three readings of the file.
 * Worked out once per rows and length (a report is written when every row is in).
 */
interface Tally {
  withErrors: number;
  withWarnings: number;
  unreadable: number;
  clean: number;
  sources: Set<string | undefined>;
  anyWarnings: boolean;
}

const tallies = new WeakMap<AuditRows, { length: number; tally: Tally }>();

function emptyTally(): Tally {
  return { withErrors: 0, withWarnings: 0, unreadable: 0, clean: 0, sources: new Set(), anyWarnings: false };
}

function addToTally(t: Tally, r: AuditRow): void {
  if (r.errors) t.withErrors++;
  else if (r.warnings) t.withWarnings++;
  if (r.error) t.unreadable++;
  if (r.warnings) t.anyWarnings = true;
  t.sources.add(r.guest?.source);
}

function tally(report: AuditReport): Tally {
  const { rows } = report;
  let t = seenAll(report)?.tally;
  if (!t) {
    const kept = tallies.get(rows);
    if (kept && kept.length === rows.length) return kept.tally;
    t = emptyTally();
    for (const r of rows) addToTally(t, r);
    tallies.set(rows, { length: rows.length, tally: t });
  }
  t.clean = rows.length - t.withErrors - t.withWarnings - t.unreadable;
  return t;
}

function counts(report: AuditReport) {
  const { withErrors, withWarnings, unreadable, clean } = tally(report);
  return { withErrors, withWarnings, unreadable, clean };
}

function topCodes(codes: Record<string, number>): string[] {
  return Object.entries(codes)
    .sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0]))
    .slice(0, 5)
    .map(([c, n]) => `${c} (${n})`);
}

function summaryLines(report: AuditReport): string[] {
  const { rows } = report;
  const c = counts(report);
  const top = topCodes(report.codes);
  const head = `${rows.length} configuration${rows.length === 1 ? '' : 's'}: ${c.withErrors} with errors, ${c.withWarnings} with warnings only, ${c.clean} clean${c.unreadable ? `, ${c.unreadable} unreadable` : ''}`;
  return [head, ...(top.length ? [`most common: ${top.join(', ')}`] : []), ...skippedLine(report.skipped)];
}

const HEADER = ['CONFIGURATION', 'SYNTAX', 'GUEST', 'ERRORS', 'WARNINGS', 'ON', 'FINDINGS'];

function cells(r: AuditRow): string[] {
  return r.error
    ? [r.input, '-', '-', '-', '-', '-', `unreadable: ${r.error}`]
    : [
        r.config ? `${r.input}, ${r.config}` : r.input,
        r.format,
        r.guest ? `${r.guest.id}${r.guest.source === '--os' ? '' : ` (${r.guest.source})`}` : '-',
        String(r.errors),
        String(r.warnings),
        String(r.enabled.length),
        Object.keys(r.codes).join(', ') || '-',
      ];
}

function legend(report: AuditReport): string[] {
  const { sources, withErrors, anyWarnings } = tally(report);
  const findings = withErrors > 0 || anyWarnings;
  const out: string[] = [];
  if (sources.has('libosinfo'))
    out.push("guest: (libosinfo) is the guest OS of the domain's libosinfo metadata, used where --os is not given");
  if (sources.has('config'))
    out.push(
      "guest: (config) is the guest OS the configuration's own setting names (an OS type), used where --os is not given",
    );
  if (sources.has('virt-install'))
    out.push("guest: (virt-install) is the guest OS of the command's --osinfo, used where --os is not given");
  if (findings) out.push('details: enlighten check CONFIGURATION; fixes: enlighten fix CONFIGURATION');
  return out;
}

/** Rows handed to `write` at a time by the streamed reports. */
const CHUNK_ROWS = 1024;

/** The table and its summary, written a chunk at a time (100,000 rows would be a 13 MB string). */
export function writeTableReport(report: AuditReport, write: (text: string) => void): void {
  writeTable(HEADER, report.rows, cells, write, seenAll(report)?.widths);
  write(`\n${[...summaryLines(report), ...legend(report)].join('\n')}\n`);
}

/**
 * `jsonReport` as `JSON.stringify(..., null, 2)` prints it, byte for byte, written a chunk of rows
 * at a time instead of as one string (about 400 bytes a row).
 */
export function writeJsonReport(report: AuditReport, write: (text: string) => void): void {
  const indent = (json: string, by: string) => json.replace(/\n/g, `\n${by}`);
  const { rows } = report;
  if (!rows.length) write('{\n  "configurations": [],');
  else {
    write('{\n  "configurations": [');
    let chunk: string[] = [];
    let first = true;
    for (const r of rows) {
      chunk.push(`${first ? '' : ','}\n    ${indent(JSON.stringify(r, null, 2), '    ')}`);
      first = false;
      if (chunk.length >= CHUNK_ROWS) {
        write(chunk.join(''));
        chunk = [];
      }
    }
    if (chunk.length) write(chunk.join(''));
    write('\n  ],');
  }
  write(`\n  "summary": ${indent(JSON.stringify(jsonSummary(report), null, 2), '  ')}\n}\n`);
}

export function jsonReport(report: AuditReport): unknown {
  return { configurations: [...report.rows], summary: jsonSummary(report) };
}

function jsonSummary(report: AuditReport) {
  const c = counts(report);
  return {
    total: report.rows.length,
    withErrors: c.withErrors,
    withWarnings: c.withWarnings,
    ...(c.unreadable ? { unreadable: c.unreadable } : {}),
    ...(Object.keys(report.skipped).length ? { skipped: report.skipped } : {}),
    codes: report.codes,
  };
}

/** A cell of a Markdown table: printable, pipes escaped, code in backquotes where it is a name. */
function md(text: string): string {
  return printable(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** The Markdown report, written a chunk of rows at a time. */
export function writeMarkdownReport(report: AuditReport, write: (text: string) => void): void {
  const head = `| ${HEADER.map((h) => h[0] + h.slice(1).toLowerCase()).join(' | ')} |`;
  const rule = `|${HEADER.map((_, i) => (i >= 3 && i <= 5 ? ' ---: ' : ' --- ')).join('|')}|`;
  write(`${['## enlighten audit', '', head, rule].join('\n')}\n`);
  const line = (r: AuditRow) =>
    `| ${cells(r)
      .map((c, i) => (i === 0 ? `\`${md(c).replace(/`/g, "'")}\`` : md(c)))
      .join(' | ')} |\n`;
  let chunk: string[] = [];
  for (const r of report.rows) {
    chunk.push(line(r));
    if (chunk.length >= CHUNK_ROWS) {
      write(chunk.join(''));
      chunk = [];
    }
  }
  if (chunk.length) write(chunk.join(''));
  const summary = summaryLines(report).map((l) => `- ${md(l)}`);
  write(`${['', ...summary].join('\n')}\n`);
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** `file:` URIs for absolute paths; relative paths stay relative (to the folder audit ran in, as code scanning wants). */
function artifactUri(path: string): string {
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  return path.startsWith('/') ? `file://${encode(path)}` : encode(path);
}

function region(source: string, d: Diagnostic) {
  if (!d.span) return undefined;
  const start = lineColumnAt(source, d.span.start);
  const end = lineColumnAt(source, Math.max(d.span.start, d.span.end));
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

/**
 * SARIF 2.1.0 (OASIS): one rule per diagnostic code that occurs, with its summary and its page in
 * docs/diagnostics.md; one result per error or warning, located by file, line and column (or by
 * host/domain for a domain read from libvirt); the fix as a text replacement where enlighten has one.
 * Inputs that could not be read are the run's notifications.
 */
export function sarifReport(report: AuditReport, tool: { version: string }): unknown {
  const used = [
    ...new Set(
      report.details.flatMap((d) =>
        d.diagnostics.filter((x) => x.diagnostic.severity !== 'info').map((x) => x.diagnostic.code),
      ),
    ),
  ].sort();
  const ruleIndex = new Map(used.map((c, i) => [c, i]));
  const rules = used.map((code) => ({
    id: code,
    shortDescription: { text: CODES[code].summary },
    help: {
      text: 'Every code is described in docs/diagnostics.md of the enlighten package; `enlighten check FILE` shows the finding with its notes, and `enlighten fix FILE` applies its fix.',
    },
    defaultConfiguration: { level: LEVEL[CODES[code].severity] },
  }));
  const results = report.details.flatMap((detail) =>
    detail.diagnostics
      .filter(({ diagnostic: d }) => d.severity !== 'info')
      .map(({ diagnostic: d, fix }) => {
        const r = region(detail.source, d);
        const where = detail.row.config ? ` (${detail.row.config})` : '';
        return {
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code)!,
          level: LEVEL[d.severity],
          message: { text: `${d.message}${where}${d.fix ? `. Fix: ${d.fix.description}` : ''}` },
          locations: [
            detail.file
              ? {
                  physicalLocation: {
                    artifactLocation: { uri: artifactUri(detail.row.input) },
                    ...(r ? { region: r } : {}),
                  },
                }
              : { logicalLocations: [{ fullyQualifiedName: detail.row.input, kind: 'resource' }] },
          ],
          ...(fix && detail.file
            ? {
                fixes: [
                  {
                    description: { text: d.fix!.description },
                    artifactChanges: [
                      {
                        artifactLocation: { uri: artifactUri(detail.row.input) },
                        replacements: [
                          {
                            deletedRegion: { charOffset: fix.offset, charLength: fix.length },
                            insertedContent: { text: fix.text },
                          },
                        ],
                      },
                    ],
                  },
                ],
              }
            : {}),
        };
      }),
  );
  // Only the unreadable rows are kept: the others may be thousands, spilled to disk.
  const unreadable: AuditRow[] = [];
  for (const r of report.rows) if (r.error) unreadable.push(r);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'enlighten', version: tool.version, rules } },
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            toolExecutionNotifications: unreadable.map((r) => ({
              level: 'error',
              message: { text: `${r.input}: ${r.error}` },
            })),
          },
        ],
        results,
      },
    ],
  };
}
