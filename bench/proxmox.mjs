// Proxmox VM configurations: `enlighten check` on a VMID.conf and on a 1 MiB one (a long snapshot
// history, the current configuration first), and `enlighten audit` of a cluster-shaped folder of
// 1,000 VMs. What users would otherwise run, `qm showcmd VMID`, needs a Proxmox node; next to it
// stands the floor of any reader in qemu-server's language: a Perl loop that only splits the lines
// as parse_vm_config does (key, value, sections), and builds nothing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, fmt, peakKiB } from './lib.mjs';

const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;
const FIXTURE = new URL('../test/fixtures/proxmox/snapshots-pending-crlf.conf', import.meta.url).pathname;
const MIB = 1024 * 1024;
const PERL = [
  '-ne',
  'next if /^\\s*$/; if (/^\\[([^\\]]*)\\]\\s*$/) { $s = $1; next } next if /^#/; $c{"$s/$1"} = $2 if /^([a-z][a-z_-]*\\d*):\\s*(.+?)\\s*$/; END { print scalar(keys %c), "\\n" }',
];

export function proxmox() {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-bench-proxmox-'));
  try {
    const big = join(dir, '100.conf');
    const head = 'cpu: host,flags=+hv-tlbflush\nmachine: pc-q35-9.2+pve1\nostype: win11\n';
    const snaps = [];
    for (let n = head.length, i = 0; n < MIB; i++) {
      const s = `\n[snap${i}]\ncpu: host\nmachine: pc-q35-8.1\nostype: win10\nsnaptime: ${1700000000 + i}\n`;
      snaps.push(s);
      n += s.length;
    }
    writeFileSync(big, head + snaps.join(''));
    const cluster = join(dir, 'nodes');
    const text = readFileSync(new URL('../test/fixtures/proxmox/win11-host-intel.conf', import.meta.url), 'utf8');
    for (let node = 0; node < 4; node++) {
      const d = join(cluster, `pve${node}`, 'qemu-server');
      mkdirSync(d, { recursive: true });
      for (let vm = 0; vm < 250; vm++) writeFileSync(join(d, `${100 + node * 1000 + vm}.conf`), text);
    }
    const rows = [];
    for (const [label, args, perlFiles] of [
      ['a VMID.conf with [PENDING] and a snapshot (fixture)', ['check', FIXTURE], [FIXTURE]],
      ['1 MiB VMID.conf: 14,000 snapshot sections', ['check', big], [big]],
      // Detection asks every syntax; the QEMU and virt-xml detectors split the whole text as shell words.
      ['the same, --from proxmox (no detection)', ['check', '--from', 'proxmox', big], [big]],
    ]) {
      const [ours, perl] = compare(
        [
          { name: 'enlighten', cmd: process.execPath, args: [CLI, ...args] },
          { name: 'perl', cmd: 'perl', args: [...PERL, ...perlFiles] },
        ],
        3,
      );
      const kib = peakKiB(process.execPath, [CLI, ...args]);
      rows.push([
        label,
        `enlighten check ${fmt(ours.median)}`,
        `perl line split ${fmt(perl.median)}`,
        kib === null ? '' : `peak ${Math.round(kib / 1024)} MiB RSS`,
      ]);
    }
    const [audit] = compare([{ name: 'audit', cmd: process.execPath, args: [CLI, 'audit', cluster] }], 3);
    rows.push([
      'audit of 4 nodes x 250 VMs',
      `enlighten audit ${fmt(audit.median)}`,
      `${fmt(audit.median / 1000)} per VM`,
    ]);
    return {
      title: 'Proxmox VM configurations: enlighten check and audit next to a Perl line split',
      rows,
      summary:
        'median of 3 runs after 2 warm-ups; qm showcmd needs a Proxmox node; the Perl loop only splits lines, enlighten also builds the -cpu and checks it',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
