/**
 * Which enlightenments a guest actually has, from what it reports (parseEvidence): registers when
 * there are any, otherwise the Linux boot log. Says what is on, what is ambiguous, and what this
 * evidence cannot show.
 */
import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, HYPERV_IDENTITY, PRINT_ORDER } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { emptySet, listedFeatures } from '../model/index.js';
import type { Ambiguity, BitRef, Inconsistency } from './decode-leaves.js';
import { decodeLeaves } from './decode-leaves.js';
import type { Leaves } from './leaves.js';
import { hex32, regsToString, stringToRegs } from './leaves.js';
import { FEATURE_LINES } from './linux-formats.js';
import { findKvmBase, looksLikeHyperv } from './linux-log.js';
import type { Evidence } from './parse-evidence.js';
import { parseEvidence } from './parse-evidence.js';
import { describeClock } from './clock.js';
import { invisibleFeatures } from './visibility.js';
import { crossCheck, unknownReason } from './decode-notes.js';

export type Identification = 'hyperv' | 'none' | 'other' | 'unknown';

export interface GuestDecode {
  /** What the features were read from. */
  evidence: 'cpuid' | 'boot-log' | 'none';
  source: string;
  identification: Identification;
  /** The vendor string at 0x40000000, when known. */
  vendor: string | null;
  kvmBase: number | null;
  /** What Linux's own detection said, from its boot log. */
  linuxDetected: string | null;
  summary: string;
  set: EnlightenmentSet;
  /** On/off enlightenments that are on. */
  features: FeatureId[];
  /** Values that differ from QEMU's defaults (spinlocks, vendor id, version). */
  values: Partial<Record<FeatureId, FeatureValue>>;
  ambiguous: Ambiguity[];
  /** Features this evidence cannot show (a log line without that register). */
  unknown: { feature: FeatureId; reason: string }[];
  /** Features no evidence from inside can show. */
  invisible: { feature: FeatureId; reason: string }[];
  inconsistent: Inconsistency[];
  unexplained: BitRef[];
  clock: { current?: string; available?: string[]; note: string | null };
  meta: Record<string, string>;
  diagnostics: Diagnostic[];
}

/** Decodes guest text: a boot log, a CPUID dump or a guest-script report. Never throws. */
export function decodeGuest(text: string): GuestDecode {
  return decodeEvidence(parseEvidence(text));
}

export function decodeEvidence(ev: Evidence): GuestDecode {
  const diagnostics = [...ev.diagnostics];
  const invisible = invisibleFeatures();
  const clock = { ...ev.clocksource, note: describeClock(ev) };
  const linuxDetected = ev.log?.detected ?? null;
  const base = { linuxDetected, invisible, clock, meta: ev.meta, ambiguous: [], inconsistent: [], unexplained: [] };
  if (!ev.dump && !ev.log) {
    diagnostics.push(
      makeDiagnostic(
        'GUEST_NO_EVIDENCE',
        'found no CPUID leaves and no Hyper-V or hypervisor line of a Linux boot log',
        {
          notes: [
            "give the output of `enlighten guest-script linux` (or windows) run in the guest, `cpuid -r`, or the guest's dmesg",
          ],
        },
      ),
    );
    return {
      ...base,
      evidence: 'none',
      source: 'nothing recognised',
      identification: 'unknown',
      vendor: null,
      kvmBase: null,
      summary: 'no guest evidence found',
      set: emptySet(),
      features: [],
      values: {},
      unknown: [],
      diagnostics,
    };
  }
  const fromDump = ev.dump !== null;
  const leaves = fromDump ? ev.dump!.leaves : logLeaves(ev);
  if (fromDump && ev.log) diagnostics.push(...crossCheck(ev.dump!.leaves, ev.log.leaves));
  const kvmBase = findKvmBase(leaves);
  const identification = identify(leaves, fromDump, ev);
  const l0 = leaves.get(0x40000000);
  const vendor =
    l0?.ebx !== undefined && l0.ecx !== undefined && l0.edx !== undefined
      ? regsToString([l0.ebx, l0.ecx, l0.edx])
      : null;
  const source = fromDump
    ? ev.dump!.source
    : `Linux boot log${ev.log!.era ? ` (${FEATURE_LINES.find((f) => f.era === ev.log!.era)!.label} format)` : ''}`;
  const summary = summarize(identification, vendor, kvmBase, ev);
  /** What every result starts with: where the evidence came from and what it identifies. */
  const head = {
    ...base,
    evidence: fromDump ? ('cpuid' as const) : ('boot-log' as const),
    source,
    identification,
    vendor,
    kvmBase,
    summary,
  };
  if (identification !== 'hyperv') {
    const unknown =
      identification === 'unknown'
        ? PRINT_ORDER.filter((id) => !invisible.some((x) => x.feature === id)).map((feature) => ({
            feature,
            reason: unknownReason(ev),
          }))
        : [];
    return {
      ...head,
      set: emptySet(),
      features: [],
      values: {},
      unknown,
      diagnostics,
    };
  }
  const d = decodeLeaves(leaves);
  if (d.unexplained.length) {
    diagnostics.push(
      makeDiagnostic(
        'GUEST_UNEXPLAINED_BITS',
        `bits no QEMU property sets: ${d.unexplained.map((b) => `${hex32(b.leaf)}.${b.reg.toUpperCase()} ${hex32(b.mask)}`).join(', ')}`,
        {
          notes: ['these leaves were not built by QEMU/KVM alone (real Hyper-V, or another hypervisor in between)'],
        },
      ),
    );
  }
  for (const x of d.inconsistent)
    diagnostics.push(makeDiagnostic('GUEST_INCONSISTENT_BITS', x.message, { feature: x.feature }));
  if (d.missingAlways.length) {
    diagnostics.push(
      makeDiagnostic(
        'GUEST_INCONSISTENT_BITS',
        `bits QEMU always sets are clear: ${d.missingAlways.map((b) => `${hex32(b.leaf)}.${b.reg.toUpperCase()} ${hex32(b.mask)}`).join(', ')}`,
      ),
    );
  }
  const features = listedFeatures(d.set).filter(
    (id) => CATALOG[id].kind === 'bool' || CATALOG[id].kind === 'on-off-auto',
  );
  const values = Object.fromEntries(
    listedFeatures(d.set)
      .filter((id) => !features.includes(id))
      .map((id) => [id, d.set.features[id]!]),
  );
  const unknown = d.unknown.map((feature) => ({ feature, reason: unknownReason(ev, feature) }));
  return {
    ...head,
    set: d.set,
    features,
    values,
    unknown,
    ambiguous: d.ambiguous,
    inconsistent: d.inconsistent,
    unexplained: d.unexplained,
    diagnostics,
  };
}

/** The registers a boot log shows, plus what its mere presence proves. */
function logLeaves(ev: Evidence): Leaves {
  const log = ev.log!;
  const leaves: Leaves = new Map([...log.leaves].map(([k, v]) => [k, { ...v }]));
  const ranHyperv = log.era !== null || log.detected === 'Microsoft Hyper-V' || log.notAvailable.length > 0;
  if (ranHyperv) {
    // Linux only takes the leaves as Hyper-V with this exact vendor string.
    const [ebx, ecx, edx] = stringToRegs(HYPERV_IDENTITY.vendor);
    leaves.set(0x40000000, { ...leaves.get(0x40000000), ebx, ecx, edx });
  }
  // 6.x prints "Nested features" whenever the maximum leaf reaches 0x4000000A: no line, no nested leaf.
  if ((log.era === '6.x' || log.era === '2025') && !leaves.has(0x4000000a)) leaves.set(0x4000000a, { eax: 0 });
  return leaves;
}

function identify(leaves: Leaves, fromDump: boolean, ev: Evidence): Identification {
  if (!fromDump) return ev.log!.era !== null || ev.log!.notAvailable.length ? 'hyperv' : 'unknown';
  const l0 = leaves.get(0x40000000);
  const l1 = leaves.get(0x40000001);
  if (looksLikeHyperv(leaves)) return 'hyperv';
  if (l0?.eax !== undefined && l0.eax >= HYPERV_IDENTITY.baseMaxLeaf && l1?.eax === HYPERV_IDENTITY.interfaceId)
    return 'hyperv';
  if (!l0 || findKvmBase(leaves) === 0x40000000) return 'none';
  return 'other';
}

function summarize(id: Identification, vendor: string | null, kvmBase: number | null, ev: Evidence): string {
  const kvm = kvmBase === null ? 'no KVM signature' : `KVM's leaves at ${hex32(kvmBase)}`;
  switch (id) {
    case 'hyperv':
      return vendor !== null && vendor !== HYPERV_IDENTITY.vendor
        ? `Hyper-V leaves with vendor "${vendor}" (Linux ignores them: it wants "${HYPERV_IDENTITY.vendor}"); ${kvm}`
        : `Hyper-V identification on${vendor ? ` (vendor "${vendor}")` : ''}; ${ev.dump ? kvm : 'Linux used it'}`;
    case 'none':
      return kvmBase === 0x40000000 ? 'KVM, no Hyper-V identification' : 'no hypervisor leaves';
    case 'other':
      return `another hypervisor (vendor "${vendor ?? '?'}")`;
    case 'unknown':
      return ev.log?.detected
        ? `Linux picked ${ev.log.detected}; its log cannot tell whether Hyper-V leaves are there too`
        : 'the log shows no hypervisor detection line';
  }
}
