/** `probe` on this machine, for real: /dev/kvm usable, Hyper-V unsupported, and why. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpretProbe, parseHostProbe } from '../../src/host/index.js';
import { findNativeHelper } from '../../src/host/native.js';
import { probeHost } from '../../src/host/probe.js';
import { parseDomcapsHyperv } from '../../src/host/tools.js';

const built = findNativeHelper() !== null;

describe('probeHost on this machine', () => {
  const p = probeHost({ libvirtEmbedded: false });
  it('finds /dev/kvm present and usable (through the native helper)', () => {
    expect(built, 'run `node scripts/build.mjs` first: it compiles dist/kvm-hv-probe').toBe(true);
    expect(p.kvm).toMatchObject({ present: existsSync('/dev/kvm'), usable: true, apiVersion: 12 });
    expect(p.native.available).toBe(true);
  });
  it('reports Hyper-V unsupported, with the reason', () => {
    expect(p.hyperv.supported).toBe(false);
    expect(p.hyperv.capabilities.KVM_CAP_HYPERV).toBe(0);
    expect(p.hyperv.features).toEqual([]);
    expect(p.hyperv.reason).toMatch(/KVM_CAP_HYPERV is 0/);
    const f = p.findings.find((x) => x.code === 'KVM_NO_HYPERV')!;
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/no hv-\* feature can work/);
    expect(f.notes!.join(' ')).toMatch(/hyperv_enabled/);
    if (p.kernel.kvmHypervConfig === 'n') expect(p.hyperv.reason).toMatch(/CONFIG_KVM_HYPERV/);
  });
  it('reads CPU, clocksource and SMT from /proc and /sys', () => {
    expect(p.cpu.vendor).toMatch(/^(intel|amd|other)$/);
    expect(p.cpu.hypervisor.present).toBe(true);
    expect(p.clocksource.current).toBeTruthy();
    expect(p.clocksource.available).toContain(p.clocksource.current);
  });
  it('writes a file that reads back, with the fields recommend and check need', () => {
    const back = parseHostProbe(JSON.stringify(p));
    expect(back.ok).toBe(true);
    const json = JSON.parse(JSON.stringify(p));
    expect(json).toMatchObject({ kvm: { present: true, usable: true }, hyperv: { supported: false, features: [] }, cpu: { vendor: p.cpu.vendor }, clocksource: { current: p.clocksource.current } });
  });
});

describe('probe without its native helper', () => {
  it('still reads everything else and says the ioctl part is missing, and why', () => {
    const p = probeHost({ skipTools: true, env: { ENLIGHTEN_KVM_PROBE: '/bin/false' } });
    expect(p.native).toMatchObject({ available: false });
    expect(p.native.error).toMatch(/\/bin\/false failed/);
    expect(p.hyperv.supported).toBeNull();
    expect(p.findings.map((f) => f.code)).toContain('NATIVE_PROBE_UNAVAILABLE');
    expect(p.clocksource.current).toBeTruthy();
  });
});

describe('what a probe means', () => {
  const base = probeHost({ skipTools: true });
  it('a KVM with Hyper-V: features decoded like guest leaves, clocksource warnings', () => {
    const leaves = { '0x40000000': { eax: '0x4000000a', ebx: '0x756e694c', ecx: '0x564b2078', edx: '0x7648204d' }, '0x40000003': { eax: '0x00002aff', ebx: '0x00000030', ecx: '0x00000000', edx: '0x00084d08' }, '0x40000004': { eax: '0x00040c2c', ebx: '0x00000fff', ecx: '0', edx: '0' } };
    const p = interpretProbe({ ...base, hyperv: { ...base.hyperv, supported: true, capabilities: { KVM_CAP_HYPERV: 1 }, cpuid: { available: true, via: 'system', error: null, leaves }, features: [], values: {} }, clocksource: { current: 'hpet', available: ['hpet', 'tsc'] } });
    expect(p.findings.map((f) => f.code)).toEqual(['CLOCKSOURCE_NOT_TSC']);
    expect(p.hyperv.reason).toMatch(/KVM emulates Hyper-V/);
  });
  it('rejects a file that is not a probe', () => {
    expect(parseHostProbe('{"schema": "other"}')).toMatchObject({ ok: false });
    expect(parseHostProbe('not json')).toMatchObject({ ok: false });
  });
  it("reads libvirt's <hyperv> list", () => {
    expect(parseDomcapsHyperv("<domainCapabilities><features><hyperv supported='yes'>\n<enum name='features'>\n<value>spinlocks</value>\n<value>vendor_id</value>\n</enum>\n</hyperv></features>")).toEqual({ supported: true, features: ['spinlocks', 'vendor_id'] });
    expect(parseDomcapsHyperv("<hyperv supported='no'/>")).toEqual({ supported: false, features: [] });
  });
});
