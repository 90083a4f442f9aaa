import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQemu } from '../../src/formats/qemu/index.js';
import { computeCpuid } from '../../src/guest/cpuid.js';
import { decodeGuest } from '../../src/guest/decode.js';
import { compareWithGuest } from '../../src/guest/expect.js';
import { REGISTERS, hex32 } from '../../src/guest/leaves.js';
import { okValue } from '../support/parse-result.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/guest/${name}`, import.meta.url), 'utf8');
const WORKED =
  '-cpu host,hv-relaxed,hv-vapic,hv-spinlocks=0x1fff,hv-vpindex,hv-runtime,hv-time,hv-synic,hv-stimer,hv-frequencies,hv-reset,hv-tlbflush,hv-ipi';
const codes = (config: string, guestText: string, machine?: string) =>
  compareWithGuest(okValue(parseQemu(config)).set, decodeGuest(guestText), machine ? { machine } : {}).map(
    (d) => `${d.code}${d.feature ? ` ${d.feature}` : ''}`,
  );
/** The table a guest with this configuration would report. */
const tableOf = (config: string, machine?: string) =>
  [...computeCpuid(okValue(parseQemu(config)).set, machine ? { machine } : {}).leaves]
    .filter(([, r]) => REGISTERS.every((x) => r[x] !== undefined))
    .map(([leaf, r]) => [leaf, ...REGISTERS.map((x) => r[x]!)].map(hex32).join(' '))
    .join('\n');

describe('decode --expect', () => {
  it('finds nothing when the guest has exactly the configuration', () => {
    expect(codes(WORKED, tableOf(WORKED))).toEqual([]);
    expect(codes(WORKED, fixture('worked-example-table.txt'))).toEqual([]);
  });
  it('names configured features the guest lacks, and guest features not configured', () => {
    expect(codes(`${WORKED},hv-crash`, fixture('worked-example-table.txt'))).toEqual(['GUEST_FEATURE_MISSING crash']);
    expect(codes(WORKED.replace(',hv-ipi', ''), fixture('worked-example-table.txt'))).toEqual([
      'GUEST_FEATURE_UNEXPECTED ipi',
    ]);
  });
  it('compares values, including the vendor id', () => {
    const found = compareWithGuest(
      okValue(parseQemu(WORKED.replace('0x1fff', '0xfff'))).set,
      decodeGuest(fixture('worked-example-table.txt')),
    );
    expect(found.map((d) => d.code)).toEqual(['GUEST_VALUE_DIFFERS']);
    expect(found[0]!.message).toMatch(/configured 4095 \(0xfff\), the guest sees 8191 \(0x1fff\)/);
    const vendor = compareWithGuest(
      okValue(parseQemu(`${WORKED},hv-vendor-id=KVM Hv`)).set,
      decodeGuest(fixture('worked-example-table.txt')),
    );
    expect(vendor.map((d) => d.code)).toEqual(['GUEST_VALUE_DIFFERS']);
    const wrongGuest = compareWithGuest(
      okValue(parseQemu(WORKED)).set,
      decodeGuest(tableOf(`${WORKED},hv-vendor-id=KVM Hv`)),
    );
    expect(wrongGuest[0]!.notes!.join(' ')).toMatch(/Linux guests do not use any Hyper-V feature/);
  });
  it('one finding, with the host cause first, when the guest has no Hyper-V at all (this machine)', () => {
    const found = compareWithGuest(okValue(parseQemu(WORKED)).set, decodeGuest(fixture('this-host-guest-script.txt')));
    expect(found.map((d) => d.code)).toEqual(['GUEST_NO_HYPERV']);
    expect(found[0]!.notes![0]).toMatch(/KVM_CAP_HYPERV is 0/);
  });
  it('cannot check from a log what the log does not show', () => {
    expect(codes(`${WORKED},hv-enforce-cpuid`, fixture('worked-example-dmesg.txt'))).toEqual([
      'GUEST_FEATURE_NOT_VISIBLE enforce-cpuid',
      'GUEST_FEATURE_NOT_VISIBLE spinlocks',
    ]);
    expect(codes(WORKED, fixture('this-host-dmesg.txt')).every((c) => c.startsWith('GUEST_FEATURE_NOT_VISIBLE'))).toBe(
      true,
    );
  });
  it('knows the machine-type version defaults', () => {
    expect(codes(WORKED, tableOf(WORKED, 'pc-q35-6.1'), 'pc-q35-6.1')).toEqual([]);
  });
  it('says what it cannot know in passthrough mode without a probe file', () => {
    expect(codes('host,hv-passthrough', fixture('worked-example-table.txt'))).toEqual([
      'CPUID_NEEDS_HOST',
      'GUEST_FEATURE_NOT_VISIBLE passthrough',
    ]);
  });
});
