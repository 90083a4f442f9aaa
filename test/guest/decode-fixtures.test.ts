import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeGuest } from '../../src/guest/decode.js';
import { parseEvidence } from '../../src/guest/parse-evidence.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/guest/${name}`, import.meta.url), 'utf8');
const WORKED = [
  'time',
  'relaxed',
  'vapic',
  'vpindex',
  'runtime',
  'synic',
  'stimer',
  'reset',
  'frequencies',
  'tlbflush',
  'ipi',
];

describe('decode on real text of this machine (a KVM guest without Hyper-V identification)', () => {
  it('cpuid -r: KVM at 0x40000000, no Hyper-V, from CPU 0 of 2', () => {
    const g = decodeGuest(fixture('this-host-cpuid-r.txt'));
    expect(g).toMatchObject({
      evidence: 'cpuid',
      identification: 'none',
      summary: 'KVM, no Hyper-V identification',
      kvmBase: 0x40000000,
      features: [],
    });
    expect(g.source).toBe('cpuid -r, CPU 0 of 2');
    expect(g.diagnostics).toEqual([]);
  });
  it('dmesg: Linux picked KVM, and the log alone cannot rule Hyper-V leaves out', () => {
    const g = decodeGuest(fixture('this-host-dmesg.txt'));
    expect(g).toMatchObject({ evidence: 'boot-log', identification: 'unknown', linuxDetected: 'KVM', features: [] });
    expect(g.unknown.length).toBeGreaterThan(20);
    expect(g.unknown[0]!.reason).toMatch(/Linux picked KVM/);
    expect(g.clock.current).toBe('tsc');
  });
  it('the guest script report: registers win over the log', () => {
    const g = decodeGuest(fixture('this-host-guest-script.txt'));
    expect(g).toMatchObject({
      evidence: 'cpuid',
      identification: 'none',
      summary: 'KVM, no Hyper-V identification',
      linuxDetected: 'KVM',
    });
    expect(g.clock).toMatchObject({ current: 'tsc', available: ['tsc', 'kvm-clock'] });
  });
});

describe('the worked example', () => {
  it('is found inside a long dmesg', () => {
    const g = decodeGuest(fixture('worked-example-dmesg.txt'));
    expect(g).toMatchObject({
      evidence: 'boot-log',
      identification: 'hyperv',
      linuxDetected: 'Microsoft Hyper-V',
      vendor: 'Microsoft Hv',
    });
    expect(g.source).toBe('Linux boot log (6.x format)');
    expect(g.features).toEqual(WORKED);
    expect(g.unknown.map((u) => u.feature)).toEqual(['spinlocks', 'x-max-vps']);
    expect(parseEvidence(fixture('worked-example-dmesg.txt')).log!.leaves.get(0x40000002)).toEqual({
      eax: 14393,
      ebx: 0xa0000,
      ecx: 0,
      edx: 0,
    });
  });
  it('reads a plain table of leaves', () => {
    const g = decodeGuest(fixture('worked-example-table.txt'));
    expect(g).toMatchObject({
      evidence: 'cpuid',
      source: 'a table of leaves',
      features: WORKED,
      values: { spinlocks: 8191 },
    });
  });
  it.each([
    [
      'eax= style',
      '0x40000000: eax=0x40000005 ebx=0x7263694d ecx=0x666f736f edx=0x76482074\n0x40000003: eax=0xaff ebx=0x30 ecx=0 edx=0x108\n0x40000004: eax=0xc2c ebx=0x1fff ecx=0 edx=0',
    ],
    [
      'bare hex',
      '40000000 40000005 7263694d 666f736f 76482074\n40000003 00000aff 00000030 00000000 00000108\n40000004 00000c2c 00001fff 0 0',
    ],
  ])('reads a table in %s', (_name, text) => {
    expect(decodeGuest(text)).toMatchObject({
      identification: 'hyperv',
      features: WORKED,
      values: { spinlocks: 8191 },
    });
  });
  it('reads the Windows report, in UTF-8 and in the UTF-16LE that Windows PowerShell 5.1 writes', () => {
    const text = fixture('windows-report.txt');
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(text.replaceAll('\n', '\r\n'), 'utf16le'),
    ]).toString('utf8');
    for (const t of [text, utf16]) {
      const g = decodeGuest(t);
      expect(g).toMatchObject({
        evidence: 'cpuid',
        identification: 'hyperv',
        features: WORKED,
        values: { spinlocks: 8191 },
        kvmBase: 0x40000100,
      });
      expect(g.meta).toMatchObject({ os: 'windows', 'qpc-frequency': '10000000' });
      expect(g.clock.note).toMatch(/10 MHz/);
    }
  });
});

describe('boot-log formats and odd input', () => {
  it.each([
    ['2025', 'Hyper-V: privilege flags low 0x2e7f, high 0x3b8030, ext 0x0, hints 0xa0e24, misc 0xbed7b2'],
    ['6.x', 'Hyper-V: privilege flags low 0x2e7f, high 0x3b8030, hints 0xa0e24, misc 0xbed7b2'],
    ['interim', 'Hyper-V: features 0x2e7f, hints 0xa0e24, misc 0xbed7b2'],
    ['5.x', 'Hyper-V: features 0x2e7f, hints 0xa0e24'],
    ['4.x', 'HyperV: features 0x2e7f, hints 0xa0e24'],
  ])('reads the %s line (with bits QEMU never sets)', (era, line) => {
    const ev = parseEvidence(`Jan 01 00:00:00 host kernel: ${line}`);
    expect(ev.log!.era).toBe(era);
    const g = decodeGuest(`Jan 01 00:00:00 host kernel: ${line}`);
    expect(g.identification).toBe('hyperv');
    expect(g.features).toContain('vpindex');
  });
  it('reports two boots that disagree and uses the later one', () => {
    const g = decodeGuest('Hyper-V: features 0xaff, hints 0xc2c\nHyper-V: features 0x2ff, hints 0xc2c\n');
    expect(g.diagnostics.map((d) => d.code)).toContain('GUEST_EVIDENCE_CONFLICT');
    expect(g.features).not.toContain('frequencies');
  });
  it('calls a lone shared bit ambiguous', () => {
    const g = decodeGuest(
      '0x40000000 0x40000005 0x7263694d 0x666f736f 0x76482074\n0x40000003 0x00000060 0 0 0x8\n0x40000004 0x00000800 0xffffffff 0 0',
    );
    expect(g.ambiguous).toEqual([
      expect.objectContaining({ leaf: 0x40000004, reg: 'eax', mask: 0x800, candidates: ['tlbflush', 'ipi'] }),
    ]);
  });
  it('infers x-hv-synic-kvm-only from synic without messages and events', () => {
    expect(
      decodeGuest(
        '0x40000000 0x40000005 0x7263694d 0x666f736f 0x76482074\n0x40000003 0x00000064 0 0 0x8\n0x40000004 0 0xffffffff 0 0',
      ).features,
    ).toEqual(['vpindex', 'synic', 'x-synic-kvm-only']);
  });
  it('says "nothing found" for text that is no guest report, and never throws', () => {
    for (const text of ['', 'hello', '\0\0\0', 'Hyper-V: features zz', '0x4000000 1 2 3']) {
      const g = decodeGuest(text);
      expect(g.evidence).toBe('none');
      expect(g.diagnostics.map((d) => d.code)).toEqual(['GUEST_NO_EVIDENCE']);
    }
  });
  it('reads the "not available" warning of 6.x kernels as Hyper-V leaves without VP index', () => {
    const g = decodeGuest('x86/hyperv: VP_INDEX MSR not available.\nHypervisor detected: KVM');
    expect(g.identification).toBe('hyperv');
  });
});
