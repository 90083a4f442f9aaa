/**
 * `audit --connect URI...`: every domain of every host, as rows labelled host/domain. A domain's
 * saved (inactive) configuration is checked, as that is what its next start runs; a running
 * domain whose live enlightenments differ from the saved ones gets RESTART_NEEDED. A host that
 * cannot be read, or is lost halfway, is a row with the reason.
 */
import type { Diagnostic } from '../../diagnostics/index.js';
import { isUnreadable, makeDiagnostic } from '../../diagnostics/index.js';
import { getFormat } from '../../formats/registry.js';
import type { FormatEntry } from '../../formats/types.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { diffSets, enabledFeatures, showValue } from '../../model/index.js';
import type { CheckOptions } from '../../rules/index.js';
import { checkConfig, resolveGuest } from '../../rules/index.js';
import type { AuditDetail, AuditRow } from '../audit-report.js';
import { guestToJson } from '../common.js';
import type { Io } from '../io.js';
import { UsageError } from '../io.js';
import type { Host } from './hosts.js';
import { readHosts } from './hosts.js';
import type { FleetFlags, OutputFlags } from './options.js';
import { Progress } from './progress.js';
import type { DomainXml } from './virsh-batch.js';
import { readFleet } from './read-fleet.js';

/** The domain syntax libvirt hosts give (`virsh dumpxml`): the format that libvirt itself reads. */
export function domainFormat(): FormatEntry {
  const format = getFormat('libvirt');
  if (!format) throw new UsageError('reading libvirt hosts needs the libvirt syntax, which this build does not have');
  return format;
}

function countCodes(diagnostics: readonly Diagnostic[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const d of diagnostics) if (d.severity !== 'info') codes[d.code] = (codes[d.code] ?? 0) + 1;
  return codes;
}

function hostRow(host: Host, error: string): AuditRow {
  return { input: host.label, host: host.uri, format: '-', error, errors: 0, warnings: 0, enabled: [], codes: {} };
}

/** The enlightenments a restart would change: `relaxed (running: on, saved: off)`. */
export function restartNote(
  format: FormatEntry,
  d: DomainXml,
  saved: EnlightenmentSet,
  limit: number,
): string | undefined {
  if (!d.active || !d.live || d.live === d.saved) return undefined;
  const live = format.parse(d.live, { maxChars: limit });
  if (!live.ok) return undefined;
  const diff = diffSets(live.value.set, saved);
  const show = (c: (typeof diff.changes)[number], v: (typeof c)['from']) =>
    v === undefined ? 'unset' : showValue(c.feature, v);
  const parts = diff.changes.map((c) => `${c.feature} (running: ${show(c, c.from)}, saved: ${show(c, c.to)})`);
  if (diff.mode) parts.unshift(`mode (running: ${diff.mode.from}, saved: ${diff.mode.to})`);
  return parts.length ? `restart needed for ${parts.join(', ')}` : undefined;
}

function domainRow(
  format: FormatEntry,
  host: Host,
  d: DomainXml,
  options: CheckOptions,
  limit: number,
): { row: AuditRow; unreadable: boolean; detail?: AuditDetail } {
  const base = { input: `${host.label}/${d.name}`, host: host.uri, domain: d.name };
  if (d.error || !d.saved)
    return {
      row: { ...base, format: '-', error: d.error ?? 'no XML', errors: 0, warnings: 0, enabled: [], codes: {} },
      unreadable: true,
    };
  const read = format.parse(d.saved, { maxChars: limit });
  const diagnostics = read.ok ? checkConfig(read.value, options) : [...read.diagnostics];
  const restart = read.ok ? restartNote(format, d, read.value.set, limit) : undefined;
  if (restart)
    diagnostics.push(
      makeDiagnostic('RESTART_NEEDED', restart, {
        notes: [
          'the saved configuration takes effect when the domain is next started (virsh shutdown, then virsh start); enlighten never restarts a domain',
        ],
      }),
    );
  const row: AuditRow = {
    ...base,
    format: format.id,
    ...guestToJson(resolveGuest(options, read.ok ? read.value.context : {})),
    errors: diagnostics.filter((x) => x.severity === 'error').length,
    warnings: diagnostics.filter((x) => x.severity === 'warning').length,
    enabled: read.ok ? [...enabledFeatures(read.value.set)] : [],
    codes: countCodes(diagnostics),
    ...(d.active ? { running: true } : {}),
    ...(restart ? { restart } : {}),
  };
  return {
    row,
    unreadable: diagnostics.some((x) => isUnreadable(x.code)),
    detail: { row, source: d.saved, file: false, diagnostics: diagnostics.map((diagnostic) => ({ diagnostic })) },
  };
}

/** Audits the fleet of --connect and --hosts: its rows (host rows for hosts that failed), SARIF details when asked. */
export async function auditFleet(
  flags: FleetFlags & OutputFlags,
  options: CheckOptions,
  limit: number,
  io: Io,
  details = false,
): Promise<{ rows: AuditRow[]; details: AuditDetail[]; unreadable: boolean }> {
  const hosts = readHosts(flags.connect, flags.hosts, io);
  if (!hosts.length) return { rows: [], details: [], unreadable: false };
  const format = domainFormat();
  const progress = new Progress(io, flags, hosts.length);
  const perHost = await readFleet(hosts, flags, { limit, progress }, io, (r) => {
    const out = { rows: [] as AuditRow[], details: [] as AuditDetail[], unreadable: false };
    for (const d of r.domains) {
      const one = domainRow(format, r.host, d, options, limit);
      out.rows.push(one.row);
      if (details && one.detail) out.details.push(one.detail);
      if (one.unreadable) out.unreadable = true;
    }
    if (r.error) {
      out.rows.push(hostRow(r.host, r.domains.length ? r.error : `cannot read the host: ${r.error}`));
      out.unreadable = true;
    }
    return out;
  });
  progress.clear();
  return {
    rows: perHost.flatMap((h) => h.rows),
    details: perHost.flatMap((h) => h.details),
    unreadable: perHost.some((h) => h.unreadable),
  };
}
