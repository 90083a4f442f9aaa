// npm run bench: every benchmark, side by side with the tools users would otherwise run.
// Speed is measured here, never in timed tests. Pass names to run only some: npm run bench -- cold-start
import { auditFolder } from './audit-folder.mjs';
import { bounds } from './bounds.mjs';
import { coldStart } from './cold-start.mjs';
import { fleet } from './fleet.mjs';
import { kubevirt } from './kubevirt.mjs';
import { libvirtEdit } from './libvirt-edit.mjs';
import { libvirtThroughput } from './libvirt-throughput.mjs';
import { proxmox } from './proxmox.mjs';
import { scripts } from './scripts.mjs';
import { versusQemu } from './versus-qemu.mjs';

const BENCHES = {
  'audit-folder': auditFolder,
  'cold-start': coldStart,
  'libvirt-edit': libvirtEdit,
  'libvirt-throughput': libvirtThroughput,
  'versus-qemu': versusQemu,
  bounds,
  fleet,
  scripts,
  kubevirt,
  proxmox,
};

const wanted = process.argv.slice(2);
for (const [name, bench] of Object.entries(BENCHES)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const r = await bench();
  console.log(`\n## ${r.title}`);
  const w = Math.max(...r.rows.map((x) => x[0].length));
  for (const row of r.rows) console.log(`  ${row[0].padEnd(w)}  ${row.slice(1).join('  ')}`);
  console.log(`  ${r.summary}${r.ok === false ? '  (MISSED TARGET)' : ''}`);
}
