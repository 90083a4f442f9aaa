import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, machineQemuVersion, parseVersion } from '../../src/rules/target-versions.js';
import { ruleTable } from './table.js';

ruleTable('versions: QEMU', [
  {
    name: 'xmm-input (7.1) on QEMU 6.2',
    features: { 'xmm-input': true },
    options: { qemuVersion: '6.2' },
    code: 'FEATURE_TOO_NEW',
    trigger: true,
    severity: 'error',
    feature: 'xmm-input',
    says: /QEMU 7\.1; the target is QEMU 6\.2/,
    fixes: true,
  },
  {
    name: 'xmm-input on QEMU 7.1',
    features: { 'xmm-input': true },
    options: { qemuVersion: '7.1' },
    code: 'FEATURE_TOO_NEW',
    trigger: false,
  },
  {
    name: 'avic (6.2) on QEMU 6.1.1',
    features: { avic: true },
    options: { qemuVersion: '6.1.1' },
    code: 'FEATURE_TOO_NEW',
    trigger: true,
    says: /6\.2/,
  },
  {
    name: 'avic on QEMU 7.2',
    features: { avic: true },
    options: { qemuVersion: '7.2' },
    code: 'FEATURE_TOO_NEW',
    trigger: false,
  },
]);

ruleTable('versions: libvirt', [
  {
    name: 'emsr-bitmap (10.7.0) on libvirt 9.0.0',
    features: { 'emsr-bitmap': true },
    options: { libvirtVersion: '9.0.0' },
    code: 'FEATURE_TOO_NEW',
    trigger: true,
    severity: 'error',
    says: /libvirt 10\.7\.0/,
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'tlbflush direct (11.0.0) on libvirt 10.7.0',
    features: { vapic: true, vpindex: true, tlbflush: true, 'tlbflush-direct': true },
    options: { libvirtVersion: '10.7.0' },
    code: 'FEATURE_TOO_NEW',
    trigger: true,
    feature: 'tlbflush-direct',
  },
  {
    name: 'emsr-bitmap on libvirt 10.7.0',
    features: { 'emsr-bitmap': true },
    options: { libvirtVersion: '10.7.0' },
    code: 'FEATURE_TOO_NEW',
    trigger: false,
  },
]);

ruleTable('versions: machine type', [
  {
    name: 'xmm-input on pc-q35-6.1',
    features: { 'xmm-input': true },
    options: { machine: 'pc-q35-6.1' },
    code: 'MACHINE_TOO_OLD',
    trigger: true,
    severity: 'warning',
    says: /pc-q35-6\.1/,
    fixes: true,
  },
  {
    name: 'xmm-input on a machine type from the input',
    features: { 'xmm-input': true },
    ctx: { machine: 'pc-i440fx-6.0' },
    code: 'MACHINE_TOO_OLD',
    trigger: true,
    syntaxes: ['qemu', 'libvirt'],
  },
  {
    name: "xmm-input on Proxmox's pc-q35-8.1+pve0",
    features: { 'xmm-input': true },
    options: { machine: 'pc-q35-8.1+pve0' },
    code: 'MACHINE_TOO_OLD',
    trigger: false,
  },
  {
    name: 'xmm-input on an unversioned q35',
    features: { 'xmm-input': true },
    options: { machine: 'q35' },
    code: 'MACHINE_TOO_OLD',
    trigger: false,
  },
  {
    name: 'relaxed on pc-q35-6.1',
    features: { relaxed: true },
    options: { machine: 'pc-q35-6.1' },
    code: 'MACHINE_TOO_OLD',
    trigger: false,
  },
]);

describe('version helpers', () => {
  it.each([
    ['pc-q35-7.2', '7.2'],
    ['pc-i440fx-6.1', '6.1'],
    ['pc-q35-8.1+pve0', '8.1'],
    ['pc-1.3', '1.3'],
    ['q35', null],
    ['pc-q35-rhel9.2.0', null],
  ])('%s is QEMU %s', (machine, want) => expect(machineQemuVersion(machine)).toBe(want));

  it('compares versions by number, not text', () => {
    expect(compareVersions('10.7.0', '9.0.0')).toBeGreaterThan(0);
    expect(compareVersions('7.1', '7.10')).toBeLessThan(0);
    expect(compareVersions('6.2', '6.2.0')).toBe(0);
  });

  // parseVersion keeps what it read: the same answer however often a text is asked, and past the
  // point where it starts over (256 texts), and an answer nobody can change for the next caller.
  it('reads a version the same way every time it is asked', () => {
    const reference = (t: string) => {
      const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(t.trim());
      return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
    };
    const text = fc.oneof(fc.stringMatching(/^ ?v?\d{1,3}(\.\d{1,3}){0,3} ?$/), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 600 }), (texts) => {
        for (const t of [...texts, ...texts]) expect(parseVersion(t)).toEqual(reference(t));
      }),
      { numRuns: 30 },
    );
    const v = parseVersion('7.2')!;
    expect(Object.isFrozen(v)).toBe(true);
    expect(parseVersion('7.2')).toBe(v);
  });
});
