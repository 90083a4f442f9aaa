/**
 * `fix --connect URI... [--domain GLOB] [--preset NAME]`: reads the fleet (fleet reader), plans
 * every domain's fix first, then (unless --dry-run, which prints the plan as a diff per domain)
 * writes each domain (DOMAIN_DEFINE_XML over libvirt's RPC protocol where the fleet reader uses it,
 * else `virsh define`), one domain at a time, under a journal (journal.ts) that --resume
 * continues. libvirt validates the XML it is given and persists it; a running domain keeps
 * running on its old configuration and takes the new one at its next start, which the output says.
 */
import { resolve } from 'node:path';
import { isUnreadable } from '../../diagnostics/index.js';
import { fixConfig } from '../../fix/fix-config.js';
import { applyPreset } from '../../recommend/apply-preset.js';
import { exitFor } from '../common.js';
import { unifiedDiff } from '../../util/unified-diff.js';
import type { TargetFlags } from '../host-options.js';
import { readTargetOptions } from '../host-options.js';
import type { Io } from '../io.js';
import { EXIT, UsageError } from '../io.js';
import { inputLimit } from '../max-bytes.js';
import { printable } from '../../util/printable.js';
import { noteWritten } from '../written.js';
import { domainFormat } from './audit-fleet.js';
import type { Host } from './hosts.js';
import { globMatcher, readHosts } from './hosts.js';
import { Journal, defaultJournalName, keyOf, readJournal, sha256 } from './journal.js';
import type { FleetFlags, OutputFlags } from './options.js';
import { forcedClient } from './options.js';
import { Progress } from './progress.js';
import { readFleet } from './read-fleet.js';
import { RpcDefiner, chooseClient } from './rpc-host.js';
import { defineXml } from './virsh-batch.js';

export interface FixFleetFlags extends TargetFlags, FleetFlags, OutputFlags {
  domain?: string;
  preset?: string;
  style?: string;
  dryRun?: boolean;
  journal?: string;
  resume?: string;
  json?: boolean;
}

/** The flags a journal keeps, so that --resume plans exactly as the first run did. */
const KEPT = [
  'connect',
  'hosts',
  'domain',
  'preset',
  'style',
  'os',
  'cpuVendor',
  'host',
  'hostFile',
  'apicv',
  'nestedVirt',
  'clocksource',
  'kvmHyperv',
  'migratable',
  'nestedHyperv',
  'gpuPassthrough',
  'overcommitted',
  'qemuVersion',
  'libvirtVersion',
  'machine',
  'target',
  'maxBytes',
] as const;

/** Flags a resumed run takes from its journal, and refuses on its command line. */
const FROM_JOURNAL = new Set<string>(KEPT);

/** True when `fix` works on a fleet rather than on one input or one named domain. */
export function isFleetFix(args: string[], flags: FixFleetFlags): boolean {
  const connect = Array.isArray(flags.connect) ? flags.connect : flags.connect ? [flags.connect] : [];
  return Boolean(
    flags.hosts ||
      flags.resume ||
      flags.domain ||
      flags.journal ||
      connect.length > 1 ||
      (connect.length === 1 && args.length === 0),
  );
}

interface Planned {
  host: Host;
  uuid: string;
  name: string;
  running: boolean;
  before: string;
  after: string;
  changes: number;
}

function label(p: { host: Host; name: string }): string {
  return printable(`${p.host.label}/${p.name}`);
}

/** The flags of this run, or of the journal it resumes. */
function runFlags(
  flags: FixFleetFlags,
  io: Io,
): { flags: FixFleetFlags; done: Set<string>; planned: Map<string, string> } {
  if (!flags.resume) return { flags, done: new Set(), planned: new Map() };
  const given = Object.keys(flags).filter((k) => FROM_JOURNAL.has(k));
  if (given.length)
    throw new UsageError(
      `--resume takes the hosts and options from its journal: drop ${given.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`,
      `enlighten fix --resume ${flags.resume}`,
    );
  const state = readJournal(flags.resume, io);
  const kept = Object.fromEntries(Object.entries(state.flags).filter(([k]) => FROM_JOURNAL.has(k)));
  return { flags: { ...flags, ...kept }, done: state.done, planned: state.planned };
}

export async function fixFleet(args: string[], given: FixFleetFlags, io: Io): Promise<number> {
  if (args.length)
    throw new UsageError(
      'fix across hosts takes no domain name: choose domains with --domain GLOB',
      "for example: enlighten fix --connect qemu+ssh://kvm1/system --domain 'win*' --dry-run",
    );
  if (given.resume && given.journal) throw new UsageError('give --resume JOURNAL or --journal FILE, not both');
  if (given.json)
    throw new UsageError('fix across hosts prints text: drop --json (audit --json reads a fleet as JSON)');
  if (given.resume && given.dryRun) throw new UsageError('--dry-run plans from scratch: drop --resume');
  const { flags, done, planned: plannedBefore } = runFlags(given, io);
  const hosts = readHosts(flags.connect, flags.hosts, io);
  if (!hosts.length) throw new UsageError('fix across hosts needs --connect URI or --hosts FILE');
  const forced = forcedClient(io.env);
  const options = readTargetOptions(flags, io);
  const limit = inputLimit(flags);
  const format = domainFormat();
  const progress = new Progress(io, flags, hosts.length);
  // 1. Plan every domain as its host is read; nothing is written yet. A host's XML is dropped once
  // planned: only the domains to change keep theirs.
  const perHost = await readFleet(
    hosts,
    flags,
    { securityInfo: true, limit, progress, ...(flags.domain ? { keep: globMatcher(flags.domain) } : {}) },
    io,
    (r) => {
      const out = { notes: [] as string[], plan: [] as Planned[], already: [] as Planned[], skipped: 0, unchanged: 0 };
      let exit: number = EXIT.OK;
      if (r.error) {
        out.notes.push(`${printable(r.host.label)}: ${printable(r.error)}; its other domains are left as they are`);
        exit = EXIT.USAGE;
      }
      for (const d of r.domains) {
        const where = label({ host: r.host, name: d.name });
        if (done.has(keyOf(r.host.uri, d.uuid))) {
          out.skipped += 1;
          continue;
        }
        if (d.error || !d.saved) {
          out.notes.push(`${where}: not read: ${printable(d.error ?? 'no XML')}`);
          exit = EXIT.USAGE;
          continue;
        }
        const read = format.parse(d.saved, { maxChars: limit });
        if (!read.ok) {
          out.notes.push(`${where}: not fixed: enlighten cannot read its XML (enlighten check it)`);
          exit = Math.max(exit, exitFor(read.diagnostics));
          continue;
        }
        const parsed = read.value;
        const result = fixConfig(parsed, format, options, {
          ...(flags.preset ? { preset: applyPreset(parsed, options, flags.preset) } : {}),
          ...(flags.style ? { style: flags.style } : {}),
        });
        exit = Math.max(exit, exitFor(result.remaining));
        const refusal = result.remaining.find((x) => isUnreadable(x.code));
        if (refusal) {
          out.notes.push(`${where}: not fixed: ${printable(refusal.message)}`);
          continue;
        }
        const p: Planned = {
          host: r.host,
          uuid: d.uuid,
          name: d.name,
          running: d.active,
          before: result.changed ? d.saved : '',
          after: result.changed ? result.text : '',
          changes: result.actions.length + result.preset.filter((x) => !x.kept).length,
        };
        // Planned by a run that was cut short, and its define went through: done already.
        if (!result.changed && plannedBefore.has(keyOf(r.host.uri, d.uuid))) out.already.push(p);
        else if (!result.changed) out.unchanged += 1;
        else out.plan.push(p);
      }
      return { ...out, exit };
    },
  );
  progress.clear();
  for (const h of perHost) for (const note of h.notes) io.stderr(`${note}\n`);
  let exit: number = Math.max(EXIT.OK, ...perHost.map((h) => h.exit));
  const plan = perHost.flatMap((h) => h.plan);
  const already = perHost.flatMap((h) => h.already);
  const skipped = perHost.reduce((a, h) => a + h.skipped, 0);
  const unchanged = perHost.reduce((a, h) => a + h.unchanged, 0);
  const domains = plan.length + already.length + unchanged + skipped;
  io.stderr(
    `plan: ${plan.length} of ${domains} domain${domains === 1 ? '' : 's'} on ${hosts.length} host${hosts.length === 1 ? '' : 's'} to change${skipped ? ` (${skipped} done by the journal's run)` : ''}\n`,
  );

  // 2. --dry-run: the plan as a diff per domain.
  if (flags.dryRun) {
    for (const p of plan) io.stdout(unifiedDiff(p.before, p.after, `${p.host.label}/${p.name}`));
    const running = plan.filter((p) => p.running);
    if (running.length)
      io.stderr(`${running.length} of them running: they would take the change at their next start\n`);
    return exit;
  }

  // 3. Write, one domain at a time, under the journal (none when there is nothing to write).
  if (!plan.length && !already.length && !flags.resume) return exit;
  const path = flags.resume ?? flags.journal ?? defaultJournalName();
  const journal = Journal.open(resolve(io.cwd, path), Boolean(flags.resume));
  const restart: Planned[] = [];
  let defined = 0;
  const stopAfter = Number(io.env['ENLIGHTEN_TEST_KILL_AFTER']) || 0;
  // One RPC connection per host for all its defines (the plan has each host's domains together):
  // the previous host's is closed when the next host's first define comes, the last one at the end.
  let definer: { uri: string; rpc: RpcDefiner } | undefined;
  try {
    if (!flags.resume) {
      const kept = Object.fromEntries(KEPT.filter((k) => flags[k] !== undefined).map((k) => [k, flags[k]]));
      journal.append({ journal: 'enlighten-fix', version: 1, started: new Date().toISOString(), flags: kept });
    }
    for (const p of already)
      journal.append({ done: { host: p.host.uri, uuid: p.uuid, domain: p.name, how: 'already' } });
    for (const p of plan)
      journal.append({
        planned: {
          host: p.host.uri,
          uuid: p.uuid,
          domain: p.name,
          before: sha256(p.before),
          after: sha256(p.after),
          running: p.running,
        },
      });
    io.stderr(`journal: ${path}\n`);
    // Hosts that asked for authentication the RPC client does not do: asked once, then virsh for each domain.
    const wantsVirsh = new Map<string, string>();
    for (const p of plan) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), (flags.timeout ?? 60) * 1000);
      const reason = () => `no answer within ${flags.timeout ?? 60} s (--timeout)`;
      const choice = chooseClient(p.host.uri, forced, false);
      if (definer?.uri !== p.host.uri) {
        await definer?.rpc.close();
        definer = choice.client === 'rpc' ? { uri: p.host.uri, rpc: new RpcDefiner(choice) } : undefined;
      }
      let r =
        definer && !wantsVirsh.has(p.host.uri)
          ? await definer.rpc.define(p.after, controller.signal, reason)
          : undefined;
      if (r && 'fallback' in r) {
        wantsVirsh.set(p.host.uri, r.fallback);
        r = undefined;
      }
      const fallback = wantsVirsh.get(p.host.uri);
      if (fallback !== undefined && flags.verbose && !flags.quiet)
        io.stderr(`${label(p)}: defined with virsh: ${fallback}\n`);
      r ??= await defineXml(p.host.uri, p.after, controller.signal, reason);
      clearTimeout(timer);
      const key = { host: p.host.uri, uuid: p.uuid, domain: p.name };
      if (!r.ok) {
        journal.append({ failed: { ...key, error: r.error } });
        io.stderr(`${label(p)}: libvirt refused the change, nothing written: ${printable(r.error)}\n`);
        exit = EXIT.USAGE;
        continue;
      }
      journal.append({ done: { ...key, how: 'defined' } });
      noteWritten(`${label(p)} (defined)`);
      defined += 1;
      if (p.running) restart.push(p);
      io.stderr(
        `${label(p)}: defined (${p.changes} change${p.changes === 1 ? '' : 's'})${p.running ? '; running: restart it to take the change' : ''}\n`,
      );
      if (stopAfter && defined === stopAfter) process.kill(process.pid, 'SIGKILL');
    }
  } finally {
    await definer?.rpc.close();
    journal.close();
  }
  io.stderr(
    `defined ${defined} domain${defined === 1 ? '' : 's'}${already.length ? ` (${already.length} found done already)` : ''}\n`,
  );
  if (restart.length)
    io.stderr(
      `${restart.length} running domain${restart.length === 1 ? '' : 's'} keep${restart.length === 1 ? 's' : ''} the old configuration until restarted (enlighten never restarts one): ${restart.map(label).join(', ')}\n`,
    );
  return exit;
}
