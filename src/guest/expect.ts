/**
 * `decode --expect`: the configured set against what the guest shows, each difference with its
 * likely causes. The expected view is computed the way the guest would see it (computeCpuid, then
 * decodeLeaves), so defaults, conditional bits and machine-type versions compare like for like.
 */
import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, HYPERV_IDENTITY, PRINT_ORDER } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { enabledFeatures } from '../model/index.js';
import type { CpuidOptions } from './cpuid.js';
import { computeCpuid } from './cpuid.js';
import type { GuestDecode } from './decode.js';
import { decodeLeaves } from './decode-leaves.js';
import { invisibleReason } from './visibility.js';
import { causesForMissing, causesForUnexpected, causesForValue, causesForNoHyperv } from './causes.js';

const show = (v: FeatureValue | undefined) =>
  v === undefined ? 'the default' : typeof v === 'number' ? `${v} (0x${(v >>> 0).toString(16)})` : JSON.stringify(v);

/** Differences between what the configuration asks for and what the guest has. */
export function compareWithGuest(
  expected: EnlightenmentSet,
  guest: GuestDecode,
  options: CpuidOptions = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cpu = computeCpuid(expected, options);
  if (cpu.needsHost) {
    out.push(makeDiagnostic('CPUID_NEEDS_HOST', `cannot say which features to expect: ${cpu.needsHost}`));
  }
  if (guest.evidence === 'none') return out;
  const name = (id: FeatureId) => CATALOG[id].qemu.name;
  for (const id of enabledFeatures(expected)) {
    const reason = invisibleReason(id);
    if (reason && !guest.features.includes(id))
      out.push(
        makeDiagnostic('GUEST_FEATURE_NOT_VISIBLE', `${name(id)} cannot be checked from inside the guest: ${reason}`, {
          feature: id,
        }),
      );
  }
  if (!cpu.identification || cpu.needsHost) {
    if (!cpu.needsHost && guest.identification === 'hyperv') {
      for (const id of guest.features)
        out.push(
          makeDiagnostic(
            'GUEST_FEATURE_UNEXPECTED',
            `the guest has ${name(id)}, which the configuration does not turn on`,
            { feature: id, notes: causesForUnexpected() },
          ),
        );
    }
    return out;
  }
  if (guest.identification === 'unknown') {
    for (const { feature, reason } of guest.unknown.filter((u) => enabledFeatures(expected).includes(u.feature))) {
      out.push(
        makeDiagnostic(
          'GUEST_FEATURE_NOT_VISIBLE',
          `${name(feature)} cannot be checked from this evidence: ${reason}`,
          { feature },
        ),
      );
    }
    return out;
  }
  if (guest.identification !== 'hyperv') {
    const wanted = enabledFeatures(expected).filter((id) => invisibleReason(id) === null);
    out.push(
      makeDiagnostic(
        'GUEST_NO_HYPERV',
        `the configuration turns on ${wanted.map(name).join(', ')}, but the guest has no Hyper-V leaves (${guest.summary})`,
        { notes: causesForNoHyperv() },
      ),
    );
    return out;
  }
  const want = decodeLeaves(cpu.leaves);
  const unknown = new Set(guest.unknown.map((u) => u.feature));
  for (const id of PRINT_ORDER) {
    if (CATALOG[id].setsMode) continue;
    const exp = want.set.features[id];
    const act = guest.set.features[id];
    if (exp === act) continue;
    if (unknown.has(id)) {
      if (exp !== undefined)
        out.push(
          makeDiagnostic(
            'GUEST_FEATURE_NOT_VISIBLE',
            `${name(id)} cannot be checked from this evidence: ${guest.unknown.find((u) => u.feature === id)!.reason}`,
            { feature: id },
          ),
        );
      continue;
    }
    const onOff = CATALOG[id].kind === 'bool' || CATALOG[id].kind === 'on-off-auto';
    if (onOff && act === undefined) {
      out.push(
        makeDiagnostic('GUEST_FEATURE_MISSING', `${name(id)} is configured but the guest does not have it`, {
          feature: id,
          notes: causesForMissing(id),
        }),
      );
    } else if (onOff && exp === undefined) {
      out.push(
        makeDiagnostic(
          'GUEST_FEATURE_UNEXPECTED',
          `the guest has ${name(id)}, which the configuration does not turn on`,
          { feature: id, notes: causesForUnexpected() },
        ),
      );
    } else {
      const notes = causesForValue(id);
      if (CATALOG[id].cpuidValue?.encoding === 'string12' && act !== HYPERV_IDENTITY.vendor)
        notes.push(`with a vendor other than "${HYPERV_IDENTITY.vendor}" Linux guests do not use any Hyper-V feature`);
      out.push(
        makeDiagnostic('GUEST_VALUE_DIFFERS', `${name(id)}: configured ${show(exp)}, the guest sees ${show(act)}`, {
          feature: id,
          notes,
        }),
      );
    }
  }
  return out;
}
