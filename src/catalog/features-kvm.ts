import { defineFeatures } from './define.js';
import { SRC, cite } from './sources.js';

/**
 * Related KVM settings: not hv-* properties and not in QEMU's Hyper-V table, but they change what
 * the Hyper-V set does for the guest, so they are checked and converted with it.
 */
export const kvmFeatures = defineFeatures({
  'kvm-hidden': {
    qemu: { name: 'kvm', inverted: true },
    libvirt: { kind: 'kvm', element: 'hidden' },
    virtXml: { option: '--features', legacy: 'kvm_hidden', modern: 'kvm.hidden.state' },
    summary: "Hide KVM's CPUID signature from the guest (QEMU kvm=off; not a Hyper-V property)",
    description:
      'Removes KVM\'s own signature leaves ("KVMKVMKVM") from the guest\'s CPUID; QEMU spells it kvm=off, ' +
      "libvirt <kvm><hidden state='on'/>. It is no enlightenment and does not turn Hyper-V on. NVIDIA's " +
      'GeForce drivers before R465 stop with Code 43 when they find a hypervisor, so GPU passthrough users ' +
      'hide KVM and set a vendor id other than "Microsoft Hv"; from R465 (April 2021) NVIDIA supports ' +
      'GeForce passthrough to Windows VMs and newer drivers no longer need it. A Linux guest that finds no ' +
      "KVM signature uses Hyper-V's enlightenments (when they are on) instead of KVM's own paravirtual features.",
    whenMissing: [
      {
        workload: 'gpu-passthrough',
        guest: { family: 'windows' },
        value: true,
        severity: 'warning',
        reason:
          "NVIDIA's GeForce drivers before R465 stop with Code 43 when they find KVM; hide it before installing the driver " +
          '(R465 and later, from April 2021, support passthrough to a Windows VM and no longer need it)',
        source: cite('nvidiaGeforceVm', 'gpuReports'),
      },
    ],
    related: 'kvm',
    hidesKvmSignature: true,
    since: { qemu: '2.1', libvirt: '1.2.8' },
    sources: {
      spelling: cite(
        ['qemuProps', 'DEFINE_PROP_BOOL("kvm", X86CPU, expose_kvm, true)'],
        ['repoQemuTest', 'kvm=off, kvm=no and -kvm hide it; kvm=on, kvm and +kvm do not'],
      ),
      default: SRC.qemuProps,
      cpuid: cite(['qemuArchInit', "KVM's leaves only when expose_kvm"]),
      libvirt: cite(
        ['libvirtDocs', '<kvm><hidden state=on>, since 1.2.8 (QEMU 2.1.0)'],
        ['libvirtKvmTest', 'kvm=off'],
        'repoLibvirtNative',
      ),
      virtXml: cite(['virtinstCli', 'ParserFeatures kvm_hidden, kvm.hidden.state'], 'repoVirtXmlTest'),
      since: SRC.libvirtDocs,
      gpu: cite('nvidiaGeforceVm', 'gpuReports'),
      linux: SRC.linuxKvmDetect,
    },
  },
});
