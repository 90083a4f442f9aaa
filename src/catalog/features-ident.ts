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

/**
 * One of the six version ids of leaf 0x40000002 (QEMU's hv-version-id-* properties, 6.2 and later):
 * they differ only in the field they fill, its register bits, width and default. The largest value
 * follows from the width of the QEMU property (`kind`).
 */
function versionId(
  id: string,
  kind: 'uint8' | 'uint16' | 'uint32',
  reg: 'eax' | 'ebx' | 'ecx' | 'edx',
  shift: number,
  width: number,
  field: string,
  value: number,
  more: { summary?: string; description?: string } = {},
) {
  const bits = width === 32 ? '' : ` bits ${shift + width - 1}:${shift}`;
  return {
    kind,
    default: value,
    max: kind === 'uint8' ? 0xff : kind === 'uint16' ? 0xffff : 0xffffffff,
    qemu: { name: `hv-${id}` },
    libvirt: null,
    summary: `Hyper-V ${field} the guest is told (default ${value}${more.summary ?? ''})`,
    description: `The ${field} in CPUID 0x40000002.${reg.toUpperCase()}${bits}${more.description ?? '.'} ${VERSION_NOTE}`,
    cpuidValue: { leaf: 0x40000002, reg, shift, width },
    since: { qemu: '6.2', libvirt: null },
    sources: versionSources,
  };
}

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
      "KVM signature) against NVIDIA's Code 43. Linux guests only detect Hyper-V when it is exactly " +
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
      qemuTooLong: 'hv-vendor-id truncated to 12 characters',
      qemuSource: cite(['qemuRealize', 'warn_report when strlen(hyperv_vendor) > 12']),
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
  'version-id-build': versionId('version-id-build', 'uint32', 'eax', 0, 32, 'build number', 0x3839, {
    description: '. Machine types up to 6.1 report 7100.',
  }),
  'version-id-major': versionId('version-id-major', 'uint16', 'ebx', 16, 16, 'major version', 0x000a),
  'version-id-minor': versionId('version-id-minor', 'uint16', 'ebx', 0, 16, 'minor version', 0),
  'version-id-spack': versionId('version-id-spack', 'uint32', 'ecx', 0, 32, 'service pack', 0),
  'version-id-sbranch': versionId('version-id-sbranch', 'uint8', 'edx', 24, 8, 'service branch', 0),
  'version-id-snumber': versionId('version-id-snumber', 'uint32', 'edx', 0, 24, 'service number', 0, {
    summary: '; 24 bits reach the guest',
    description: '; QEMU masks it to 24 bits.',
  }),
});
