import { describe, expect, it } from 'vitest';
import { truncateBytes } from '../../src/rules/values.js';
import { ruleTable } from './table.js';

ruleTable('values: spinlocks', [
  {
    name: 'retries 100 (QEMU takes it)',
    features: { spinlocks: 100 },
    code: 'VALUE_BELOW_MINIMUM',
    trigger: true,
    severity: 'warning',
    feature: 'spinlocks',
    says: /4095/,
    fixes: true,
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'retries 4094',
    features: { spinlocks: 4094 },
    code: 'VALUE_BELOW_MINIMUM',
    trigger: true,
    syntaxes: ['qemu', 'json'],
  },
  { name: 'retries 4095', features: { spinlocks: 4095 }, code: 'VALUE_BELOW_MINIMUM', trigger: false },
  { name: 'retries 8191', features: { spinlocks: 8191 }, code: 'VALUE_BELOW_MINIMUM', trigger: false },
  {
    name: 'retries 100 written for libvirt',
    features: { spinlocks: 100 },
    options: { target: 'libvirt' },
    code: 'LIBVIRT_REFUSES_VALUE',
    trigger: true,
    severity: 'error',
    says: /at least 4095/,
    fixes: true,
    syntaxes: ['qemu', 'json', 'virt-xml'],
  },
  {
    name: 'retries 4095 written for libvirt',
    features: { spinlocks: 4095 },
    options: { target: 'libvirt' },
    code: 'LIBVIRT_REFUSES_VALUE',
    trigger: false,
  },
  {
    name: '0xffffffff: never notify',
    features: { relaxed: true, spinlocks: 0xffffffff },
    code: 'SPECIAL_VALUE',
    trigger: true,
    severity: 'info',
    says: /never notify/,
  },
  { name: '0xfffffffe', features: { relaxed: true, spinlocks: 0xfffffffe }, code: 'SPECIAL_VALUE', trigger: false },
]);

ruleTable('values: vendor id', [
  {
    name: '13 characters',
    features: { relaxed: true, 'vendor-id': 'ABCDEFGHIJKLM' },
    code: 'VENDOR_ID_TRUNCATED',
    trigger: true,
    severity: 'warning',
    feature: 'vendor-id',
    syntaxes: ['qemu', 'json'],
  },
  {
    name: '12 characters',
    features: { relaxed: true, 'vendor-id': 'ABCDEFGHIJKL' },
    code: 'VENDOR_ID_TRUNCATED',
    trigger: false,
  },
  {
    name: '12 characters in 14 bytes',
    features: { relaxed: true, 'vendor-id': 'héllohéllohé' },
    code: 'VENDOR_ID_TRUNCATED',
    trigger: true,
    syntaxes: ['qemu', 'json'],
  },
  {
    name: '13 characters written for libvirt',
    features: { relaxed: true, 'vendor-id': 'ABCDEFGHIJKLM' },
    options: { target: 'libvirt' },
    code: 'LIBVIRT_REFUSES_VALUE',
    trigger: true,
    severity: 'error',
    says: /12 characters/,
    fixes: true,
    syntaxes: ['json'],
  },
  {
    name: 'a comma',
    features: { relaxed: true, 'vendor-id': 'KVM,Hv' },
    code: 'FORBIDDEN_CHARACTER',
    trigger: true,
    severity: 'error',
    fixes: true,
    syntaxes: ['json'],
  },
  { name: 'no comma', features: { relaxed: true, 'vendor-id': 'KVM Hv' }, code: 'FORBIDDEN_CHARACTER', trigger: false },
]);

ruleTable('values: version fields', [
  {
    name: 'service number over 24 bits',
    features: { relaxed: true, 'version-id-snumber': 0x1000000 },
    code: 'VALUE_EXCEEDS_FIELD',
    trigger: true,
    severity: 'warning',
    says: /24 bits/,
    fixes: true,
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'service number at 24 bits',
    features: { relaxed: true, 'version-id-snumber': 0xffffff },
    code: 'VALUE_EXCEEDS_FIELD',
    trigger: false,
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'build number at 32 bits',
    features: { relaxed: true, 'version-id-build': 0xffffffff },
    code: 'VALUE_EXCEEDS_FIELD',
    trigger: false,
    syntaxes: ['qemu', 'json'],
  },
]);

describe('the libvirt parser already refuses low retries and long vendor ids', () => {
  it('is not said twice in libvirt syntax, and low retries have one code wherever they are found', async () => {
    const { parseIn } = await import('./syntaxes.js');
    const { checkConfig } = await import('../../src/rules/index.js');
    const xml =
      "<domain type='kvm'><name>t</name><features><hyperv><relaxed state='on'/><spinlocks state='on' retries='100'/><vendor_id state='on' value='ABCDEFGHIJKLM'/></hyperv></features></domain>";
    const found = checkConfig(parseIn('libvirt', xml), {});
    const codes = found.map((d) => d.code);
    expect(found.filter((d) => d.code === 'LIBVIRT_REFUSES_VALUE').map((d) => d.feature)).toEqual(['spinlocks']);
    expect(codes).toContain('LIBVIRT_VENDOR_ID_INVALID');
  });
});

describe('truncateBytes', () => {
  it.each([
    ['ABCDEFGHIJKLM', 12, 'ABCDEFGHIJKL'],
    ['héllohéllohé', 12, 'héllohéllo'],
    ['short', 12, 'short'],
  ])('%s to %d bytes', (text, max, want) => {
    expect(truncateBytes(text, max)).toBe(want);
    expect(new TextEncoder().encode(truncateBytes(text, max)).length).toBeLessThanOrEqual(max);
  });
});
