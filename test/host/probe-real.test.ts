/**
 * `probe` on this machine, for real. The test works out on its own what the host has (is there a
 * /dev/kvm, can it be opened, what does the kernel config say) and checks the probe against that,
 * so it passes on a host without KVM, with KVM but no Hyper-V emulation, and with both.
 */
import { closeSync, constants, existsSync, openSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { interpretProbe, parseHostProbe } from '../../src/host/index.js';
import { findNativeHelper } from '../../src/host/native.js';
import { probeHost } from '../../src/host/probe.js';

/** What this host has, found without enlighten's code. */
function observeHost() {
  const present = existsSync('/dev/kvm');
  let openable = false;
  let openError: string | null = null;
  if (present) {
    try {
      closeSync(openSync('/dev/kvm', constants.O_RDWR));
      openable = true;
    } catch (e) {
      openError = (e as NodeJS.ErrnoException).code ?? String(e);
    }
  }
  let config: string | null = null;
  for (const read of [
    () => gunzipSync(readFileSync('/proc/config.gz')).toString('utf8'),
    () => readFileSync(`/boot/config-${release()}`, 'utf8'),
  ]) {
    try {
      config = read();
      break;
    } catch {
      // not there: try the next place
    }
  }
  const line = config?.split('\n').find((l) => /^(# )?CONFIG_KVM_HYPERV[= ]/.test(l));
  const hypervConfig = line === undefined ? null : line.startsWith('#') ? 'n' : (line.split('=')[1] ?? null);
  return { present, openable, openError, hypervConfig, helper: findNativeHelper() !== null };
}

const host = observeHost();
const kind = !host.present
  ? 'no /dev/kvm'
  : !host.openable
    ? `/dev/kvm not openable (${host.openError})`
    : 'a usable /dev/kvm';
console.log(
  `probe tests on this host: ${kind}; CONFIG_KVM_HYPERV ${host.hypervConfig ?? 'unknown'}; native helper ${host.helper ? 'built' : 'not built'}`,
);

describe(`probeHost on this machine (${kind})`, () => {
  const p = probeHost({ libvirtEmbedded: false });
  it('sees /dev/kvm as the test does', () => {
    expect(p.kvm.present).toBe(host.present);
    if (!host.present) expect(p.kvm.usable).toBe(false);
    if (host.present && !host.openable) expect(p.kvm.usable).toBe(false);
    if (host.present && host.openable && host.helper) expect(p.kvm).toMatchObject({ usable: true, apiVersion: 12 });
    expect(p.native.available).toBe(host.helper);
  });
  it('reads the kernel config as the test does', () => {
    if (host.hypervConfig !== null) expect(p.kernel.kvmHypervConfig).toBe(host.hypervConfig);
  });
  it('reports Hyper-V support consistently with what it found, and why', () => {
    if (!host.present) {
      expect(p.hyperv.supported).toBeNull();
      expect(p.findings[0]?.code).toBe('KVM_MISSING');
      expect(p.hyperv.reason).toBe('no KVM on this host');
      return;
    }
    if (!p.kvm.usable) {
      expect(p.hyperv.supported).toBeNull();
      expect(p.findings.map((f) => f.code)).toContain(host.helper ? 'KVM_UNUSABLE' : 'NATIVE_PROBE_UNAVAILABLE');
      return;
    }
    const cap = p.hyperv.capabilities.KVM_CAP_HYPERV;
    expect(typeof cap).toBe('number');
    expect(p.hyperv.supported).toBe(cap! > 0);
    if (host.hypervConfig === 'n') expect(p.hyperv.supported).toBe(false);
    if (p.hyperv.supported) {
      expect(p.hyperv.reason).toMatch(/KVM emulates Hyper-V/);
      expect(p.findings.map((f) => f.code)).not.toContain('KVM_NO_HYPERV');
    } else {
      expect(p.hyperv.features).toEqual([]);
      expect(p.hyperv.reason).toMatch(/KVM_CAP_HYPERV is 0/);
      const f = p.findings.find((x) => x.code === 'KVM_NO_HYPERV')!;
      expect(f.message).toMatch(/no hv-\* feature can work/);
      if (host.hypervConfig === 'n') expect(p.hyperv.reason).toMatch(/CONFIG_KVM_HYPERV/);
    }
  });
  it('reads CPU, clocksource and SMT from /proc and /sys', () => {
    const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    const vendor = /GenuineIntel/.test(cpuinfo) ? 'intel' : /AuthenticAMD/.test(cpuinfo) ? 'amd' : 'other';
    expect(p.cpu.vendor).toBe(vendor);
    expect(p.cpu.hypervisor.present).toBe(/^flags\s*:.*\bhypervisor\b/m.test(cpuinfo));
    const current = readFileSync('/sys/devices/system/clocksource/clocksource0/current_clocksource', 'utf8').trim();
    expect(p.clocksource.current).toBe(current);
    expect(p.clocksource.available).toContain(current);
  });
  it('writes a file that reads back, with the fields recommend and check need', () => {
    const back = parseHostProbe(JSON.stringify(p));
    expect(back.ok).toBe(true);
    const json = JSON.parse(JSON.stringify(p));
    expect(json).toMatchObject({
      kvm: { present: host.present },
      cpu: { vendor: p.cpu.vendor },
      clocksource: { current: p.clocksource.current },
    });
  });
});

describe('probe without its native helper', () => {
  it('still reads everything else and says the ioctl part is missing, and why', () => {
    const p = probeHost({ skipTools: true, env: { ENLIGHTEN_KVM_PROBE: '/bin/false' } });
    expect(p.native).toMatchObject({ available: false });
    expect(p.native.error).toMatch(/\/bin\/false failed/);
    expect(p.hyperv.supported).toBeNull();
    const expected = host.present ? 'NATIVE_PROBE_UNAVAILABLE' : 'KVM_MISSING';
    expect(p.findings.map((f) => f.code)).toContain(expected);
    expect(p.clocksource.current).toBeTruthy();
  });
});

describe('what a probe means', () => {
  const base = probeHost({ skipTools: true });
  const kvm = { present: true, usable: true, apiVersion: 12, module: 'kvm_intel', error: null };
  it('a KVM with Hyper-V: features decoded like guest leaves, clocksource warnings', () => {
    const leaves = {
      '0x40000000': { eax: '0x4000000a', ebx: '0x756e694c', ecx: '0x564b2078', edx: '0x7648204d' },
      '0x40000003': { eax: '0x00002aff', ebx: '0x00000030', ecx: '0x00000000', edx: '0x00084d08' },
      '0x40000004': { eax: '0x00040c2c', ebx: '0x00000fff', ecx: '0', edx: '0' },
    };
    const cpu = {
      ...base.cpu,
      nested: { ...base.cpu.nested, enabled: null },
      apicv: { ...base.cpu.apicv, enabled: null },
    };
    const p = interpretProbe({
      ...base,
      kvm,
      cpu,
      hyperv: {
        ...base.hyperv,
        supported: true,
        capabilities: { KVM_CAP_HYPERV: 1 },
        cpuid: { available: true, via: 'system', error: null, leaves },
        features: [],
        values: {},
      },
      clocksource: { current: 'hpet', available: ['hpet', 'tsc'] },
    });
    expect(p.findings.map((f) => f.code)).toEqual(['CLOCKSOURCE_NOT_TSC']);
    expect(p.hyperv.reason).toMatch(/KVM emulates Hyper-V/);
  });
  it('rejects a file that is not a probe', () => {
    expect(parseHostProbe('{"schema": "other"}')).toMatchObject({ ok: false });
    expect(parseHostProbe('not json')).toMatchObject({ ok: false });
  });
});
