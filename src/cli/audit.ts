import { WALKED_ENDINGS, findConfigFiles } from './audit-inputs.js';
import type { AuditContext, Outcome } from './audit-one.js';
import { auditFound, auditInput } from './audit-one.js';
import { auditFleet } from './fleet/audit-fleet.js';
import type { FleetFlags, OutputFlags } from './fleet/options.js';
import { OUTPUT_OPTIONS, fleetOptions } from './fleet/options.js';
import type { AuditReport, AuditRow } from './audit-report.js';
import { seeRow } from './audit-report.js';
import { RowSpool } from './row-spool.js';
import {
  AUDIT_FORMATS,
  FAIL_ON,
  auditExit,
  checkAuditFormat,
  checkFailOn,
  writeJsonReport,
  writeMarkdownReport,
  sarifReport,
  writeTableReport,
} from './audit-report.js';
import { auditOutcomes, auditThreads } from './audit-workers.js';
import { writeJson } from './common.js';
import { VERSION } from './version.js';
import type { TargetFlags } from './host-options.js';
import { readTargetOptions, targetOptions } from './host-options.js';
import { parseOptionsFrom } from './parse-options.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { readInput } from './input.js';
import { inputLimit } from './max-bytes.js';
import { jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { fileArgument } from './spec.js';

interface AuditFlags extends TargetFlags, FleetFlags, OutputFlags {
  json?: boolean;
  format?: string;
  failOn?: string;
}

/** `.xml, .args and .json`. */
function listEndings(endings: readonly string[]): string {
  return endings.length > 1 ? `${endings.slice(0, -1).join(', ')} and ${endings.at(-1)}` : (endings[0] ?? '');
}

/** Checks many configurations at once (files, folders, every domain of a connection) and summarises. */
export async function runAudit(paths: string[], flags: AuditFlags, io: Io): Promise<number> {
  if (!paths.length && !flags.connect && !flags.hosts)
    throw new UsageError(
      'audit needs files, folders or --connect URI',
      'for example: enlighten audit /etc/libvirt/qemu, or enlighten audit --connect qemu:///system',
    );
  const options = readTargetOptions(flags, io);
  const parsing = parseOptionsFrom(flags, io);
  const output = checkAuditFormat(flags.format, flags.json);
  const failOn = checkFailOn(flags.failOn);
  // The rows wait on disk past a few thousand (row-spool.ts): memory stays flat however many there are.
  const rows = new RowSpool<AuditRow>();
  try {
    const report: AuditReport = { rows, details: [], codes: {}, skipped: {} };
    const { codes, skipped } = report;
    let unreadable = false;
    const take = (o: Outcome) => {
      if ('skipped' in o) {
        skipped[o.skipped] = (skipped[o.skipped] ?? 0) + 1;
        return;
      }
      for (const row of o.rows) {
        rows.push(row);
        seeRow(report, row, output === 'table');
        for (const [c, n] of Object.entries(row.codes)) codes[c] = (codes[c] ?? 0) + n;
      }
      report.details.push(...o.details);
      if (o.unreadable) unreadable = true;
    };
    const ctx: AuditContext = {
      options,
      limit: inputLimit(flags),
      details: output === 'sarif',
      cwd: io.cwd,
      parsing,
    };
    // stdin (`kubectl get vm,vmi -A -o yaml | enlighten audit -`) first, read as `check -` reads it; then the files and folders.
    if (paths.includes('-')) {
      try {
        take(auditInput(await readInput('-', io, ctx.limit), false, ctx));
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        take(auditFound({ name: '-', error: e.message }, ctx));
      }
    }
    const files = paths.filter((p) => p !== '-');
    for await (const o of auditOutcomes(findConfigFiles(files, io), ctx, auditThreads(io.env))) take(o);
    take(await auditFleet(flags, options, inputLimit(flags), io, output === 'sarif'));
    const write = (text: string) => io.stdout(text);
    if (output === 'json') writeJsonReport(report, write);
    else if (output === 'sarif') writeJson(io, sarifReport(report, { version: VERSION }));
    else if (output === 'markdown') writeMarkdownReport(report, write);
    else writeTableReport(report, write);
    return auditExit(report, failOn, unreadable);
  } finally {
    rows.close();
  }
}

export const auditCommand: CommandSpec = {
  name: 'audit',
  summary: 'check many configurations at once (files, folders, every domain of a libvirt connection) and summarise',
  arguments: [
    fileArgument('paths', `files, folders (searched for ${listEndings(WALKED_ENDINGS)} files) or - for stdin`, {
      required: false,
      many: true,
    }),
  ],
  options: [
    ...targetOptions(),
    ...fleetOptions('also audit every domain of this libvirt host (repeat it for a fleet): qemu+ssh://kvm1/system'),
    ...OUTPUT_OPTIONS,
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
    'enlighten audit --hosts fleet.txt --jobs 8 --timeout 30',
    'enlighten audit --json /etc/libvirt/qemu',
    'enlighten audit --format sarif --fail-on warning vms/ > enlighten.sarif',
    'enlighten audit - < fleet.yaml',
  ],
  notes: `A file, folder or domain that cannot be read (missing, no permission, over --max-bytes, not UTF-8
or UTF-16) is one row with its reason; the others are still checked and the totals printed.
Files met in a folder that hold no VM configuration (libvirt's networks, storage pools and
snapshots, autostart/ links to files audited under their own name, other files with these
endings) are skipped and counted on the last line.

Hosts (--connect, --hosts) are read at once, --jobs at a time, each with one virsh listing and
a few batched virsh processes (never one per domain); rows are host/domain. The saved (inactive)
XML is checked; a running domain whose live enlightenments differ gets RESTART_NEEDED. A host
that cannot be reached, is over --timeout or drops halfway is a row with the reason. On a
terminal, stderr shows a progress line (-q hides it, -v adds a line per host, NO_COLOR and
--color set its colour).

Exit status: 0 no errors anywhere, 1 errors in some configuration (with --fail-on warning, errors
or warnings; with --fail-on never, not for findings), 2 bad usage or some input or host could
not be read (or parsed at all), whatever --fail-on says.`,
  run: (args, flags, io) => runAudit(args, flags as AuditFlags, io),
};
