/**
 * libvirt's other documents: the XML libvirt keeps beside its domains (/etc/libvirt/qemu/networks,
 * /etc/libvirt/storage, snapshots under /var/lib/libvirt/qemu/snapshot) and prints (capabilities).
 * They are no VM configuration, so `audit` counts and skips them instead of reporting them as
 * unreadable. Root element names from libvirt's schemas (docs/schemas/*.rng: network.rng,
 * storagepool.rng, storagevol.rng, nwfilter.rng, secret.rng, interface.rng, nodedev.rng,
 * domainsnapshot.rng, domaincheckpoint.rng, capability.rng, domaincaps.rng, networkport.rng,
 * nwfilterbinding.rng, storagepoolcapabilities.rng, domainbackup.rng).
 */
const OTHER_ROOTS: Readonly<Record<string, string>> = {
  network: 'a libvirt network',
  networkport: 'a libvirt network port',
  pool: 'a libvirt storage pool',
  volume: 'a libvirt storage volume',
  nwfilter: 'a libvirt network filter',
  filterbinding: 'a libvirt network filter binding',
  secret: 'a libvirt secret',
  interface: 'a libvirt host interface',
  device: 'a libvirt node device',
  domainsnapshot: 'a libvirt domain snapshot',
  domaincheckpoint: 'a libvirt domain checkpoint',
  domainbackup: 'a libvirt domain backup job',
  capabilities: 'libvirt host capabilities',
  domainCapabilities: 'libvirt domain capabilities',
  storagepoolCapabilities: 'libvirt storage pool capabilities',
};

/** The first element's name, after a BOM, an XML declaration, comments and processing instructions, within the first 64 KiB. */
function rootName(text: string): string | undefined {
  const head = text.slice(0, 65_536);
  const m = /^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<([A-Za-z][\w.-]*)[\s/>]/.exec(head);
  return m?.[1];
}

/** What the XML is when its root is one of libvirt's other documents (`a libvirt network`), or undefined. */
export function otherLibvirtDocument(text: string): string | undefined {
  const root = rootName(text);
  return root !== undefined && Object.hasOwn(OTHER_ROOTS, root) ? OTHER_ROOTS[root] : undefined;
}
