// Proxmox VE VM configurations through the CLI: check, convert, set, fix and audit of a
// cluster-shaped folder. Golden outputs in test/golden/.
import { describe, expect, it } from 'vitest';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';

const F = 'test/fixtures/proxmox';

const CASES: [string, string[]][] = [
  ['proxmox-check-win11', ['check', `${F}/win11-host-intel.conf`]],
  ['proxmox-check-amd', ['check', '--cpu-vendor', 'amd', `${F}/win11-flags-evmcs-off.conf`]],
  ['proxmox-check-linux-os-win11', ['check', '--os', 'win11', `${F}/linux.conf`]],
  ['proxmox-check-args', ['check', `${F}/args-cpu.conf`]],
  ['proxmox-check-unpinned', ['check', `${F}/win11-unpinned.conf`]],
  ['proxmox-check-custom-json', ['check', '--json', '--companion', `${F}/cpu-models.conf`, `${F}/custom-model.conf`]],
  ['proxmox-convert-qemu', ['convert', '--to', 'qemu', `${F}/win10-gpu-xvga.conf`]],
  ['proxmox-convert-qemu-old-node', ['convert', '--to', 'qemu', '--qemu-version', '9.2', `${F}/win11-q35-meta.conf`]],
  ['proxmox-check-machine-too-new', ['check', '--qemu-version', '9.2', `${F}/win11-host-intel.conf`]],
  ['proxmox-convert-json', ['convert', '--to', 'json', `${F}/win11-host-intel.conf`]],
  ['proxmox-convert-libvirt', ['convert', '--to', 'libvirt', `${F}/win10-gpu-xvga.conf`]],
  [
    'proxmox-convert-to-proxmox',
    [
      'convert',
      '--to',
      'proxmox',
      'host,hv_relaxed,hv_vapic,hv_time,hv_spinlocks=0x1fff,hv_vpindex,hv_runtime,hv_reset,hv_synic,hv_stimer,hv_ipi,hv_tlbflush',
    ],
  ],
  ['proxmox-convert-to-proxmox-args', ['convert', '--to', 'proxmox', 'host,hv_relaxed,hv_frequencies']],
  [
    'proxmox-convert-to-qm',
    [
      'convert',
      '--to',
      'proxmox',
      '--style',
      'qm',
      'host,hv_relaxed,hv_vapic,hv_time,hv_spinlocks=0x1fff,hv_vpindex,hv_runtime,hv_reset,hv_synic,hv_stimer,hv_ipi,hv_evmcs',
    ],
  ],
  ['proxmox-recommend', ['recommend', '--to', 'proxmox', '--os', 'win11']],
  [
    'proxmox-set-flags',
    ['set', '--dry-run', `${F}/snapshots-pending-crlf.conf`, 'tlbflush=off', 'evmcs', 'vendor-id=abc'],
  ],
  ['proxmox-set-ostype', ['set', '--dry-run', `${F}/linux.conf`, 'ostype=win11']],
  ['proxmox-set-refused', ['set', '--dry-run', `${F}/linux.conf`, 'stimer']],
  ['proxmox-set-refused-machine', ['set', '--dry-run', `${F}/win10-old-machine.conf`, 'stimer']],
  ['proxmox-fix', ['fix', '--dry-run', '--os', 'win11', `${F}/win10-old-machine.conf`]],
  ['proxmox-fix-evmcs', ['fix', '--dry-run', `${F}/win11-host-intel.conf`]],
  ['proxmox-audit-cluster', ['audit', `${F}/cluster`]],
  ['proxmox-audit-cluster-json', ['audit', '--json', `${F}/cluster`]],
];

describe('Proxmox VM configurations: CLI golden output', () => {
  it.each(CASES)('%s', async (name, argv) => {
    const r = await runCapture(argv);
    const text = goldenText(r, argv);
    expect(text).toBe(readGolden(name, text));
  });
});
