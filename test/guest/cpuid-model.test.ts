import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../src/catalog/index.js';
import { CATALOG, KVM_IDENTITY } from '../../src/catalog/index.js';
import { parseQemu } from '../../src/formats/qemu/index.js';
import { computeCpuid } from '../../src/guest/cpuid.js';
import { hex32, leavesToJson } from '../../src/guest/leaves.js';
import { linuxBootLog } from '../../src/guest/linux-log.js';
import { emptySet, setFeature } from '../../src/model/index.js';
import { okValue } from '../support/parse-result.js';

const WORKED =
  '-cpu host,hv-relaxed,hv-vapic,hv-spinlocks=0x1fff,hv-vpindex,hv-runtime,hv-time,hv-synic,hv-stimer,hv-frequencies,hv-reset,hv-tlbflush,hv-ipi';
const cpuidOf = (text: string, machine?: string) =>
  computeCpuid(okValue(parseQemu(text)).set, machine ? { machine } : {});

describe('the worked example of reference/guest-decode.md', () => {
  const r = cpuidOf(WORKED);
  it('gives exactly its register values', () => {
    expect(leavesToJson(r.leaves)).toEqual({
      '0x40000000': { eax: '0x40000005', ebx: '0x7263694d', ecx: '0x666f736f', edx: '0x76482074' },
      '0x40000001': { eax: '0x31237648', ebx: '0x00000000', ecx: '0x00000000', edx: '0x00000000' },
      '0x40000002': { eax: '0x00003839', ebx: '0x000a0000', ecx: '0x00000000', edx: '0x00000000' },
      '0x40000003': { eax: '0x00000aff', ebx: '0x00000030', ecx: '0x00000000', edx: '0x00000108' },
      '0x40000004': { eax: '0x00000c2c', ebx: '0x00001fff', ecx: '0x00000000', edx: '0x00000000' },
      '0x40000005': { eax: '0xffffffff', ebx: '0x00000040', ecx: '0x00000000', edx: '0x00000000' },
      '0x40000100': { eax: '0x40000101', ebx: '0x4b4d564b', ecx: '0x564b4d56', edx: '0x0000004d' },
      '0x40000101': { eax: null, ebx: '0x00000000', ecx: '0x00000000', edx: null },
    });
    expect(r.hostDependent).toEqual([expect.objectContaining({ leaf: 0x40000101, regs: ['eax', 'edx'] })]);
  });
  it('gives exactly its log lines, era by era', () => {
    const log = linuxBootLog(r.leaves);
    const lines = Object.fromEntries(log.eras.map((e) => [e.era, e.lines]));
    expect(lines['2025']).toContain('Hyper-V: privilege flags low 0xaff, high 0x30, ext 0x0, hints 0xc2c, misc 0x108');
    expect(lines['6.x']).toContain('Hyper-V: privilege flags low 0xaff, high 0x30, hints 0xc2c, misc 0x108');
    expect(lines['5.x']).toContain('Hyper-V: features 0xaff, hints 0xc2c');
    expect(lines['4.x']).toContain('HyperV: features 0xaff, hints 0xc2c');
    expect(lines['6.x']).toContain('Hyper-V: Host Build 10.0.14393.0-0-0');
    expect(lines['5.x']).toContain('Hyper-V Host Build:14393-10.0-0-0.0');
    expect(log.eras.flatMap((e) => e.lines).some((l) => l.includes('Nested features'))).toBe(false);
    expect(log.notes.join(' ')).toContain('LAPIC Timer Frequency');
  });
  it("says Linux picks KVM while KVM's signature sits above Hyper-V's, and Hyper-V once it is hidden", () => {
    expect(linuxBootLog(r.leaves)).toMatchObject({ detected: 'KVM', hyperv: false });
    const hidden = computeCpuid(setFeature(okValue(parseQemu(WORKED)).set, 'kvm-hidden', true));
    expect(hidden.kvmBase).toBeNull();
    expect(linuxBootLog(hidden.leaves)).toMatchObject({ detected: 'Microsoft Hyper-V', hyperv: true });
  });
});

// Each feature alone, with the bits reference/guest-decode.md and qemu-hv-table.md name (written out
// here from the references, not read from the catalog). Leaf 3 EAX always has bit 5, EDX bit 3.
const ALONE: [FeatureId, Record<string, [number, number, number, number]>][] = [
  ['runtime', { '0x40000003': [0x21, 0, 0, 0x8] }],
  ['time', { '0x40000003': [0x222, 0, 0, 0x8] }],
  ['synic', { '0x40000003': [0x24, 0x30, 0, 0x8] }],
  ['vapic', { '0x40000003': [0x30, 0, 0, 0x8], '0x40000004': [0x8, 0xffffffff, 0, 0] }],
  ['vpindex', { '0x40000003': [0x60, 0, 0, 0x8] }],
  ['reset', { '0x40000003': [0xa0, 0, 0, 0x8] }],
  ['frequencies', { '0x40000003': [0x820, 0, 0, 0x108] }],
  ['reenlightenment', { '0x40000003': [0x2020, 0, 0, 0x8] }],
  ['crash', { '0x40000003': [0x20, 0, 0, 0x408] }],
  ['xmm-input', { '0x40000003': [0x20, 0, 0, 0x18] }],
  ['tlbflush-ext', { '0x40000003': [0x20, 0, 0, 0x4008] }],
  ['stimer-direct', { '0x40000003': [0x20, 0, 0, 0x80008] }],
  ['relaxed', { '0x40000004': [0x20, 0xffffffff, 0, 0] }],
  ['tlbflush', { '0x40000004': [0x804, 0xffffffff, 0, 0] }],
  ['ipi', { '0x40000004': [0xc00, 0xffffffff, 0, 0] }],
  ['avic', { '0x40000004': [0x200, 0xffffffff, 0, 0] }],
  ['evmcs', { '0x40000004': [0x4000, 0xffffffff, 0, 0], '0x4000000a': [0x0101, 0, 0, 0] }],
  ['emsr-bitmap', { '0x4000000a': [1 << 19, 0, 0, 0] }],
  ['tlbflush-direct', { '0x4000000a': [1 << 17, 0, 0, 0] }],
  ['syndbg', { '0x40000003': [0x20, 0, 0, 0x808], '0x40000082': [0x2, 0, 0, 0] }],
];

describe('each feature alone', () => {
  it.each(ALONE)('%s sets the bits the references name', (id, want) => {
    const r = computeCpuid(setFeature(emptySet(), id, true));
    const got = leavesToJson(r.leaves);
    for (const [leaf, regs] of Object.entries(want))
      expect(got[leaf], `${CATALOG[id].qemu.name} ${leaf}`).toEqual({
        eax: hex32(regs[0]),
        ebx: hex32(regs[1]),
        ecx: hex32(regs[2]),
        edx: hex32(regs[3]),
      });
  });

  it('no-nonarch-coresharing=on sets bit 18, but turns identification on only beside a real enlightenment', () => {
    expect(computeCpuid(setFeature(emptySet(), 'no-nonarch-coresharing', true)).identification).toBe(false);
    expect(cpuidOf('host,hv-relaxed,hv-no-nonarch-coresharing=on').leaves.get(0x40000004)!.eax).toBe(0x20 | (1 << 18));
    const auto = cpuidOf('host,hv-relaxed,hv-no-nonarch-coresharing=auto');
    expect(auto.leaves.get(0x40000004)!.eax).toBe(0x20);
    expect(auto.hostDependent.some((h) => h.leaf === 0x40000004 && h.reason.includes('auto'))).toBe(true);
  });

  it('nested features raise the maximum leaf to 0x4000000A and bring in the zero leaves', () => {
    for (const id of ['evmcs', 'emsr-bitmap', 'tlbflush-direct'] as const) {
      const r = computeCpuid(setFeature(emptySet(), id, true));
      expect(r.leaves.get(0x40000000)!.eax).toBe(0x4000000a);
      for (let leaf = 0x40000006; leaf <= 0x40000009; leaf++)
        expect(r.leaves.get(leaf)).toEqual({ eax: 0, ebx: 0, ecx: 0, edx: 0 });
    }
    expect(cpuidOf('host,hv-relaxed').leaves.has(0x4000000a)).toBe(false);
  });

  it('syndbg raises the maximum leaf to 0x40000082 and adds the debugger leaves', () => {
    const r = cpuidOf('host,hv-syndbg,hv-synic,hv-relaxed,hv-vpindex');
    expect(r.leaves.get(0x40000000)!.eax).toBe(0x40000082);
    expect(r.leaves.get(0x40000081)!.eax).toBe(0x31235356);
  });

  it('avic suppresses the APIC-access recommendation of vapic', () => {
    expect(cpuidOf('host,hv-vapic,hv-avic').leaves.get(0x40000004)!.eax).toBe(0x200);
  });
});

describe('identification', () => {
  it.each(['host,hv-vendor-id=KVM Hv', 'host,hv-version-id-build=0x4000', 'host,hv-spinlocks=0xffffffff', 'host'])(
    "%s alone leaves KVM's leaves at 0x40000000",
    (text) => {
      const r = cpuidOf(text);
      expect(r.identification).toBe(false);
      expect(r.kvmBase).toBe(KVM_IDENTITY.base);
      expect([...r.leaves.keys()]).toEqual([0x40000000, 0x40000001]);
      expect(r.leaves.get(0x40000000)).toEqual({ eax: 0x40000001, ebx: 0x4b4d564b, ecx: 0x564b4d56, edx: 0x4d });
    },
  );
  it('any spinlock count other than the default turns it on', () => {
    expect(cpuidOf('host,hv-spinlocks=4095').kvmBase).toBe(KVM_IDENTITY.baseWithHyperv);
  });
  it('kvm=off hides the KVM leaves', () => {
    const p = okValue(parseQemu('host,kvm=off,hv-relaxed'));
    const r = computeCpuid(p.set);
    expect(r.kvmBase).toBeNull();
    expect(r.leaves.has(0x40000100)).toBe(false);
  });
});

describe('values', () => {
  it('machine types up to 6.1 report version 6.1.7100, newer ones 10.0.14393', () => {
    expect(cpuidOf('host,hv-relaxed', 'pc-q35-6.1').leaves.get(0x40000002)).toMatchObject({
      eax: 0x1bbc,
      ebx: 0x00060001,
    });
    expect(cpuidOf('host,hv-relaxed', 'pc-i440fx-2.12').leaves.get(0x40000002)).toMatchObject({ eax: 0x1bbc });
    expect(cpuidOf('host,hv-relaxed', 'pc-q35-6.2').leaves.get(0x40000002)).toMatchObject({
      eax: 0x3839,
      ebx: 0x000a0000,
    });
    expect(cpuidOf('host,hv-relaxed', 'q35').leaves.get(0x40000002)).toMatchObject({ eax: 0x3839 });
    expect(cpuidOf('-machine pc-q35-5.2 -cpu host,hv-relaxed').leaves.get(0x40000002)).toMatchObject({ eax: 0x3839 });
  });
  it('an explicit version wins over the machine-type default', () => {
    expect(cpuidOf('host,hv-relaxed,hv-version-id-build=0x4000', 'pc-q35-6.1').leaves.get(0x40000002)).toMatchObject({
      eax: 0x4000,
      ebx: 0x00060001,
    });
  });
  it('packs the version fields and the vendor string as QEMU does', () => {
    const r = cpuidOf(
      'host,hv-relaxed,hv-version-id-major=6,hv-version-id-minor=3,hv-version-id-sbranch=2,hv-version-id-snumber=0x1234567,hv-vendor-id=KVMKVMKVMKVMKVM',
    );
    expect(r.leaves.get(0x40000002)).toMatchObject({ ebx: 0x00060003, edx: 0x02234567 });
    // truncated to 12 bytes
    expect(r.leaves.get(0x40000000)).toMatchObject({ ebx: 0x4b4d564b, ecx: 0x564b4d56, edx: 0x4d564b4d });
  });
  it('x-hv-max-vps lands in 0x40000005.EAX', () => {
    expect(cpuidOf('host,hv-relaxed,x-hv-max-vps=8').leaves.get(0x40000005)!.eax).toBe(8);
  });
});

describe('passthrough', () => {
  it('says the leaves depend on the host when no probe is given', () => {
    const r = computeCpuid({ mode: 'passthrough', features: {} });
    expect(r.identification).toBe(true);
    expect(r.needsHost).toMatch(/KVM_GET_SUPPORTED_HV_CPUID/);
    expect(r.leaves.has(0x40000003)).toBe(false);
  });
  it("with a host's leaves: every supported feature but syndbg, and the host's values", () => {
    // A host as KVM reports itself (synthetic: vendor "Linux KVM Hv", spinlocks 0xfff, syndbg supported).
    const hostSet = okValue(
      parseQemu(
        'host,hv-relaxed,hv-vapic,hv-vpindex,hv-synic,hv-time,hv-stimer,hv-syndbg,hv-tlbflush,hv-ipi,hv-spinlocks=0xfff,hv-vendor-id=Linux KVM Hv',
      ),
    ).set;
    const host = computeCpuid(hostSet).leaves;
    const r = computeCpuid({ mode: 'passthrough', features: {} }, { hostLeaves: host });
    expect(r.needsHost).toBeNull();
    expect(r.effective.features).toMatchObject({
      relaxed: true,
      tlbflush: true,
      spinlocks: 0xfff,
      'vendor-id': 'Linux KVM Hv',
    });
    expect(r.effective.features.syndbg).toBeUndefined();
    expect(r.leaves.get(0x40000003)!.edx! & (1 << 11)).toBe(0);
  });
});
