/**
 * The -cpu values enlighten prints for Proxmox configurations, started in the real QEMU (7.2 here,
 * TCG, paused: test/support/qemu.ts). QEMU 7.2 can check them after three honest changes, each
 * for a reason QEMU gives, not for taste:
 * - `host` becomes `max`: TCG has no host model ("CPU model 'host' requires KVM"); max takes the same properties;
 * - `enforce` goes: it asks the accelerator for every model flag, which TCG does not emulate
 *   (`TCG doesn't support requested feature`), a fact about this machine, not about the value;
 * - `-cet-ibt`, `-cet-ss`, `-vmx-mbec` go: qemu-server adds them only for QEMU 11.0, whose CPU has
 *   those properties; QEMU 7.2 has none (`Property '...cet-ibt' not found`).
 * Every hv_* item, kvm=off, vendor=, level= and the other flags are started as printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProxmox } from '../../src/formats/proxmox/parse.js';
import { getFormat } from '../../src/formats/registry.js';
import { closeSharedQmpSession, validateCpuValue } from '../support/qemu.js';
import { CASES } from './proxmox-cases.js';

afterAll(() => closeSharedQmpSession());

const DIR = join(import.meta.dirname, '../fixtures/proxmox');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const QEMU_11_ONLY = new Set(['-cet-ibt', '-cet-ss', '-vmx-mbec']);

function forQemu72(value: string): string {
  const [model, ...items] = value.split(',');
  return [model === 'host' ? 'max' : model, ...items.filter((i) => i !== 'enforce' && !QEMU_11_ONLY.has(i))].join(',');
}

describe('the real QEMU starts the -cpu enlighten prints for each Proxmox fixture', () => {
  it.each(CASES)('$file', async (c) => {
    const r = parseProxmox(read(c.file), {
      ...(c.vendor ? { hostVendor: c.vendor } : {}),
      ...(c.companion ? { companion: read(c.companion) } : {}),
    });
    if (!r.ok) throw new Error(r.diagnostics[0]!.message);
    const printed = getFormat('proxmox')!.translate!.qemu!(r.value, {}).text;
    expect(printed).toBe(c.effective ?? c.cpu);
    const check = await validateCpuValue(forQemu72(printed));
    expect(check.error ?? '', `-cpu ${forQemu72(printed)}`).toBe(c.qemuRefuses ?? '');
    expect(check.ok).toBe(c.qemuRefuses === undefined);
    if (c.qemuWarns) expect(check.warnings).toContain(c.qemuWarns);
  });
});

describe('the real QEMU starts the args: -cpu that convert --to proxmox prints', () => {
  it.each([
    'host,hv_relaxed,hv_frequencies',
    'host,hv_relaxed,hv_vapic,hv_time,hv_spinlocks=0x1fff,hv_vpindex,hv_synic,hv_stimer,hv_stimer_direct',
  ])('%s', async (value) => {
    const q = getFormat('qemu')!.parse(value);
    if (!q.ok) throw new Error('qemu');
    const text = getFormat('proxmox')!.print!(q.value.set, { input: q.value }).text;
    const args = /^args: -cpu (\S+)$/m.exec(text)?.[1];
    expect(args).toBeDefined();
    const check = await validateCpuValue(forQemu72(args!));
    expect(check.error ?? '').toBe('');
  });
});
