import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getValue } from '../../src/model/index.js';
import { detectFormat, getFormat } from '../../src/formats/registry.js';
import type { ProxmoxParsed } from '../../src/formats/proxmox/parse.js';
import { parseProxmox } from '../../src/formats/proxmox/parse.js';
import { lineColumnAt } from '../../src/diagnostics/index.js';
import { CASES } from './proxmox-cases.js';

const DIR = join(import.meta.dirname, '../fixtures/proxmox');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

function parse(c: (typeof CASES)[number]): ProxmoxParsed {
  const r = parseProxmox(read(c.file), {
    ...(c.vendor ? { hostVendor: c.vendor } : {}),
    ...(c.qemu ? { qemuVersion: c.qemu } : {}),
    ...(c.companion ? { companion: read(c.companion) } : {}),
  });
  if (!r.ok) throw new Error(r.diagnostics[0]!.message);
  return r.value;
}

describe('Proxmox: the -cpu qemu-server builds', () => {
  it.each(CASES)('$file ($source)', (c) => {
    const p = parse(c);
    expect(p.built.value).toBe(c.cpu);
    expect(p.built.machine.type).toBe(c.machine);
    expect(p.effective).toBe(c.effective ?? c.cpu);
    const proxmox = getFormat('proxmox')!;
    expect(proxmox.translate!.qemu!(p, {}).text).toBe(c.effective ?? c.cpu);
  });

  it('every fixture is detected as Proxmox, and reads back byte for byte (no edit, no change)', () => {
    for (const c of CASES) {
      const text = read(c.file);
      expect(detectFormat(text)?.id).toBe('proxmox');
      const p = parse(c);
      expect(p.source).toBe(text);
      expect(getFormat('proxmox')!.edit!(p, p.set, {}).text).toBe(text);
    }
  });

  it('points each feature at the line that caused it', () => {
    const p = parse(CASES.find((c) => c.file === 'win10-gpu-xvga.conf')!);
    const at = (f: keyof typeof p.origins) => p.source.slice(p.origins[f]!.start, p.origins[f]!.end);
    expect(at('stimer')).toBe('win10');
    expect(at('vendor-id')).toBe('x-vga=1');
    expect(at('kvm-hidden')).toBe('x-vga=1');
    const q = parse(CASES.find((c) => c.file === 'snapshots-pending-crlf.conf')!);
    expect(lineColumnAt(q.source, q.origins.tlbflush!.start).line).toBe(4);
    const a = parse(CASES.find((c) => c.file === 'args-cpu.conf')!);
    expect(a.source.slice(a.origins.relaxed!.start, a.origins.relaxed!.end)).toBe('hv_relaxed');
    expect(a.diagnostics.map((d) => d.code)).toContain('CPU_OVERRIDDEN');
  });

  it('reads the current configuration only: [PENDING] and snapshots do not count', () => {
    const p = parse(CASES.find((c) => c.file === 'snapshots-pending-crlf.conf')!);
    expect(getValue(p.set, 'evmcs')).toBeUndefined();
    expect(p.conf.sections.map((s) => `${s.kind}:${s.name}`)).toEqual([
      'current:',
      'pending:PENDING',
      'snapshot:before-update',
    ]);
  });

  it('says what it assumed, and what a newer machine would give', () => {
    const p = parse(CASES.find((c) => c.file === 'win11-unpinned.conf')!);
    const note = p.diagnostics.find((d) => d.code === 'DERIVED_SETTING')!;
    expect(note.notes!.join('\n')).toMatch(/pinned to 5\.1/);
    expect(note.notes!.join('\n')).toMatch(/assumed/);
    const gate = p.diagnostics.find((d) => d.code === 'FEATURE_UNREACHABLE')!;
    expect(gate.message).toMatch(/hv_evmcs .* 11\.0\+pve2/);
  });

  it('an unknown custom model without the models file is an error with what to give', () => {
    const r = parseProxmox(read('custom-model.conf'));
    expect(r.ok).toBe(true);
    const d = r.ok ? r.value.diagnostics.find((x) => x.code === 'INVALID_VALUE') : undefined;
    expect(d?.notes?.[0]).toMatch(/--companion/);
  });

  it('a machine the node cannot run is an error, as qemu-server refuses to start it', () => {
    const old = parseProxmox(read('win11-host-intel.conf'), { qemuVersion: '9.2' });
    expect(
      old.ok && old.value.diagnostics.some((d) => d.code === 'INVALID_VALUE' && /needs QEMU 11\.0/.test(d.message)),
    ).toBe(true);
    const rev = parseProxmox('machine: pc-q35-11.0+pve3\nostype: win11\n');
    expect(rev.ok && rev.value.diagnostics.some((d) => /up to \+pve2/.test(d.message))).toBe(true);
  });

  it('a node with QEMU 9.2 gets no cet flags (they need QEMU 11.0)', () => {
    const r = parseProxmox(read('win11-q35-meta.conf'), { qemuVersion: '9.2' });
    expect(r.ok && r.value.built.value).toBe(
      'kvm64,enforce,hv_ipi,hv_relaxed,hv_reset,hv_runtime,hv_spinlocks=0x1fff,hv_stimer,hv_synic,hv_time,hv_vapic,hv_vpindex,+kvm_pv_eoi,+kvm_pv_unhalt,+lahf_lm,+sep',
    );
  });

  it('caps the input', () => {
    const r = parseProxmox('ostype: win11\n', { maxChars: 4 });
    expect(r.ok).toBe(false);
  });
});

describe('Proxmox detection never steals other syntaxes', () => {
  it.each([
    ['a QEMU command', 'qemu-system-x86_64 -cpu host,hv_relaxed -m 2048\n', 'qemu'],
    ['a bare -cpu value', 'host,hv_relaxed,hv_spinlocks=0x1fff', 'qemu'],
    [
      'libvirt XML',
      "<domain type='kvm'><features><hyperv><relaxed state='on'/></hyperv></features></domain>",
      'libvirt',
    ],
    ['a script', '#!/bin/sh\nCPU=host,hv_relaxed\nexec qemu-system-x86_64 -cpu "$CPU"\n', 'qemu'],
    ['JSON', '{"features": {"relaxed": true}}', 'json'],
  ])('%s', (_what, text, id) => {
    expect(detectFormat(text)?.id).toBe(id);
    expect(getFormat('proxmox')!.detect(text)).toBe(0);
  });

  it('YAML with indented keys is not a VM configuration', () => {
    expect(getFormat('proxmox')!.detect('apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nspec:\n  cpu: 2\n')).toBe(0);
  });
});
