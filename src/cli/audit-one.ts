/**
 * One input of `audit`: read (for a file met by the walk), recognised, checked, and made into rows.
 * The same code runs in the main thread and in the worker threads that share a large folder.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { isUnreadable } from '../diagnostics/index.js';
import type { SetRequest } from '../fix/set-config.js';
import { setConfig } from '../fix/set-config.js';
import { otherDocument } from '../formats/registry.js';
import type { FormatEntry, ParsedConfig } from '../formats/types.js';
import { enabledFeatures } from '../model/index.js';
import { checkConfig, resolveGuest } from '../rules/index.js';
import type { CheckOptions } from '../rules/types.js';
import type { Found } from './audit-inputs.js';
import type { AuditDetail, AuditRow, Replacement } from './audit-report.js';
import { NoConfigurationError, guestToJson, parseInputs } from './common.js';
import type { Input } from './input.js';
import { readInputFile } from './input.js';
import { UsageError } from './io.js';
import { resolve } from 'node:path';
import type { ParseOptions } from '../formats/types.js';

/** What every input of one audit is checked with; plain data, so worker threads get a copy. */
export interface AuditContext {
  options: CheckOptions;
  /** --max-bytes. */
  limit: number;
  /** Keep each finding with its position and fix (SARIF needs them; the table needs counts). */
  details: boolean;
  /** The folder relative paths are read from. */
  cwd: string;
  /** What the syntaxes read configurations with (--cpu-vendor, --qemu-version, --companion's text). */
  parsing?: Omit<ParseOptions, 'maxChars'>;
}

/** What one input gave: rows, a reason it was skipped, or a row saying why it could not be read. */
export type Outcome = { skipped: string } | { rows: AuditRow[]; details: AuditDetail[]; unreadable: boolean };

export function countCodes(diagnostics: readonly Diagnostic[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const d of diagnostics) if (d.severity !== 'info') codes[d.code] = (codes[d.code] ?? 0) + 1;
  return codes;
}

/**
 * The text change that applies one diagnostic's fix alone, as the smallest replacement of whole
 * lines (for SARIF), or undefined when the fix cannot be written on its own.
 */
function fixReplacement(parsed: ParsedConfig, format: FormatEntry, d: Diagnostic): Replacement | undefined {
  const changes = d.fix?.changes ?? [];
  if (!changes.length || !format.edit) return undefined;
  const requests: SetRequest[] = changes.map((c) => ({
    kind: 'feature',
    feature: c.feature,
    value: c.value ?? undefined,
  }));
  const out = setConfig(parsed, format, requests, { exact: true });
  if (out.failed || !out.changed) return undefined;
  const a = parsed.source;
  const b = out.text;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  // Whole lines, as people read a change: from the start of the first changed line to the end of the last.
  start = a.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = a.indexOf('\n', a.length - end);
  end = lineEnd === -1 ? 0 : a.length - lineEnd - 1;
  if (a.length - end < start) end = a.length - start;
  return { offset: start, length: a.length - start - end, text: b.slice(start, b.length - end) };
}

const unreadRow = (input: string, error: string): Outcome => ({
  rows: [{ input, format: '-', error, errors: 0, warnings: 0, enabled: [], codes: {} }],
  details: [],
  unreadable: true,
});

/** Checks one input that was read: `walked` when the walk of a folder met it (not named by the user). */
export function auditInput(input: Input, walked: boolean, ctx: AuditContext): Outcome {
  const other = otherDocument(input.text);
  if (other) return { skipped: other };
  let configs: ReturnType<typeof parseInputs>['configs'];
  try {
    configs = parseInputs(input, undefined, ctx.limit, ctx.parsing).configs;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // A file met in a folder that no syntax recognises (a README.json, a build script) is not a VM's.
    if (walked && e instanceof NoConfigurationError) return { skipped: 'a file that holds no VM configuration' };
    return unreadRow(input.name, e.message);
  }
  const out: Outcome = { rows: [], details: [], unreadable: false };
  for (const { read, format, label } of configs) {
    const diagnostics = read.ok ? checkConfig(read.value, ctx.options) : read.diagnostics;
    if (diagnostics.some((d) => isUnreadable(d.code))) out.unreadable = true;
    // A syntax whose files name the VM (a cluster's node/VMID) names the row so.
    const config = label ?? format.rowName?.(input.name);
    const row: AuditRow = {
      input: input.name,
      ...(config ? { config } : {}),
      format: format.id,
      ...guestToJson(resolveGuest(ctx.options, read.ok ? read.value.context : {})),
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
      enabled: read.ok ? [...enabledFeatures(read.value.set)] : [],
      codes: countCodes(diagnostics),
    };
    out.rows.push(row);
    if (ctx.details)
      out.details.push({
        row,
        source: input.text,
        file: input.path !== undefined,
        diagnostics: diagnostics.map((d) => {
          // A fix is a text change of the whole file: for one configuration of several, the edit would not be.
          const fix = read.ok && !label && d.severity !== 'info' ? fixReplacement(read.value, format, d) : undefined;
          return fix ? { diagnostic: d, fix } : { diagnostic: d };
        }),
      });
  }
  return out;
}

/** One entry of a folder walk: skipped, a path that failed, or a file read and checked. */
export function auditFound(found: Found, ctx: AuditContext): Outcome {
  if ('skipped' in found) return found;
  if (!('file' in found)) return unreadRow(found.name, found.error);
  let input: Input;
  try {
    // The walk knows it is a file: read it as one, never as configuration text when it has gone meanwhile.
    input = readInputFile(resolve(ctx.cwd, found.file), found.file, ctx.limit);
  } catch (e) {
    if (e instanceof UsageError) return unreadRow(found.file, e.message);
    throw e;
  }
  return auditInput(input, found.walked, ctx);
}
