import type { FeatureId } from '../catalog/index.js';
import { CATALOG } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { Leaves } from './leaves.js';
import { REGISTERS, hex32 } from './leaves.js';
import { FEATURE_LINES } from './linux-formats.js';
import type { Evidence } from './parse-evidence.js';

/** The registers a feature is read from, as `0x40000003.EDX`. */
function registersOf(id: FeatureId): string[] {
  const d = CATALOG[id];
  const regs = d.cpuid
    .filter((b) => b.unlessFeature === undefined)
    .map((b) => `${hex32(b.leaf)}.${b.reg.toUpperCase()}`);
  if (d.cpuidValue) regs.push(`${hex32(d.cpuidValue.leaf)}.${d.cpuidValue.reg.toUpperCase()}`);
  return [...new Set(regs)];
}

/** Why this evidence cannot show the feature (or, without a feature, any Hyper-V feature). */
export function unknownReason(ev: Evidence, id?: FeatureId): string {
  const log = ev.log;
  if (!id) {
    if (log?.detected === 'KVM') {
      return "Linux picked KVM, so it printed no Hyper-V line: either there are no Hyper-V leaves, or KVM's signature at 0x40000100 outranked them; read the leaves with the guest script or `cpuid -r`";
    }
    return 'the log has no Hyper-V line; read the leaves with the guest script or `cpuid -r`';
  }
  const label = log?.era ? FEATURE_LINES.find((f) => f.era === log.era)!.label : 'this';
  return `no line of a ${label} boot log shows ${registersOf(id).join(' or ')}`;
}

/** Registers the log and the dump both show must agree. */
export function crossCheck(dump: Leaves, log: Leaves): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [leaf, regs] of log) {
    for (const r of REGISTERS) {
      const a = regs[r];
      const b = dump.get(leaf)?.[r];
      if (a !== undefined && b !== undefined && a !== b) {
        out.push(
          makeDiagnostic(
            'GUEST_EVIDENCE_CONFLICT',
            `the boot log shows ${hex32(a)} for ${hex32(leaf)}.${r.toUpperCase()} but the CPUID dump ${hex32(b)}; the dump is used`,
            {
              notes: ['the log may be from an earlier boot with another configuration'],
            },
          ),
        );
      }
    }
  }
  return out;
}
