import type { Diagnostic } from '../diagnostics/index.js';
import { enabledFeatures } from '../model/index.js';
import { checkConfig, resolveGuest } from '../rules/index.js';
import { WALKED_ENDINGS, auditInputs } from './audit-inputs.js';
import { NoConfigurationError, guestToJson, parseInputs, writeJson } from './common.js';
import type { AuditReport, AuditRow, Replacement } from './audit-report.js';
import {
  AUDIT_FORMATS,
  FAIL_ON,
  auditExit,
  checkAuditFormat,
  checkFailOn,
  jsonReport,
  markdownReport,
  sarifReport,
  tableReport,
} from './audit-report.js';
import { isUnreadable } from '../diagnostics/index.js';
import type { FormatEntry, ParsedConfig } from '../formats/types.js';
import type { SetRequest } from '../fix/set-config.js';
import { setConfig } from '../fix/set-config.js';
import { VERSION } from './version.js';
import { otherDocument } from '../formats/registry.js';
import type { TargetFlags } from './host-options.js';
import { readTargetOptions, targetOptions } from './host-options.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { inputLimit } from './max-bytes.js';
import { jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { fileArgument } from './spec.js';

interface AuditFlags extends TargetFlags {
  connect?: string;
  json?: boolean;
  format?: string;
  failOn?: string;
}

/** `.xml, .args and .json`. */
function listEndings(endings: readonly string[]): string {
  return endings.length > 1 ? `${endings.slice(0, -1).join(', ')} and ${endings.at(-1)}` : (endings[0] ?? '');
}

function countCodes(diagnostics: readonly Diagnostic[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const d of diagnostics) if (d.severity !== 'info') codes[d.code] = (codes[d.code] ?? 0) + 1;
  return codes;
}

/**
 * The text change that applies one diagnostic's fix alone, as the smallest replacement (for SARIF),
 * or undefined when the fix cannot be written on its own.
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

/** Checks many configurations at once (files, folders, every domain of a connection) and summarises. */
export async function runAudit(paths: string[], flags: AuditFlags, io: Io): Promise<number> {
  if (!paths.length && !flags.connect)
    throw new UsageError(
      'audit needs files, folders or --connect URI',
      'for example: enlighten audit /etc/libvirt/qemu, or enlighten audit --connect qemu:///system',
    );
  const options = readTargetOptions(flags, io);
  const output = checkAuditFormat(flags.format, flags.json);
  const failOn = checkFailOn(flags.failOn);
  const report: AuditReport = { rows: [], details: [], codes: {}, skipped: {} };
  const { rows, codes, skipped } = report;
  let unreadable = false;
  const skip = (why: string) => void (skipped[why] = (skipped[why] ?? 0) + 1);
  const unread = (input: string, error: string) => {
    rows.push({ input, format: '-', error, errors: 0, warnings: 0, enabled: [], codes: {} });
    unreadable = true;
  };
  for await (const next of auditInputs(paths, flags.connect, io, inputLimit(flags))) {
    if ('skipped' in next) {
      skip(next.skipped);
      continue;
    }
    if (!('input' in next)) {
      unread(next.name, next.error);
      continue;
    }
    const { input, walked } = next;
    const other = otherDocument(input.text);
    if (other) {
      skip(other);
      continue;
    }
    let configs: ReturnType<typeof parseInputs>['configs'];
    try {
      configs = parseInputs(input, undefined, inputLimit(flags)).configs;
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      // A file met in a folder that no syntax recognises (a README.json, a build script) is not a VM's.
      if (walked && e instanceof NoConfigurationError) skip('a file that holds no VM configuration');
      else unread(input.name, e.message);
      continue;
    }
    for (const { read, format, label } of configs) {
      const diagnostics = read.ok ? checkConfig(read.value, options) : read.diagnostics;
      if (diagnostics.some((d) => isUnreadable(d.code))) unreadable = true;
      const row: AuditRow = {
        input: input.name,
        ...(label ? { config: label } : {}),
        format: format.id,
        ...guestToJson(resolveGuest(options, read.ok ? read.value.context : {})),
        errors: diagnostics.filter((d) => d.severity === 'error').length,
        warnings: diagnostics.filter((d) => d.severity === 'warning').length,
        enabled: read.ok ? enabledFeatures(read.value.set) : [],
        codes: countCodes(diagnostics),
      };
      rows.push(row);
      for (const [c, n] of Object.entries(row.codes)) codes[c] = (codes[c] ?? 0) + n;
      if (output === 'sarif')
        report.details.push({
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
  }
  if (output === 'json') writeJson(io, jsonReport(report));
  else if (output === 'sarif') writeJson(io, sarifReport(report, { version: VERSION }));
  else if (output === 'markdown') io.stdout(markdownReport(report));
  else io.stdout(tableReport(report));
  return auditExit(report, failOn, unreadable);
}

export const auditCommand: CommandSpec = {
  name: 'audit',
  summary: 'check many configurations at once (files, folders, every domain of a libvirt connection) and summarise',
  arguments: [
    fileArgument('paths', `files or folders (folders are searched for ${listEndings(WALKED_ENDINGS)} files)`, {
      required: false,
      many: true,
    }),
  ],
  options: [
    ...targetOptions(),
    { flags: '--connect <uri>', description: 'also audit every domain on this libvirt connection (virsh list --all)' },
    jsonOption('print {"configurations": [...], "summary": {...}} as JSON (--format json)'),
    {
      flags: '--format <format>',
      description: `output: ${AUDIT_FORMATS.join(', ')} (SARIF 2.1.0, for GitHub and GitLab code scanning)`,
      values: () => AUDIT_FORMATS,
      closed: true,
    },
    {
      flags: '--fail-on <level>',
      description:
        'exit 1 when a configuration has an error (error, the default), an error or a warning (warning), or never',
      values: () => FAIL_ON,
      closed: true,
    },
  ],
  examples: [
    'enlighten audit examples',
    'enlighten audit --connect qemu:///system --os win10',
    'enlighten audit --json /etc/libvirt/qemu',
    'enlighten audit --format sarif --fail-on warning vms/ > enlighten.sarif',
  ],
  notes: `A file, folder or domain that cannot be read (missing, no permission, over --max-bytes, not UTF-8
or UTF-16) is one row with its reason; the others are still checked and the totals printed.
Files met in a folder that hold no VM configuration (libvirt's networks, storage pools and
snapshots, autostart/ links to files audited under their own name, other files with these
endings) are skipped and counted on the last line.

Exit status: 0 no errors anywhere, 1 errors in some configuration (with --fail-on warning, errors
or warnings; with --fail-on never, not for findings), 2 bad usage or some input could not be read
(or parsed at all), whatever --fail-on says.`,
  run: (args, flags, io) => runAudit(args, flags as AuditFlags, io),
};
