/**
 * `enlighten probe`: what this host can give a guest, read for real. The only module besides the
 * CLI that touches /proc, /sys and the KVM ioctls (through the native helper).
 */
import { existsSync } from 'node:fs';
import { release } from 'node:os';
import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG } from '../catalog/index.js';
import { decodeLeaves } from '../guest/decode-leaves.js';
import { leavesFromJson } from '../guest/leaves.js';
import { listedFeatures } from '../model/index.js';
import { interpretProbe } from './findings.js';
import { findNativeHelper, runNativeHelper } from './native.js';
import { kvmVendorModule, readCpuinfo, readFlag, readKvmHypervConfig, readText } from './sysfs.js';
import { probeLibvirt, probeQemu } from './tools.js';
import type { HostProbe } from './types.js';

export interface ProbeOptions {
  /** Ask libvirt through its embedded driver when no daemon runs (slower: about 4 s). */
  libvirtEmbedded?: boolean;
  /** Skip libvirt and QEMU entirely. */
  skipTools?: boolean;
  env?: Record<string, string | undefined>;
}

export function probeHost(options: ProbeOptions = {}): HostProbe {
  const kernelRelease = readText('/proc/sys/kernel/osrelease') ?? release();
  const config = readKvmHypervConfig(kernelRelease);
  const helperPath = findNativeHelper(options.env);
  const { answer, error: nativeError } = runNativeHelper(helperPath);
  const present = existsSync('/dev/kvm');
  const caps = answer?.caps ?? {};
  const capHyperv = answer?.open ? (caps.KVM_CAP_HYPERV ?? null) : null;
  const hvLeaves = answer?.hvCpuid?.ok ? (answer.hvCpuid.leaves ?? {}) : null;
  const { features, values } = hostFeatures(hvLeaves);
  const info = readCpuinfo();
  const flags = new Set((info.flags ?? '').split(/\s+/));
  const vendorId = info.vendor_id ?? null;
  const module = kvmVendorModule();
  const param = (name: string) =>
    module && existsSync(`/sys/module/${module}/parameters/${name}`)
      ? `/sys/module/${module}/parameters/${name}`
      : null;
  const nestedPath = param('nested');
  const apicvPath = module === 'kvm_amd' ? param('avic') : module === 'kvm_intel' ? param('enable_apicv') : null;
  const probe: HostProbe = {
    schema: 'enlighten-host-probe/1',
    kernel: { release: kernelRelease, kvmHypervConfig: config.value, configSource: config.source },
    kvm: {
      present,
      usable: answer?.open === true && (answer.apiVersion ?? -1) >= 12,
      apiVersion: answer?.apiVersion ?? null,
      module,
      error: answer
        ? answer.open
          ? null
          : (answer.error ?? 'cannot open /dev/kvm')
        : present
          ? nativeError
          : 'no /dev/kvm',
    },
    hyperv: {
      supported: capHyperv === null ? null : capHyperv > 0,
      reason: '',
      capabilities: caps,
      cpuid: {
        available: hvLeaves !== null,
        via: answer?.hvCpuid?.via ?? null,
        error: answer?.hvCpuid?.ok
          ? null
          : answer?.hvCpuid?.via === 'none'
            ? 'KVM_CAP_SYS_HYPERV_CPUID and KVM_CAP_HYPERV_CPUID are both 0'
            : (answer?.hvCpuid?.error ?? nativeError),
        leaves: hvLeaves,
      },
      features,
      values,
    },
    cpu: {
      vendor: vendorId === 'GenuineIntel' ? 'intel' : vendorId === 'AuthenticAMD' ? 'amd' : vendorId ? 'other' : null,
      vendorId,
      model: info['model name'] ?? null,
      flags: [...flags].filter(Boolean),
      hypervisor: { present: flags.has('hypervisor'), signature: answer?.hostCpuid?.signature ?? null },
      nested: { module, enabled: nestedPath ? readFlag(nestedPath) : null, source: nestedPath },
      apicv: {
        kind: module === 'kvm_amd' ? 'avic' : module === 'kvm_intel' ? 'apicv' : null,
        enabled: apicvPath ? readFlag(apicvPath) : null,
        source: apicvPath,
      },
      smt: {
        control: readText('/sys/devices/system/cpu/smt/control'),
        active: readFlag('/sys/devices/system/cpu/smt/active'),
      },
      tsc: {
        constant: flags.has('constant_tsc'),
        nonstop: flags.has('nonstop_tsc'),
        knownFreq: flags.has('tsc_known_freq'),
      },
    },
    clocksource: {
      current: readText('/sys/devices/system/clocksource/clocksource0/current_clocksource'),
      available: (readText('/sys/devices/system/clocksource/clocksource0/available_clocksource') ?? '')
        .split(/\s+/)
        .filter(Boolean),
    },
    native: { available: answer !== null, path: helperPath, error: nativeError },
    libvirt: options.skipTools
      ? { available: false, version: null, hyperv: null, error: 'not asked' }
      : probeLibvirt({ embedded: options.libvirtEmbedded ?? true }),
    qemu: options.skipTools ? { available: false, binary: null, version: null, error: 'not asked' } : probeQemu(),
    findings: [],
  };
  return interpretProbe(probe);
}

/** KVM_GET_SUPPORTED_HV_CPUID, decoded with the guest decoder. */
function hostFeatures(leavesJson: Record<string, unknown> | null): {
  features: FeatureId[];
  values: Partial<Record<FeatureId, FeatureValue>>;
} {
  if (!leavesJson) return { features: [], values: {} };
  const d = decodeLeaves(leavesFromJson(leavesJson));
  const features = listedFeatures(d.set).filter(
    (id) => CATALOG[id].kind === 'bool' || CATALOG[id].kind === 'on-off-auto',
  );
  return { features, values: d.values };
}
