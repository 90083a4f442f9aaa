import { defineFeatures } from './define.js';
import { SRC, cite } from './sources.js';

const VERSION_NOTE =
  'Not an enlightenment: it changes what the guest is told about the hypervisor version, and ' +
  'does not turn Hyper-V identification on by itself.';
const versionSources = {
  spelling: SRC.qemuProps,
  default: SRC.qemuProps,
  cpuid: SRC.qemuFill,
  notEnlightenment: SRC.qemuDocs,
  since: cite(['qemuPcCompat', 'restores the old defaults, so the properties arrived in 6.2']),
};

/** Identification values: vendor and version leaves. None of them turns Hyper-V identification on. */
export const identFeatures = defineFeatures({
  'vendor-id': {
    kind: 'string',
    default: null,
    example: 'KVM Hv',
    qemu: { name: 'hv-vendor-id' },
    libvirt: { kind: 'hyperv', element: 'vendor_id', valueAttr: 'value' },
    summary: 'Hypervisor vendor string in CPUID 0x40000000 (default "Microsoft Hv")',
    description:
      'The 12-character vendor string the guest reads. GPU passthrough users set it (with a hidden ' +
      'KVM signature) against NVIDIA\'s Code 43. Linux guests only detect Hyper-V when it is exactly ' +
      '"Microsoft Hv". QEMU truncates longer values with a warning; libvirt refuses them and commas.',
    cpuidValue: { leaf: 0x40000000, reg: 'ebx', shift: 0, width: 96, encoding: 'string12' },
    whenMissing: [
      {
        workload: 'gpu-passthrough',
        guest: { family: 'windows' },
        value: '1234567890ab',
        severity: 'warning',
        reason:
          "NVIDIA's Windows drivers stop with Code 43 when they recognise the hypervisor; users set a vendor id " +
          'other than "Microsoft Hv" together with a hidden KVM signature, before installing the driver',
        source: cite('gpuReports', ['novaDriver', 'hide_hypervisor_id uses 1234567890ab']),
      },
    ],
    stringLimits: {
      maxBytes: 12,
      forbidden: ',',
      libvirtTooLong: 'HyperV vendor_id value must not be more than 12 characters.',
      libvirtForbidden: 'HyperV vendor_id value is invalid',
      source: cite('libvirtParse', ['libvirtRng', 'pattern [^,]{0,12}']),
    },
    guestExpects: [
      {
        guest: { family: 'linux' },
        value: 'Microsoft Hv',
        reason:
          'Linux detects Hyper-V only when the vendor is exactly "Microsoft Hv" (ms_hyperv_platform compares the ' +
          '12 bytes); with any other value it ignores every Hyper-V enlightenment',
        source: SRC.linuxMshyperv,
      },
    ],
    since: { qemu: '2.5', libvirt: '1.3.3' },
    sources: {
      spelling: SRC.qemuProps,
      default: SRC.qemuProps,
      cpuid: SRC.qemuFill,
      notEnlightenment: SRC.qemuDocs,
      since: SRC.libvirtDocs,
      linuxDetection: cite(['linuxMshyperv', 'memcmp of "Microsoft Hv"']),
      gpu: SRC.gpuReports,
    },
  },
  'version-id-build': {
    kind: 'uint32',
    default: 0x3839,
    max: 0xffffffff,
    qemu: { name: 'hv-version-id-build' },
    libvirt: null,
    summary: 'Hyper-V build number the guest is told (default 14393)',
    description: `The build number in CPUID 0x40000002.EAX. Machine types up to 6.1 report 7100. ${VERSION_NOTE}`,
    cpuidValue: { leaf: 0x40000002, reg: 'eax', shift: 0, width: 32 },
    since: { qemu: '6.2', libvirt: null },
    sources: versionSources,
  },
  'version-id-major': {
    kind: 'uint16',
    default: 0x000a,
    max: 0xffff,
    qemu: { name: 'hv-version-id-major' },
    libvirt: null,
    summary: 'Hyper-V major version the guest is told (default 10)',
    description: `The major version in CPUID 0x40000002.EBX bits 31:16. ${VERSION_NOTE}`,
    cpuidValue: { leaf: 0x40000002, reg: 'ebx', shift: 16, width: 16 },
    since: { qemu: '6.2', libvirt: null },
    sources: versionSources,
  },
  'version-id-minor': {
    kind: 'uint16',
    default: 0,
    max: 0xffff,
    qemu: { name: 'hv-version-id-minor' },
    libvirt: null,
    summary: 'Hyper-V minor version the guest is told (default 0)',
    description: `The minor version in CPUID 0x40000002.EBX bits 15:0. ${VERSION_NOTE}`,
    cpuidValue: { leaf: 0x40000002, reg: 'ebx', shift: 0, width: 16 },
    since: { qemu: '6.2', libvirt: null },
    sources: versionSources,
  },
  'version-id-spack': {
    kind: 'uint32',
    default: 0,
    max: 0xffffffff,
    qemu: { name: 'hv-version-id-spack' },
    libvirt: null,
    summary: 'Hyper-V service pack the guest is told (default 0)',
    description: `The service pack in CPUID 0x40000002.ECX. ${VERSION_NOTE}`,
    cpuidValue: { leaf: 0x40000002, reg: 'ecx', shift: 0, width: 32 },
    since: { qemu: '6.2', libvirt: null },
    sources: versionSources,
  },
  'version-id-sbranch': {
    kind: 'uint8',
    default: 0,
    max: 0xff,
    qemu: { name: 'hv-version-id-sbranch' },
    libvirt: null,
    summary: 'Hyper-V service branch the guest is told (default 0)',
    description: `The service branch in CPUID 0x40000002.EDX bits 31:24. ${VERSION_NOTE}`,
    cpuidValue: { leaf: 0x40000002, reg: 'edx', shift: 24, width: 8 },
    since: { qemu: '6.2', libvirt: null },
    sources: versionSources,
  },
  'version-id-snumber': {
    kind: 'uint32',
    default: 0,
    max: 0xffffffff,
    qemu: { name: 'hv-version-id-snumber' },
    libvirt: null,
    summary: 'Hyper-V service number the guest is told (default 0; 24 bits reach the guest)',
    description: `The service number in CPUID 0x40000002.EDX bits 23:0; QEMU masks it to 24 bits. ${VERSION_NOTE}`,
    cpuidValue: { leaf: 0x40000002, reg: 'edx', shift: 0, width: 24 },
    since: { qemu: '6.2', libvirt: null },
    sources: versionSources,
  },
});
