/** Likely causes of a difference between a configuration and a guest, read from catalog facts. */
import type { FeatureId } from '../catalog/index.js';
import { CATALOG } from '../catalog/index.js';
import { FORMATS } from '../formats/registry.js';

const RESTART =
  'the VM still runs with an older configuration: shut it down and start it again (a reboot from inside keeps the same QEMU process)';

export function causesForNoHyperv(): string[] {
  return [
    "the host's KVM has no Hyper-V support (KVM_CAP_HYPERV is 0, as on a kernel built without CONFIG_KVM_HYPERV): QEMU then builds no Hyper-V leaves and drops every hv-* flag without a word (its hyperv_enabled() is false). Run `enlighten probe` on the host",
    RESTART,
    'a management layer dropped the <hyperv> block or the -cpu flags on the way to QEMU',
  ];
}

export function causesForMissing(id: FeatureId): string[] {
  const d = CATALOG[id];
  const out = [RESTART];
  const unwritable = FORMATS.flatMap((f) => {
    const why = f.cannotWrite?.(id);
    return why ? [`${d.qemu.name} in ${f.describes}: ${why.reason}; ${why.instead}`] : [];
  });
  if (unwritable.length) out.push(...unwritable);
  else if (d.since.libvirt)
    out.push(
      `libvirt learnt this element in ${d.since.libvirt}; an older libvirt, or a tool written for one, drops or refuses it`,
    );
  if (d.since.qemu) out.push(`QEMU before ${d.since.qemu} has no ${d.qemu.name}`);
  if (d.host.vendors) out.push(`KVM offers it on ${d.host.vendors.join(', ')} hosts only`);
  out.push("in passthrough mode a feature the host's KVM lacks is left out silently");
  return out;
}

export function causesForUnexpected(): string[] {
  return [
    "the VM runs with hv-passthrough or libvirt's host-model mode, which turn on whatever the host offers",
    RESTART,
    'a management layer (virt-install, Proxmox, KubeVirt, Nova) adds its own set',
  ];
}

export function causesForValue(id: FeatureId): string[] {
  const out = [RESTART];
  if (CATALOG[id].cpuidValue?.encoding === 'string12')
    out.push('GPU-passthrough guides set their own vendor id (against NVIDIA Code 43); a layer may do the same');
  else out.push(`${CATALOG.passthrough.qemu.name} copies the host's value instead`);
  return out;
}
