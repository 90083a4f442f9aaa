/**
 * Whether a text is a Proxmox VM configuration: every line is blank, a `#` description, a
 * `[section]` header or a `key: value` line with qemu-server's key shape (conf.ts), and at least one
 * key is one qemu-server's VM schema has. A QEMU command, a script, XML, JSON or YAML (indented
 * keys, upper case, `- ` items) has lines of other shapes, so it is never taken for one.
 */
const LINE = /^(?:\s*|#.*|\[[^\]]*\]\s*|[a-z][a-z_-]*\d*:(?:\s.*)?)$/;
const VM_KEY =
  /^(ostype|cpu|machine|bios|args|hostpci\d+|scsihw|vmgenid|smbios1|meta|sockets|cores|memory|boot|bootdisk|net\d+|scsi\d+|ide\d+|sata\d+|virtio\d+|efidisk\d|tpmstate\d|numa|agent|vga|balloon|onboot|kvm|cpuunits|hotplug|tablet):/;

/** How sure: 4 for a configuration (above every command and value detector), 0 when any line is of another shape. */
export function detectProxmox(text: string): number {
  if (text.length === 0) return 0;
  let known = false;
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (!LINE.test(line)) return 0;
    if (!known && VM_KEY.test(line)) known = true;
    if (nl < 0) break;
    start = nl + 1;
  }
  return known ? 4 : 0;
}
