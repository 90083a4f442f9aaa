import { featureByQemuName } from '../../catalog/index.js';
import type { FormatEntry } from '../types.js';
import { detectProxmox } from './detect.js';
import { editOstype, editProxmox } from './edit.js';
import type { ProxmoxParsed } from './parse.js';
import { parseProxmox } from './parse.js';
import { printProxmox } from './print.js';
import { spellProxmox, spellProxmoxChange } from './spell.js';

export const proxmoxFormat: FormatEntry<'proxmox'> = {
  id: 'proxmox',
  describes: 'a Proxmox VE VM configuration (VMID.conf)',
  // qemu-server turns it into a QEMU command line: QEMU's rules and words apply.
  readBy: 'qemu',
  versions: {
    program: 'Proxmox VE qemu-server',
    releases: '9.2.6 (proxmox/qemu-server @e6352be6), QEMU 11.0 on the node unless --qemu-version',
    measured: "qemu-server's code and its cfg2cmd tests (src/test/cfg2cmd), the printed -cpu started in the real QEMU",
  },
  detect: detectProxmox,
  parse: parseProxmox,
  spell: spellProxmox,
  spellChange: (input) => {
    const built = 'built' in input ? (input as ProxmoxParsed).built : undefined;
    return (feature, value) =>
      spellProxmoxChange(feature, value, built?.items.some((i) => i.text === spellProxmox(feature)) === true);
  },
  featureNamed: featureByQemuName,
  print: printProxmox,
  edit: (parsed, set) => editProxmox(parsed as ProxmoxParsed, set),
  settings: { names: ['ostype'], edit: (parsed, _name, value) => editOstype(parsed as ProxmoxParsed, value) },
  translate: {
    // The -cpu QEMU gets, exactly as qemu-server builds it (or the args: one that replaces it).
    qemu: (parsed) => ({ text: (parsed as ProxmoxParsed).effective ?? '', diagnostics: [] }),
  },
  companion: '/etc/pve/virtual-guest/cpu-models.conf, the CPU models cpu: custom-NAME names',
  // pmxcfs: /etc/pve/nodes/NODE/qemu-server/VMID.conf, and /etc/pve/qemu-server/ for the local node.
  // `.conf` is too common an ending to claim (libvirtd.conf, qemu.conf): the path names these.
  paths: /(?:^|\/)qemu-server\/\d+\.conf$/,
  rowName(path) {
    const m = /(?:^|\/)nodes\/([^/]+)\/qemu-server\/(\d+)\.conf$/.exec(path);
    if (m) return `${m[1]}/${m[2]}`;
    const id = /(?:^|\/)qemu-server\/(\d+)\.conf$/.exec(path);
    return id ? `local/${id[1]}` : undefined;
  },
};
