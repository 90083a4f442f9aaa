import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getFormat } from '../../src/formats/registry.js';
import type { SetRequest } from '../../src/fix/set-config.js';
import { setConfig } from '../../src/fix/set-config.js';
import { parseProxmox } from '../../src/formats/proxmox/parse.js';
import type { FeatureId } from '../../src/catalog/index.js';
import { CASES } from './proxmox-cases.js';

const DIR = join(import.meta.dirname, '../fixtures/proxmox');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const proxmox = getFormat('proxmox')!;

function parsed(text: string) {
  const r = parseProxmox(text);
  if (!r.ok) throw new Error(r.diagnostics[0]!.message);
  return r.value;
}
const feature = (f: FeatureId, value: boolean | string | undefined = true): SetRequest => ({
  kind: 'feature',
  feature: f,
  value,
});

/** The lines that differ between two texts (same line count assumed unless noted). */
function changedLines(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  return y.filter((line, i) => line !== x[i]);
}

describe('Proxmox set: only the cpu: line (or ostype:) changes', () => {
  it('turns VM flags on and off, sets the vendor id, keeps [PENDING], snapshots and CRLF byte for byte', () => {
    const text = read('snapshots-pending-crlf.conf');
    const out = setConfig(
      parsed(text),
      proxmox,
      [feature('tlbflush', false), feature('evmcs'), feature('vendor-id', 'abc')],
      {
        exact: true,
      },
    );
    expect(out.failed).toBe(false);
    expect(changedLines(text, out.text)).toEqual(['cpu: host,flags=-hv-tlbflush;+hv-evmcs,hv-vendor-id=abc\r']);
    const tail = text.slice(text.indexOf('[PENDING]'));
    expect(out.text.endsWith(tail)).toBe(true);
    expect(out.result!.set.features.evmcs).toBe(true);
  });

  it('removes a flag entry, and the flags= part when it empties', () => {
    const text = 'cpu: host,flags=+hv-tlbflush,hidden=1\nostype: win10\n';
    const out = setConfig(
      parsed(text),
      proxmox,
      [
        { kind: 'feature', feature: 'tlbflush', value: undefined },
        { kind: 'feature', feature: 'kvm-hidden', value: undefined },
      ],
      {
        exact: true,
      },
    );
    expect(out.text).toBe('cpu: host\nostype: win10\n');
  });

  it('adds a cpu: line with the default model when there is none', () => {
    const out = setConfig(parsed(read('win11-unpinned.conf')), proxmox, [feature('tlbflush')], { exact: true });
    expect(out.text).toBe('ostype: win11\nmemory: 4096\ncpu: kvm64,flags=+hv-tlbflush\n');
    expect(out.result!.set.features.tlbflush).toBe(true);
  });

  it('sets ostype, then what it gives', () => {
    const text = read('linux.conf');
    const out = setConfig(parsed(text), proxmox, [
      { kind: 'setting', name: 'ostype', value: 'win11' },
      feature('stimer'),
    ]);
    expect(out.failed).toBe(false);
    expect(changedLines(text, out.text)).toEqual(['ostype: win11']);
    expect(out.result!.set.features.stimer).toBe(true);
  });

  it.each([
    [
      'linux.conf',
      'stimer',
      /hv-stimer comes with ostype win7 or newer at machine 2\.12 or newer; this VM is l26 .*Change ostype .* or add it through args, which replaces Proxmox's -cpu/,
    ],
    ['win10-old-machine.conf', 'stimer', /Set machine: pc-i440fx-2\.12 or newer/],
    ['win11-host-intel.conf', 'frequencies', /Proxmox never sets it .*args/],
    ['args-cpu.conf', 'tlbflush', /comes from args:/],
  ])('%s: %s is refused with the choices spelled out, file untouched', (file, f, message) => {
    const text = read(file);
    const out = setConfig(parsed(text), proxmox, [feature(f as FeatureId)]);
    expect(out.failed).toBe(true);
    expect(out.text).toBe(text);
    expect(out.diagnostics.flatMap((d) => [d.message, ...(d.notes ?? [])]).join('\n')).toMatch(message);
    expect(out.diagnostics.find((d) => d.severity === 'error')!.span).toBeDefined();
  });

  it('refuses a vendor id Proxmox does not take', () => {
    const out = setConfig(parsed(read('win11-host-intel.conf')), proxmox, [feature('vendor-id', 'KVM Hv')]);
    expect(out.failed).toBe(true);
    expect(out.diagnostics[0]!.message).toMatch(/1 to 12 letters and digits/);
  });

  it('an unchanged set rewrites nothing, on every fixture', () => {
    for (const c of CASES) {
      const text = read(c.file);
      const p = parsed(text);
      expect(proxmox.edit!(p, p.set, {}).text).toBe(text);
    }
  });
});

describe('Proxmox print', () => {
  it('writes ostype and cpu:, machine where it matters, and args: with a warning for the rest', () => {
    const q = getFormat('qemu')!.parse(
      'host,hv_relaxed,hv_vapic,hv_time,hv_spinlocks=0x1fff,hv_vpindex,hv_runtime,hv_reset,hv_synic,hv_stimer,hv_ipi,hv_tlbflush',
    );
    if (!q.ok) throw new Error('qemu');
    expect(proxmox.print!(q.value.set, { input: q.value }).text).toBe('cpu: host,flags=+hv-tlbflush\nostype: win11');
    const qm = proxmox.print!(q.value.set, { input: q.value, style: 'qm' });
    expect(qm.text).toBe('qm set $VMID --cpu host,flags=+hv-tlbflush --ostype win11');
    const f = getFormat('qemu')!.parse('host,hv_relaxed,hv_frequencies');
    if (!f.ok) throw new Error('qemu');
    const out = proxmox.print!(f.value.set, { input: f.value });
    expect(out.text).toBe('args: -cpu host,hv_relaxed,hv_frequencies\nostype: win11');
    expect(out.diagnostics.map((d) => d.code)).toContain('NOT_EXPRESSIBLE');
  });

  it('what it prints reads back to the same set', () => {
    for (const c of CASES.filter((x) => !x.companion)) {
      const p = parsed(read(c.file));
      const printed = proxmox.print!(p.set, { input: p });
      const machine = p.conf.current.entries.find((e) => e.key === 'machine');
      const back = parsed(
        `${printed.text}\n${machine ? `machine: ${machine.value}\n` : ''}${p.conf.current.entries
          .filter((e) => e.key.startsWith('hostpci') || e.key === 'bios')
          .map((e) => `${e.key}: ${e.value}\n`)
          .join('')}`,
      );
      expect(back.set, c.file).toEqual(p.set);
    }
  });
});
