import type { Diagnostic } from '../diagnostics/index.js';
import { enabledFeatures } from '../model/index.js';
import { checkConfig, resolveGuest } from '../rules/index.js';
import { WALKED_ENDINGS, auditInputs } from './audit-inputs.js';
import type { GuestJson } from './common.js';
import { NoConfigurationError, exitFor, guestToJson, parseInputs, writeJson } from './common.js';
import { otherDocument } from '../formats/registry.js';
import type { TargetFlags } from './host-options.js';
import { readTargetOptions, targetOptions } from './host-options.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './io.js';
import { inputLimit } from './max-bytes.js';
import { jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { fileArgument } from './spec.js';
import { renderTable } from './table.js';

interface AuditFlags extends TargetFlags {
  connect?: string;
  json?: boolean;
}

interface AuditRow {
  input: string;
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

/** `.xml, .args and .json`. */
function listEndings(endings: readonly string[]): string {
  return endings.length > 1 ? `${endings.slice(0, -1).join(', ')} and ${endings.at(-1)}` : (endings[0] ?? '');
}

function countCodes(diagnostics: readonly Diagnostic[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const d of diagnostics) if (d.severity !== 'info') codes[d.code] = (codes[d.code] ?? 0) + 1;
  return codes;
}

/** `skipped 3 files: 2 a libvirt network, 1 a libvirt storage pool`, or nothing. */
function skippedLine(skipped: Record<string, number>): string[] {
  const entries = Object.entries(skipped).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!entries.length) return [];
  const n = entries.reduce((a, [, k]) => a + k, 0);
  return [
    `skipped ${n} file${n === 1 ? '' : 's'} that hold no VM configuration: ${entries.map(([why, k]) => `${k} × ${why}`).join(', ')}`,
  ];
}

function summaryLine(rows: AuditRow[], codes: Record<string, number>): string {
  const withErrors = rows.filter((r) => r.errors).length;
  const withWarnings = rows.filter((r) => !r.errors && r.warnings).length;
  const unreadable = rows.filter((r) => r.error).length;
  const top = Object.entries(codes)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([c, n]) => `${c} (${n})`);
  const clean = rows.length - withErrors - withWarnings - unreadable;
  const head = `${rows.length} configuration${rows.length === 1 ? '' : 's'}: ${withErrors} with errors, ${withWarnings} with warnings only, ${clean} clean${unreadable ? `, ${unreadable} unreadable` : ''}`;
  return top.length ? `${head}\nmost common: ${top.join(', ')}` : head;
}

/** Checks many configurations at once (files, folders, every domain of a connection) and summarises. */
export async function runAudit(paths: string[], flags: AuditFlags, io: Io): Promise<number> {
  if (!paths.length && !flags.connect)
    throw new UsageError(
      'audit needs files, folders or --connect URI',
      'for example: enlighten audit /etc/libvirt/qemu, or enlighten audit --connect qemu:///system',
    );
  const options = readTargetOptions(flags, io);
  const rows: AuditRow[] = [];
  const codes: Record<string, number> = {};
  let exit: number = EXIT.OK;
  const skipped: Record<string, number> = {};
  const skip = (why: string) => void (skipped[why] = (skipped[why] ?? 0) + 1);
  for await (const next of auditInputs(paths, flags.connect, io, inputLimit(flags))) {
    if ('skipped' in next) {
      skip(next.skipped);
      continue;
    }
    if (!('input' in next)) {
      rows.push({ input: next.name, format: '-', error: next.error, errors: 0, warnings: 0, enabled: [], codes: {} });
      exit = EXIT.USAGE;
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
      else {
        rows.push({ input: input.name, format: '-', error: e.message, errors: 0, warnings: 0, enabled: [], codes: {} });
        exit = EXIT.USAGE;
      }
      continue;
    }
    for (const { read, format, label } of configs) {
      const diagnostics = read.ok ? checkConfig(read.value, options) : read.diagnostics;
      exit = Math.max(exit, exitFor(diagnostics));
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
    }
  }
  if (flags.json) {
    const withErrors = rows.filter((r) => r.errors).length;
    const unreadable = rows.filter((r) => r.error).length;
    const summary = {
      total: rows.length,
      withErrors,
      withWarnings: rows.filter((r) => !r.errors && r.warnings).length,
      ...(unreadable ? { unreadable } : {}),
      ...(Object.keys(skipped).length ? { skipped } : {}),
      codes,
    };
    writeJson(io, { configurations: rows, summary });
    return exit;
  }
  const table = rows.map((r) =>
    r.error
      ? [r.input, '-', '-', '-', '-', '-', `unreadable: ${r.error}`]
      : [
          r.config ? `${r.input}, ${r.config}` : r.input,
          r.format,
          r.guest ? `${r.guest.id}${r.guest.source === '--os' ? '' : ` (${r.guest.source})`}` : '-',
          String(r.errors),
          String(r.warnings),
          String(r.enabled.length),
          Object.keys(r.codes).join(', ') || '-',
        ],
  );
  io.stdout(renderTable(['CONFIGURATION', 'SYNTAX', 'GUEST', 'ERRORS', 'WARNINGS', 'ON', 'FINDINGS'], table));
  io.stdout(`\n${[summaryLine(rows, codes), ...skippedLine(skipped)].join('\n')}\n`);
  if (rows.some((r) => r.guest?.source === 'libosinfo'))
    io.stdout("guest: (libosinfo) is the guest OS of the domain's libosinfo metadata, used where --os is not given\n");
  if (rows.some((r) => r.guest?.source === 'virt-install'))
    io.stdout("guest: (virt-install) is the guest OS of the command's --osinfo, used where --os is not given\n");
  if (rows.some((r) => r.errors || r.warnings))
    io.stdout('details: enlighten check CONFIGURATION; fixes: enlighten fix CONFIGURATION\n');
  return exit;
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
    jsonOption('print {"configurations": [...], "summary": {...}} as JSON'),
  ],
  examples: [
    'enlighten audit examples',
    'enlighten audit --connect qemu:///system --os win10',
    'enlighten audit --json /etc/libvirt/qemu',
  ],
  notes: `A file, folder or domain that cannot be read (missing, no permission, over --max-bytes, not UTF-8
or UTF-16) is one row with its reason; the others are still checked and the totals printed.
Files met in a folder that hold no VM configuration (libvirt's networks, storage pools and
snapshots, autostart/ links to files audited under their own name, other files with these
endings) are skipped and counted on the last line.

Exit status: 0 no errors anywhere, 1 errors in some configuration, 2 bad usage or some input
could not be read (or parsed at all).`,
  run: (args, flags, io) => runAudit(args, flags as AuditFlags, io),
};
