import type { FeatureId } from '../../catalog/index.js';
import { cite, sourceNote } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import { PLACES } from './fields.js';
import type { KvRead, KvState } from './read.js';

/**
 * KubeVirt's Hyper-V defaults and admission rules, modelled from its code at d923fdb8:
 *
 * - the mutating webhook: pkg/defaults/hyperv.go SetHypervFeatureDependencies(), called by
 *   pkg/defaults/defaults.go SetDefaultVirtualMachineInstance() (L65-71) for every VMI, a VM's
 *   included when it starts (pkg/virt-api/webhooks/mutating-webhook/mutators/vmi-mutator.go L57).
 *   Before it, on L70, the generated v1.SetObjectDefaults_VirtualMachineInstance()
 *   (staging/src/kubevirt.io/api/core/v1/zz_generated.defaults.go L193) runs
 *   SetDefaults_FeatureState() (api/core/v1/defaults.go) on every Hyper-V field that is there: a
 *   field without `enabled` (`synic: {}`) is `enabled: true` by the time the dependencies are set,
 *   and SetDefaults_FeatureSpinlocks() sets `spinlocks: 4096` where spinlocks is on and has none;
 * - the validating webhook: pkg/virt-api/webhooks/hyperv.go ValidateVirtualMachineInstanceHyperv(),
 *   called only by the VMI create admitter (vmi-create-admitter.go L129), so a VirtualMachine is
 *   accepted and its VMI refused when it starts;
 * - a preference's features: pkg/instancetype/preference/apply/features.go
 *   applyHyperVFeaturePreferences(), clock.go applyClockPreferences(), cpu.go.
 */
const DEFAULTS = cite('kubevirtDefaults');
const EVMCS_DEFAULT = cite(['kubevirtDefaults', 'setEVMCSDependency()']);
const SPINLOCKS_DEFAULT = cite('kubevirtApiDefaults');
/** SetDefaults_FeatureSpinlocks(): the retry count of spinlocks that is on and states none. */
const SPINLOCKS_RETRIES = 4096;
const ADMISSION = cite(['kubevirtAdmission', 'ValidateVirtualMachineInstanceHypervFeatureDependencies()']);
const ADMISSION_MODE = cite(['kubevirtAdmission', 'ValidateVirtualMachineInstanceHypervMode()']);
const ADMISSION_EVMCS = cite([
  'kubevirtAdmission',
  'the evmcs check of ValidateVirtualMachineInstanceHypervFeatureDependencies()',
]);
const PREFERENCE = cite('kubevirtPreferenceApply', ['kubevirtPreferenceApply', 'clock.go applyClockPreferences()']);

/** getHypervFeatureDependencies(): "keep in REVERSE order: leaves first". */
const DEPENDENCIES: [FeatureId, FeatureId][] = [
  ['evmcs', 'vapic'],
  ['ipi', 'vpindex'],
  ['tlbflush', 'vpindex'],
  ['stimer', 'synic'],
  ['synic', 'vpindex'],
];

/**
 * isFeatureStateEnabled() on the object after SetObjectDefaults_VirtualMachineInstance(): a field
 * that is there is enabled unless it says `enabled: false` (`{}` is `enabled: true` by then).
 */
const isEnabled = (s: KvState | undefined) => s !== undefined && s.enabled !== false;
/** isFeatureStateMissing() after the same defaults: only a field that is not there at all. */
const isMissing = (s: KvState | undefined) => s === undefined;

function hypervPath(read: KvRead, key: string): string {
  return [...read.layout.base, ...read.layout.hyperv, key].join('.');
}

/**
 * Where the mutating webhook writes: the object's own field, or for a preference checked on its
 * own, the field of the VMI of a VM that takes its Hyper-V fields from it.
 */
function writtenAt(read: KvRead, key: string): string {
  return read.layout.admitted ? hypervPath(read, key) : `spec.domain.features.hyperv.${key}`;
}

/** Who does it, in the notes: for a preference, on the VMI of a VM that uses it. */
function webhook(read: KvRead): string {
  return read.layout.admitted
    ? "KubeVirt's mutating webhook"
    : "On the VMI of a VM that takes its Hyper-V fields from this preference, KubeVirt's mutating webhook";
}

function keyOf(id: FeatureId): string {
  return PLACES[id]!.keys[0]!;
}

/** The evmcs check of the webhooks: present and `enabled` not false. */
function evmcsAsksVmx(read: KvRead): boolean {
  const e = read.features.evmcs;
  return read.hasHyperv && e !== undefined && e.enabled !== false;
}

/**
 * Applies the mutating webhook's Hyper-V defaults to what was read, in place, and returns the
 * notes saying what it added. Partial changes stay when it stops at a conflict, as in KubeVirt;
 * vmx is then not added (the function returns before setEVMCSDependency()). A preference checked
 * on its own stands for the VM that states no Hyper-V field and takes them all from it: its fields
 * reach that VM's VMI (apply/features.go), where the same defaults run on them.
 */
export function applyDefaults(read: KvRead): Diagnostic[] {
  if (!read.hasHyperv) return [];
  const notes: Diagnostic[] = [];
  const f = read.features;
  const spinlocks = f.spinlocks;
  if (spinlocks && isEnabled(spinlocks) && spinlocks.value === undefined) {
    spinlocks.value = SPINLOCKS_RETRIES;
    const at = `${writtenAt(read, keyOf('spinlocks'))}.spinlocks`;
    notes.push(
      makeDiagnostic(
        'ADDED_BY_DEFAULT',
        `${webhook(read)} sets ${at} = ${SPINLOCKS_RETRIES}: spinlocks is on without a retry count`,
        {
          feature: 'spinlocks',
          span: spinlocks.span,
          notes: [sourceNote(SPINLOCKS_DEFAULT)],
          cites: SPINLOCKS_DEFAULT,
        },
      ),
    );
  }
  for (const [id, needs] of DEPENDENCIES) {
    if (!isEnabled(f[id])) continue;
    if (isMissing(f[needs])) {
      const reason = `${webhook(read)} turns ${keyOf(needs)} on because ${keyOf(id)} is enabled`;
      f[needs] = {
        ...(f[needs] ?? { span: f[id]!.span, path: hypervPath(read, keyOf(needs)) }),
        on: true,
        enabled: true,
        added: reason,
      };
      notes.push(
        makeDiagnostic('ADDED_BY_DEFAULT', `${reason}: ${writtenAt(read, keyOf(needs))}.enabled = true`, {
          feature: needs,
          span: f[id]!.span,
          notes: [sourceNote(DEFAULTS)],
          cites: DEFAULTS,
        }),
      );
      continue;
    }
    if (isEnabled(f[needs])) continue;
    return notes; // a conflict: KubeVirt logs it and leaves the refusal to the validating webhook
  }
  if (evmcsAsksVmx(read)) {
    const vmx = read.cpuFeatures.find((c) => c.name === 'vmx');
    const why = `${webhook(read)} requires the vmx CPU feature because evmcs is set`;
    const span = f.evmcs!.span;
    if (!vmx) {
      read.cpuFeatures.push({ name: 'vmx', policy: 'require', span, added: why });
      notes.push(
        makeDiagnostic('ADDED_BY_DEFAULT', `${why}: adds {name: vmx, policy: require} to ${cpuFeaturesPath(read)}`, {
          span,
          notes: [sourceNote(EVMCS_DEFAULT)],
          cites: EVMCS_DEFAULT,
        }),
      );
    } else if ((vmx.policy ?? '') !== 'require') {
      notes.push(
        makeDiagnostic('ADDED_BY_DEFAULT', `${why}: changes the vmx policy '${vmx.policy ?? ''}' to 'require'`, {
          span: vmx.span,
          notes: [sourceNote(EVMCS_DEFAULT)],
          cites: EVMCS_DEFAULT,
        }),
      );
      vmx.policy = 'require';
      vmx.added = why;
    }
  }
  return notes;
}

function cpuFeaturesPath(read: KvRead): string {
  return read.layout.admitted
    ? [...read.layout.base, ...read.layout.cpuFeatures].join('.')
    : 'spec.domain.cpu.features';
}

/** How KubeVirt's admission (the VMI create admitter) refuses the object after its defaults, in its words. */
export function admissionErrors(read: KvRead, kind: string): Diagnostic[] {
  if (!read.layout.admitted) return [];
  const out: Diagnostic[] = [];
  const when =
    kind === 'VirtualMachine'
      ? 'KubeVirt accepts the VirtualMachine but refuses its VirtualMachineInstance when it starts'
      : 'KubeVirt refuses the VirtualMachineInstance at admission';
  // vmi-create-admitter.go passes spec.domain.features.hyperv as the base path, and hyperv.go adds
  // domain.features.hyperv to it again: the field KubeVirt names is doubled. Quoted as it prints it.
  const quoted = (id: FeatureId) => `spec.domain.features.hyperv.domain.features.hyperv.${keyOf(id)}`;
  const f = read.features;
  if (read.hasHyperv) {
    for (const [id, needs] of DEPENDENCIES) {
      if (!isEnabled(f[id]) || isEnabled(f[needs])) continue;
      out.push(
        makeDiagnostic(
          'ADMISSION_REFUSED',
          `${when}: '${quoted(id)}' requires '${quoted(needs)}', which was disabled.`,
          {
            feature: id,
            span: f[needs]?.span ?? f[id]!.span,
            notes: [
              `${hypervPath(read, keyOf(needs))} is disabled while ${hypervPath(read, keyOf(id))} is enabled: enable ${keyOf(needs)}, or disable ${keyOf(id)}`,
              'KubeVirt names the field with its path doubled (vmi-create-admitter.go passes spec.domain.features.hyperv, hyperv.go adds domain.features.hyperv)',
              sourceNote(ADMISSION),
            ],
            cites: ADMISSION,
          },
        ),
      );
    }
  }
  if (read.hasHyperv && read.passthrough)
    out.push(
      makeDiagnostic(
        'ADMISSION_REFUSED',
        `${when}: Cannot explicitly set hyperV features if HypervPassthrough is being used. Please use either HyperV or HypervPassthrough.`,
        {
          span: read.passthrough.span,
          notes: [
            `remove ${[...read.layout.base, ...read.layout.hyperv].join('.')} or ${[...read.layout.base, ...(read.layout.passthrough ?? [])].join('.')}`,
            sourceNote(ADMISSION_MODE),
          ],
          cites: ADMISSION_MODE,
        },
      ),
    );
  if (evmcsAsksVmx(read)) {
    const span = f.evmcs!.span;
    if (!read.cpuFeatures.length)
      out.push(
        makeDiagnostic('ADMISSION_REFUSED', `${when}: vmx cpu feature is required when evmcs is set`, {
          feature: 'evmcs',
          span,
          notes: [
            `field spec.domain.cpu.features: add {name: vmx, policy: require} to ${cpuFeaturesPath(read)}`,
            sourceNote(ADMISSION_EVMCS),
          ],
          cites: ADMISSION_EVMCS,
        }),
      );
    read.cpuFeatures.forEach((c, i) => {
      if (c.name === 'vmx' && (c.policy ?? '') !== 'require')
        out.push(
          makeDiagnostic('ADMISSION_REFUSED', `${when}: vmx cpu feature has to be set to require policy`, {
            feature: 'evmcs',
            span: c.span,
            notes: [`field spec.domain.cpu.features[${i}].policy: write policy: require`, sourceNote(ADMISSION)],
            cites: ADMISSION,
          }),
        );
    });
  }
  return out;
}

/** The preference's fields where the VM states none, as KubeVirt applies them before its defaults. */
export function applyPreference(vm: KvRead, pref: KvRead, name: string): Diagnostic[] {
  const notes: Diagnostic[] = [];
  const span = vm.preference?.span;
  for (const [id, state] of Object.entries(pref.features) as [FeatureId, KvState][]) {
    const place = PLACES[id]!;
    const top = place.keys[0];
    // Per field of hyperv (a whole synictimer or tlbflush), kvm whole, the timer whole (only when the VM has none).
    const vmHas =
      place.block === 'hyperv'
        ? (Object.keys(vm.features) as FeatureId[]).some(
            (k) => PLACES[k]!.block === 'hyperv' && PLACES[k]!.keys[0] === top && !vm.features[k]!.added,
          )
        : place.block === 'timer'
          ? vm.hasTimer
          : vm.features[id] !== undefined;
    if (vmHas) continue;
    vm.features[id] = { ...state, ...(span ? { span } : {}), added: `from preference ${name}` };
    if (place.block === 'hyperv') vm.hasHyperv = true;
  }
  for (const c of pref.cpuFeatures)
    if (!vm.cpuFeatures.some((v) => v.name === c.name))
      vm.cpuFeatures.push({ ...c, ...(span ? { span } : {}), added: `from preference ${name}` });
  const taken = Object.values(vm.features).filter((s) => s?.added === `from preference ${name}`).length;
  if (taken)
    notes.push(
      makeDiagnostic(
        'ADDED_BY_DEFAULT',
        `${taken} Hyper-V field(s) come from preference ${name}, where the VM states none`,
        {
          ...(span ? { span } : {}),
          notes: [sourceNote(PREFERENCE)],
          cites: PREFERENCE,
        },
      ),
    );
  return notes;
}
