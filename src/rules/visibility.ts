/**
 * What the guest will see: identification values alone turn nothing on, some guests need a given
 * value to detect Hyper-V at all (Linux and "Microsoft Hv"), and passthrough mode ignores the
 * features listed next to it.
 */
import type { Citation, FeatureId } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER, SRC, cite, sourceNote } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors, makeDiagnostic } from '../diagnostics/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { getValue, hidesKvmSignature, isOn, listedFeatures } from '../model/index.js';
import { osMatches } from '../model/os-table.js';
import { readByLibvirt, nameFeature, showValue } from './names.js';
import { ruleTarget } from './target.js';
import type { Rule } from './types.js';

/** True when a feature in effect turns Hyper-V identification on (a value equal to QEMU's default does not). */
/** Where passthrough's behaviour comes from: QEMU's expansion and libvirt's parser. */
const PASSTHROUGH_CITES = (mode: FeatureId): Citation => [
  ...(CATALOG[mode].sources.behaviour ?? SRC.qemuExpand),
  ...cite(['libvirtParse', 'mode=passthrough: children are not read']),
];

export function identificationOn(set: EnlightenmentSet): boolean {
  if (set.mode !== 'custom') return true;
  return PRINT_ORDER.some(
    (id) => CATALOG[id].identification && isOn(set, id) && getValue(set, id) !== CATALOG[id].default,
  );
}

function identificationRule(
  set: EnlightenmentSet,
  format: Parameters<typeof nameFeature>[1],
  spelling: string | undefined,
  origins: Partial<Record<FeatureId, { start: number; end: number }>>,
): Diagnostic[] {
  const idOnly = listedFeatures(set).filter(
    (id) => !CATALOG[id].identification && getValue(set, id) !== CATALOG[id].default && isOn(set, id),
  );
  const shown = idOnly.filter((id) => CATALOG[id].cpuidValue);
  if (shown.length === 0 || identificationOn(set)) return [];
  const names = shown.map((id) => nameFeature(id, format, spelling)).join(', ');
  const span = origins[shown[0]!];
  return [
    makeDiagnostic(
      'IDENTIFICATION_OFF',
      `${names} alone ${shown.length === 1 ? 'does' : 'do'} not turn Hyper-V identification on: the guest sees plain KVM and never reads ${shown.length === 1 ? 'the value' : 'these values'}`,
      {
        ...(span ? { span } : {}),
        feature: shown[0]!,
        notes: [
          'QEMU: the vendor and version ids "are not enlightenments" and enable Hyper-V identification only together with one',
          'turn on an enlightenment (relaxed, for one) if the guest should see them',
          sourceNote(CATALOG[shown[0]!].sources.notEnlightenment ?? SRC.qemuDocs),
        ],
        cites: CATALOG[shown[0]!].sources.notEnlightenment ?? SRC.qemuDocs,
      },
    ),
  ];
}

export const visibilityRule: Rule = {
  id: 'visibility',
  run(ctx) {
    const { config } = ctx;
    const { set, origins } = config;
    const target = ruleTarget(ctx);
    const format = target.syntax;
    const { spelling } = target;
    const out: Diagnostic[] = [];
    // With parse errors some items were dropped, so "alone" cannot be concluded.
    if (!hasErrors(config.diagnostics)) out.push(...identificationRule(set, format, target.spelling, origins));
    if (set.mode === 'custom' && identificationOn(set)) {
      for (const id of listedFeatures(set)) {
        const value = getValue(set, id)!;
        for (const e of CATALOG[id].guestExpects ?? []) {
          if (!osMatches(target.os, e.guest) || value === e.value) continue;
          const span = origins[id];
          out.push(
            makeDiagnostic(
              'GUEST_WILL_NOT_DETECT',
              `${nameFeature(id, format, spelling)} ${showValue(id, value)} hides Hyper-V from this ${target.os!.name} guest: ${e.reason}`,
              {
                feature: id,
                ...(span ? { span } : {}),
                notes: [
                  ...(hidesKvmSignature(config.set)
                    ? []
                    : [
                        "Linux on KVM uses KVM's own paravirtual features first, so this matters most when the KVM signature is hidden",
                      ]),
                  sourceNote(e.source),
                ],
                cites: e.source,
                fix: {
                  description: `remove ${nameFeature(id, format, spelling)} (the default is ${showValue(id, e.value)})`,
                  changes: [{ feature: id, value: null }],
                },
              },
            ),
          );
        }
      }
    }
    // Related settings of another family (kvm=off) are no hv-* property: passthrough leaves them alone.
    const ignored =
      set.mode === 'passthrough'
        ? listedFeatures(set).filter((id) => !CATALOG[id].setsMode && !CATALOG[id].related)
        : [];
    if (ignored.length) {
      const mode = PRINT_ORDER.find((id) => CATALOG[id].setsMode === 'passthrough')!;
      const span = origins[mode] ?? origins[ignored[0]!];
      out.push(
        makeDiagnostic(
          'PASSTHROUGH_IGNORES_FEATURES',
          `${nameFeature(mode, format, spelling)} ignores ${ignored.map((id) => nameFeature(id, format, spelling)).join(', ')}`,
          {
            feature: mode,
            ...(span ? { span } : {}),
            notes: [
              readByLibvirt(format)
                ? 'libvirt stops reading <hyperv> at mode=passthrough: its children are never looked at'
                : 'QEMU turns on every feature the host offers on top of these, so an off here changes nothing, and copies the spinlock count and vendor from KVM (its docs: passthrough "overrides all other" Hyper-V settings)',
              'choose one: passthrough (every host feature, not migratable) or the listed features',
              sourceNote(PASSTHROUGH_CITES(mode)),
            ],
            cites: PASSTHROUGH_CITES(mode),
          },
        ),
      );
    }
    return out;
  },
};
