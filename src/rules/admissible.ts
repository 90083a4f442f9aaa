/**
 * Why a feature cannot or should not be used on this target: the host's vendor, capabilities and
 * KVM, the target QEMU, libvirt and machine versions, migration, and the output syntax. Rules turn
 * obstacles into diagnostics; recommend leaves out what has one. Everything is read from the catalog.
 */
import type { Citation, FeatureId, FeatureValue, HostCapability, HostNeed } from '../catalog/index.js';
import { CATALOG, SRC, cite } from '../catalog/index.js';
import type { DiagnosticCode, Severity } from '../diagnostics/index.js';
import { describeCapability, hostHas, kvmOffers } from '../model/host-facts.js';
import { nameFeature, programRefusals, showSetting, unwritable } from './names.js';
import type { Target } from './target.js';
import { isNewerThan } from './target-versions.js';

export type ObstacleKind =
  | 'vendor'
  | 'capability'
  | 'kvm'
  | 'qemu-version'
  | 'libvirt-version'
  | 'machine'
  | 'migration'
  | 'syntax';

export interface Obstacle {
  kind: ObstacleKind;
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  notes: string[];
  /** True when leaving the feature out is the fix. */
  removeToFix: boolean;
  /** What to do instead, when the fix is elsewhere (the host, the tsc-frequency). */
  instead?: string;
  source?: Citation;
}

const VENDOR_NAME = { intel: 'Intel', amd: 'AMD' } as const;

function affects(need: HostNeed): string {
  return need.affects === 'start'
    ? 'this stops the VM from starting'
    : 'the VM starts; the guest runs worse or gains nothing';
}

function hostObstacles(id: FeatureId, t: Target): Obstacle[] {
  const def = CATALOG[id];
  const name = nameFeature(id, t.syntax, t.spelling);
  const facts = t.host;
  const out: Obstacle[] = [];
  const from = facts?.source ? `host facts from ${facts.source}` : undefined;
  const vendors = def.host.vendors;
  if (vendors && facts?.vendor && !vendors.includes(facts.vendor)) {
    const need = def.host.why?.vendor;
    out.push({
      kind: 'vendor',
      code: 'HOST_VENDOR_UNSUPPORTED',
      severity: need?.severity ?? 'error',
      message: `${name} does not work on ${VENDOR_NAME[facts.vendor]} hosts${need ? `: ${need.reason}` : ''}`,
      notes: [...(need ? [affects(need)] : []), ...(from ? [from] : [])],
      removeToFix: need?.removeToFix ?? true,
      ...(need ? { source: need.source } : {}),
    });
  }
  for (const cap of (def.host.capabilities ?? []) as HostCapability[]) {
    if (hostHas(facts, cap) !== false) continue;
    const need = def.host.why?.[cap];
    out.push({
      kind: 'capability',
      code: 'HOST_LACKS_CAPABILITY',
      severity: need?.severity ?? 'warning',
      message: `${name} needs ${describeCapability(cap, facts)}, which this host lacks${need ? `: ${need.reason}` : ''}`,
      notes: [
        ...(need ? [affects(need)] : []),
        ...(need?.hostFix ? [`or change the host: ${need.hostFix}`] : []),
        ...(from ? [from] : []),
      ],
      removeToFix: need?.removeToFix ?? true,
      ...(need && !need.removeToFix && need.hostFix ? { instead: need.hostFix } : {}),
      ...(need ? { source: need.source } : {}),
    });
  }
  // Only the properties of QEMU's kvm_hyperv_properties table (those with a desc) are checked against KVM.
  const offered = kvmOffers(facts, id, def.qemu.desc !== null);
  if (offered === false && def.identification) {
    const none = facts?.kvmHyperv?.supported === false;
    out.push({
      kind: 'kvm',
      code: 'HOST_LACKS_FEATURE',
      severity: 'error',
      message: none
        ? `${name}: KVM on this host has no Hyper-V emulation, so no enlightenment works`
        : `${name} is not among the enlightenments KVM on this host offers`,
      notes: [...programRefusals(id, none), ...(from ? [from] : [])],
      removeToFix: true,
      source: cite('qemuExpand', 'kubevirtVpIndex'),
    });
  }
  return out;
}

/** A feature newer than the target program (QEMU, libvirt), which does not know `what` and refuses it. */
function tooNew(
  name: string,
  kind: 'qemu-version' | 'libvirt-version',
  program: string,
  since: string,
  target: string,
  what: string,
  source: Citation,
): Obstacle {
  return {
    kind,
    code: 'FEATURE_TOO_NEW',
    severity: 'error',
    message: `${name} needs ${program} ${since}; the target is ${program} ${target}`,
    notes: [`${program} ${target} does not know ${what}`],
    removeToFix: true,
    source,
  };
}

function versionObstacles(id: FeatureId, t: Target): Obstacle[] {
  const def = CATALOG[id];
  const name = nameFeature(id, t.syntax, t.spelling);
  const out: Obstacle[] = [];
  const since = def.since;
  if (isNewerThan(since.qemu, t.qemuVersion)) {
    out.push(
      tooNew(
        name,
        'qemu-version',
        'QEMU',
        since.qemu!,
        t.qemuVersion!,
        'the property and refuses to start',
        def.sources.since ?? def.sources.spelling ?? SRC.qemuProps,
      ),
    );
  } else if (isNewerThan(since.qemu, t.machineQemu)) {
    out.push({
      kind: 'machine',
      code: 'MACHINE_TOO_OLD',
      severity: 'warning',
      message: `${name} arrived in QEMU ${since.qemu}, after the machine type ${t.machine} (QEMU ${t.machineQemu})`,
      notes: [
        t.qemuVersion
          ? `QEMU ${t.qemuVersion} knows it and starts, but the guest sees a feature its pinned machine type never had`
          : `a QEMU ${t.machineQemu} does not know it and refuses to start; a newer QEMU starts, and the guest sees a feature its pinned machine type never had`,
        'Proxmox turns enlightenments on only for machine versions that have them, so pinned VMs keep their set',
      ],
      removeToFix: true,
      source: SRC.proxmoxVersionGuard,
    });
  }
  if (def.libvirt && isNewerThan(since.libvirt, t.libvirtVersion)) {
    out.push(
      tooNew(
        name,
        'libvirt-version',
        'libvirt',
        since.libvirt!,
        t.libvirtVersion!,
        'the element and refuses the domain',
        def.sources.since ?? SRC.libvirtDocs,
      ),
    );
  }
  return out;
}

function migrationObstacles(id: FeatureId, value: FeatureValue, t: Target): Obstacle[] {
  const hazard = CATALOG[id].migration;
  if (!t.migratable || !hazard) return [];
  if (hazard.when === 'value' && value !== hazard.value) return [];
  if (hazard.when === 'needs-tsc-frequency' && t.tscFrequency) return [];
  const name = nameFeature(id, t.syntax, t.spelling);
  const platform = hazard.when === 'needs-tsc-frequency' ? t.tscFrequencyByPlatform : undefined;
  if (platform)
    // The platform pins a frequency where it can and refuses to begin a migration where it cannot:
    // no migration fails on a destination, and there is nothing to remove.
    return [
      {
        kind: 'migration',
        code: 'MIGRATION_BLOCKER',
        severity: 'warning',
        message: `${name} migrates only where ${platform.where}; ${platform.otherwise}`,
        notes: [...platform.notes, ...(t.migratableBecause ? [`migratable: ${t.migratableBecause}`] : [])],
        removeToFix: false,
        source: platform.source,
      },
    ];
  const shown = hazard.when === 'value' ? showSetting(name, id, value) : name;
  const where =
    hazard.failsAt === 'source'
      ? 'QEMU adds a migration blocker, so a migration never begins'
      : 'the migration runs and fails on the destination';
  const notes = [
    `the VM starts and runs; only migrating is affected: ${where}${hazard.onlyIf ? `, once ${hazard.onlyIf}` : ''}`,
  ];
  if (hazard.when === 'needs-tsc-frequency')
    notes.push(
      'or keep it and pin tsc-frequency to the host TSC frequency, the same (or TSC scaling) on every destination',
    );
  if (t.migratableBecause) notes.push(`migratable: ${t.migratableBecause}`);
  return [
    {
      kind: 'migration',
      code: 'MIGRATION_BLOCKER',
      severity: 'error',
      message: `${shown} ${hazard.failsAt === 'source' ? 'blocks live migration' : 'can make live migration fail'}: ${hazard.reason}`,
      notes,
      removeToFix: true,
      ...(hazard.source ? { source: hazard.source } : {}),
    },
  ];
}

function syntaxObstacles(id: FeatureId, t: Target): Obstacle[] {
  const why = unwritable(id, t.syntax);
  if (!why) return [];
  return [
    {
      kind: 'syntax',
      code: 'NOT_EXPRESSIBLE',
      severity: 'warning',
      message: `${CATALOG[id].qemu.name} cannot be written in ${t.syntax}: ${why.reason}`,
      notes: [why.instead],
      removeToFix: true,
      source: why.source,
    },
  ];
}

export const OBSTACLE_KINDS = {
  host: ['vendor', 'capability', 'kvm'],
  versions: ['qemu-version', 'libvirt-version', 'machine'],
  migration: ['migration'],
  syntax: ['syntax'],
} as const satisfies Record<string, readonly ObstacleKind[]>;

export type ObstacleGroup = keyof typeof OBSTACLE_KINDS;
const GROUPS: Record<ObstacleGroup, (id: FeatureId, value: FeatureValue, t: Target) => Obstacle[]> = {
  host: (id, _value, t) => hostObstacles(id, t),
  versions: (id, _value, t) => versionObstacles(id, t),
  migration: migrationObstacles,
  syntax: (id, _value, t) => syntaxObstacles(id, t),
};
const ALL_GROUPS = Object.keys(GROUPS) as ObstacleGroup[];

/**
 * Every obstacle to using `id` with `value` on the target, or those of some groups only (each rule
 * asks for its own: working out the others for every feature was a third of `check`'s time).
 */
export function obstaclesFor(
  id: FeatureId,
  value: FeatureValue,
  t: Target,
  groups: readonly ObstacleGroup[] = ALL_GROUPS,
): Obstacle[] {
  const out: Obstacle[] = [];
  for (const g of groups) out.push(...GROUPS[g](id, value, t));
  return out;
}

/** The obstacles that make leaving the feature out the answer (recommend drops such features). */
export function blockingObstacles(id: FeatureId, value: FeatureValue, t: Target): Obstacle[] {
  return obstaclesFor(id, value, t).filter((o) => o.removeToFix);
}
