/** What each probe result means for the enlightenments, in words (pure: runs on any probe file). */
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import { CODES } from '../diagnostics/index.js';
import type { DiagnosticCode } from '../diagnostics/index.js';
import type { HostFinding, HostProbe } from './types.js';

const finding = (code: DiagnosticCode, message: string, notes?: string[]): HostFinding => ({
  code,
  severity: CODES[code].severity,
  message,
  ...(notes?.length ? { notes } : {}),
});

const NO_HYPERV_EFFECT =
  'QEMU builds the Hyper-V leaves only when KVM_CAP_HYPERV > 0 (hyperv_enabled()); otherwise flags such as hv-relaxed and hv-passthrough are dropped without a word, and flags whose MSRs QEMU must set stop it at start (measured with QEMU 7.2: hv-vpindex "kernel doesn\'t allow setting HyperV VP_INDEX", hv-time aborts setting MSR 0x40000021)';

/** Adds `findings` and `hyperv.reason` to a probe. */
export function interpretProbe(p: HostProbe): HostProbe {
  const out: HostFinding[] = [];
  let reason: string;
  if (!p.kvm.present) {
    out.push(
      finding(
        'KVM_MISSING',
        'no /dev/kvm: the kvm module is not loaded, or this CPU has no usable virtualization extensions',
        ['without KVM, QEMU runs guests under TCG, which builds no Hyper-V leaves at all'],
      ),
    );
    reason = 'no KVM on this host';
  } else if (!p.kvm.usable && p.native.available) {
    out.push(
      finding('KVM_UNUSABLE', `/dev/kvm cannot be used: ${p.kvm.error ?? 'unknown error'}`, [
        'run as root, or add the user to the kvm group',
      ]),
    );
    reason = '/dev/kvm is not usable by this user';
  } else if (p.hyperv.supported === false) {
    const notes = [NO_HYPERV_EFFECT];
    if (p.kernel.kvmHypervConfig === 'n')
      notes.unshift(
        `the kernel was built without Hyper-V emulation: "# CONFIG_KVM_HYPERV is not set" in ${p.kernel.configSource} (a kernel build option, on by default)`,
      );
    if (p.kvm.module)
      notes.push(
        `KVM here runs through ${p.kvm.module}${p.kvm.module === 'kvm_pvm' ? ' (PVM: KVM without hardware virtualization extensions, for running inside another VM)' : ''}`,
      );
    out.push(
      finding(
        'KVM_NO_HYPERV',
        "KVM_CAP_HYPERV is 0: this host's KVM has no Hyper-V emulation, so no hv-* feature can work",
        notes,
      ),
    );
    reason =
      p.kernel.kvmHypervConfig === 'n'
        ? 'KVM_CAP_HYPERV is 0: the kernel is built without CONFIG_KVM_HYPERV'
        : 'KVM_CAP_HYPERV is 0: this KVM has no Hyper-V emulation';
  } else if (p.hyperv.supported === null) {
    out.push(
      finding('NATIVE_PROBE_UNAVAILABLE', `the KVM ioctls could not be issued: ${p.native.error ?? 'unknown error'}`, [
        'everything else below was read; the Hyper-V support of KVM is unknown',
      ]),
    );
    reason = 'unknown: the KVM ioctls could not be issued';
  } else {
    reason = `KVM_CAP_HYPERV is ${p.hyperv.capabilities.KVM_CAP_HYPERV}: KVM emulates Hyper-V`;
    if (!p.hyperv.cpuid.available) {
      out.push(
        finding(
          'KVM_HV_CPUID_UNAVAILABLE',
          `KVM_GET_SUPPORTED_HV_CPUID failed (${p.hyperv.cpuid.error ?? 'unknown'}): the features are not listed one by one`,
          ['kernels before 5.0 lack it; QEMU then checks features one by one at start'],
        ),
      );
    }
  }
  if (p.clocksource.current && p.clocksource.current !== 'tsc') {
    out.push(
      finding('CLOCKSOURCE_NOT_TSC', `the host clocksource is ${p.clocksource.current}, not tsc`, [
        `${CATALOG.time.qemu.name}'s reference TSC page needs the host on a stable TSC: KVM keeps the page valid only while the host clock runs on the TSC, otherwise guests fall back to the slow reference counter MSR`,
        `available: ${p.clocksource.available.join(' ') || 'unknown'}`,
      ]),
    );
  }
  const nestedOnly = PRINT_ORDER.filter((id) => CATALOG[id].nestedOnly).map((id) => CATALOG[id].qemu.name);
  if (p.kvm.usable && p.cpu.nested.enabled === false)
    out.push(
      finding('HOST_NESTING_OFF', `nested virtualization is off (${p.cpu.nested.source} is N)`, [
        `${nestedOnly.join(', ')} only help a guest that runs a hypervisor itself`,
      ]),
    );
  if (p.kvm.usable && p.cpu.apicv.enabled === false)
    out.push(
      finding('HOST_APICV_OFF', `${p.cpu.apicv.kind === 'avic' ? 'AVIC' : 'APICv'} is off (${p.cpu.apicv.source})`, [
        `${[CATALOG.avic.qemu.name, ...CATALOG.avic.qemu.aliases.filter((a) => a.includes('-'))].join(' / ')} gains nothing here`,
      ]),
    );
  return { ...p, hyperv: { ...p.hyperv, reason }, findings: out };
}
