import { describe, expect, it } from 'vitest';
import { parseQemu } from '../../src/formats/qemu/index.js';
import { getValue, toJsonSet } from '../../src/model/index.js';
import { checkConfig } from '../../src/rules/index.js';
import { diagnosticsOf, failureOf, okValue } from '../support/parse-result.js';

const features = (text: string) => toJsonSet(okValue(parseQemu(text)).set).features;
const codes = (text: string) => diagnosticsOf(parseQemu(text)).map((d) => d.code);

describe('QEMU -cpu parsing', () => {
  it.each([
    ['host,hv_relaxed', { relaxed: true }],
    ['host,hv-relaxed', { relaxed: true }],
    ['host,hv-relaxed=on', { relaxed: true }],
    ['host,hv-relaxed=off', { relaxed: false }],
    ['host,hv-relaxed=yes', { relaxed: true }],
    ['host,hv-relaxed=no', { relaxed: false }],
    ['host,hv-relaxed=true', { relaxed: true }],
    ['host,hv-relaxed=false', { relaxed: false }],
    ['host,hv_spinlocks=0x1fff', { spinlocks: 8191 }],
    ['host,hv-spinlocks=8191', { spinlocks: 8191 }],
    ['host,hv-spinlocks=017777', { spinlocks: 8191 }],
    ['host,hv-spinlocks=0xffffffff', { spinlocks: 0xffffffff }],
    ['host,hv-apicv', { avic: true }],
    ['host,hv_apicv=on', { avic: true }],
    ['host,hv-vendor-id=KVM Hv', { 'vendor-id': 'KVM Hv' }],
    ['host,hv-no-nonarch-coresharing=auto', { 'no-nonarch-coresharing': 'auto' }],
    ['host,hv-version-id-major=0x6', { 'version-id-major': 6 }],
    ['host,hv_stimer_direct', { 'stimer-direct': true }],
    ['host,x-hv-max-vps=-1', { 'x-max-vps': -1 }],
  ])('%s', (text, expected) => {
    expect(features(text)).toEqual(expected);
  });

  it('keeps the model and non-hv flags', () => {
    const p = okValue(parseQemu('Skylake-Client,+vmx,hv-relaxed,kvm=off,tsc-frequency=2000000000'));
    expect(p.context.cpuModel).toBe('Skylake-Client');
    expect(getValue(p.set, 'kvm-hidden')).toBe(true);
    expect(p.context.tscFrequency).toBe(2000000000);
    expect(p.cpu?.items.filter((i) => !i.feature).map((i) => i.raw)).toEqual(['+vmx', 'tsc-frequency=2000000000']);
  });

  it('reads passthrough as the mode', () => {
    expect(toJsonSet(okValue(parseQemu('host,hv-passthrough=on')).set)).toEqual({ mode: 'passthrough', features: {} });
  });

  it('reads whole command lines with quotes and continuations', () => {
    const text =
      "qemu-system-x86_64 \\\n-machine pc-q35-7.2,accel=kvm \\\n-cpu 'qemu64,hv-time=on,hv-vendor-id=KVM Hv' \\\n-m 4096";
    const p = okValue(parseQemu(text));
    expect(p.commandLine).toBe(true);
    expect(p.context.machine).toBe('pc-q35-7.2');
    expect(toJsonSet(p.set).features).toEqual({ time: true, 'vendor-id': 'KVM Hv' });
    const span = p.origins['vendor-id']!;
    expect(text.slice(span.start, span.end)).toBe('hv-vendor-id=KVM Hv');
  });

  it('joins legacy .args values split mid-word by backslash-newline', () => {
    const p = okValue(parseQemu("-cpu 'qemu32,hv_relaxed,hv_run\\\ntime,hv_synic'"));
    expect(Object.keys(toJsonSet(p.set).features)).toEqual(['relaxed', 'runtime', 'synic']);
  });

  it.each([
    ['host,hv-relaxed=maybe', 'INVALID_BOOLEAN', "Parameter 'hv-relaxed' expects 'on' or 'off'"],
    ['host,hv-spinlocks=abc', 'INVALID_NUMBER', "Parameter 'hv-spinlocks' expects uint64"],
    ['host,hv-spinlocks=0x100000000', 'NUMBER_OUT_OF_RANGE', "Parameter 'hv-spinlocks' expects uint32_t"],
    ['host,hv-spinlocks=-1', 'NUMBER_OUT_OF_RANGE', "Parameter 'hv-spinlocks' expects uint32_t"],
    ['host,hv-spinlocks', 'MISSING_VALUE', "Parameter 'hv-spinlocks' expects uint64"],
    ['host,hv-foo', 'UNKNOWN_FEATURE', "Property 'host-x86_64-cpu.hv-foo' not found"],
    ['host,hv_stimerr', 'UNKNOWN_FEATURE', "Property 'host-x86_64-cpu.hv-stimerr' not found"],
    ['host,hv-version-id-major=0x10000', 'NUMBER_OUT_OF_RANGE', "Parameter 'hv-version-id-major' expects uint16_t"],
    [
      'host,hv-no-nonarch-coresharing=maybe',
      'INVALID_VALUE',
      "Parameter 'hv-no-nonarch-coresharing' does not accept value 'maybe'",
    ],
  ])('rejects %s with %s', (text, code, qemuText) => {
    const d = okValue(parseQemu(text)).diagnostics;
    expect(d.map((x) => x.code)).toEqual([code]);
    expect(d[0]!.message).toContain(qemuText);
    expect(d[0]!.severity).toBe('error');
  });

  it.each([
    ['qemu64,+hv-relaxed', { relaxed: true }],
    ['qemu64,-hv-relaxed,hv-relaxed=on', { relaxed: false }],
    ['qemu64,hv-relaxed=on,-hv-relaxed', { relaxed: false }],
    ['qemu64,-hv-relaxed,+hv-relaxed', { relaxed: false }],
    ['qemu64,+hv-relaxed,-hv-relaxed', { relaxed: false }],
    ['qemu64,hv-avic=on,hv-apicv=off', { avic: false }],
    ['qemu64,,hv-relaxed,', { relaxed: true }],
  ])('applies %s as QEMU does', (text, expected) => {
    expect(features(text)).toEqual(expected);
  });

  it.each([
    ['qemu64,+hv_relaxed', 'UNKNOWN_FEATURE', "Property 'qemu64-x86_64-cpu.hv_relaxed' not found"],
    ['qemu64,+hv-relaxed=on', 'UNKNOWN_FEATURE', "Property 'qemu64-x86_64-cpu.hv-relaxed=on' not found"],
    ['qemu64,+hv-spinlocks', 'MISSING_VALUE', "Parameter 'hv-spinlocks' expects uint64"],
    ['qemu64,+hv-vendor-id', 'INVALID_VALUE', "Invalid parameter type for 'hv-vendor-id', expected: string"],
    ['qemu64,HV-RELAXED=on', 'UNKNOWN_FEATURE', "Property 'qemu64-x86_64-cpu.HV-RELAXED' not found"],
    ['qemu64, hv-relaxed=on', 'UNKNOWN_FEATURE', "Property 'qemu64-x86_64-cpu. hv-relaxed' not found"],
    ['qemu64,hv-relaxed=ON', 'INVALID_BOOLEAN', "Parameter 'hv-relaxed' expects 'on' or 'off'"],
    ['qemu64,hv-spinlocks=08', 'INVALID_NUMBER', "Parameter 'hv-spinlocks' expects uint64"],
    ['qemu64,x-hv-max-vps=0x80000000', 'NUMBER_OUT_OF_RANGE', "Parameter 'x-hv-max-vps' expects int32_t"],
  ])('rejects %s like QEMU', (text, code, qemuText) => {
    const d = okValue(parseQemu(text)).diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toEqual([code]);
    expect(d[0]!.message).toContain(qemuText);
  });

  it('warns when +/- comes before a feature=value of the same property', () => {
    expect(codes('qemu64,-hv-relaxed,hv-relaxed=on')).toEqual(['AMBIGUOUS_CPU_STRING']);
    expect(codes('qemu64,hv-relaxed=on,-hv-relaxed')).toEqual([]);
  });

  it('counts the vendor id in bytes (the values rule says it, once; the parser judges no length)', () => {
    const checked = (text: string) => checkConfig(okValue(parseQemu(text))).map((d) => d.code);
    expect(codes('qemu64,hv-vendor-id=héllohéllohé')).toEqual([]);
    expect(checked('qemu64,hv-vendor-id=héllohéllohé').filter((c) => c.startsWith('VENDOR'))).toEqual([
      'VENDOR_ID_TRUNCATED',
    ]);
    expect(checked('qemu64,hv-vendor-id=Microsoft Hv').filter((c) => c.startsWith('VENDOR'))).toEqual([]);
  });

  it('suggests the nearest property', () => {
    const d = okValue(parseQemu('host,hv_stimerr')).diagnostics[0]!;
    expect(d.notes?.join(' ')).toContain("'hv_stimer'");
  });

  it('warns about duplicates and conflicts', () => {
    expect(codes('host,hv-relaxed,hv-relaxed')).toEqual(['DUPLICATE_FEATURE']);
    expect(codes('host,hv-relaxed=on,hv-relaxed=off')).toEqual(['CONFLICTING_FEATURE']);
    expect(features('host,hv-relaxed=on,hv-relaxed=off')).toEqual({ relaxed: false });
  });

  it('points spans at the item', () => {
    const text = '-cpu host,hv_stimer';
    const p = okValue(parseQemu(text));
    const s = p.origins.stimer!;
    expect(text.slice(s.start, s.end)).toBe('hv_stimer');
  });

  it('reports an unterminated quote and a missing -cpu', () => {
    expect(failureOf(parseQemu("qemu-system-x86_64 -cpu 'host,hv-relaxed")).map((d) => d.code)).toEqual([
      'UNTERMINATED_QUOTE',
    ]);
    expect(codes('qemu-system-x86_64 -m 1024 -machine q35')).toEqual(['NO_CPU_ARGUMENT']);
  });
});

describe('dependency check', () => {
  it('names hv-synic, hv-time and hv-vpindex for hv_stimer alone, each with a fix', () => {
    const d = checkConfig(okValue(parseQemu('-cpu host,hv_stimer')));
    expect(d.map((x) => [x.code, x.feature, x.fix?.changes[0]?.feature])).toEqual([
      ['MISSING_DEPENDENCY', 'stimer', 'synic'],
      ['MISSING_DEPENDENCY', 'stimer', 'time'],
      ['MISSING_DEPENDENCY', 'synic', 'vpindex'],
    ]);
    expect(d[0]!.message).toBe(
      'Hyper-V synthetic timers (hv-stimer) requires Hyper-V synthetic interrupt controller (hv-synic)',
    );
  });

  it.each([
    ['host,hv-tlbflush', ['vpindex']],
    ['host,hv-ipi', ['vpindex']],
    ['host,hv-evmcs', ['vapic']],
    ['host,hv-tlbflush-ext', ['tlbflush', 'vpindex']],
    ['host,hv-tlbflush-direct', ['vapic']],
    ['host,hv-stimer-direct', ['stimer', 'synic', 'time', 'vpindex']],
    ['host,hv-syndbg', ['synic', 'relaxed', 'vpindex']],
    ['host,hv-synic,x-hv-synic-kvm-only=on', []],
    ['host,hv-passthrough,hv-stimer', []],
    ['host,hv-stimer=off', []],
    ['host,hv-vpindex,hv-synic,hv-time,hv-stimer', []],
  ])('%s needs %j', (text, missing) => {
    const d = checkConfig(okValue(parseQemu(text))).filter((x) => x.code === 'MISSING_DEPENDENCY');
    expect(d.map((x) => x.fix!.changes[0]!.feature)).toEqual(missing);
  });
});

// Found by a hostile review of the shell reader (stop 25): words bash ends or separates where the
// lexer alone does not.
describe('a -cpu word in a script, where bash ends words', () => {
  it('a quoted or escaped ; does not end the command: the -cpu after it is read', () => {
    for (const name of ['"a;"', "'a;'", 'a\\;'])
      expect(features(`qemu-system-x86_64 -name ${name} -cpu host,hv_relaxed -m 4G\n`)).toEqual({ relaxed: true });
  });

  it('a QEMU command after a case pattern on its line is found, and ;; ends it', () => {
    const script =
      'case "$1" in\n  start) qemu-system-x86_64 -enable-kvm -cpu host,hv_relaxed -m 4G ;;\n  stop) echo stop ;;\nesac\n';
    expect(features(script)).toEqual({ relaxed: true });
  });

  it('an unquoted > or ; in the -cpu word ends the value there, said so, and the item it cuts is not read', () => {
    const r = parseQemu('qemu-system-x86_64 -cpu host,hv_relaxed,hv_time>log -m 4G\n');
    // hv_time>log is one item as written: like an item a variable builds, it is left unchecked.
    expect(toJsonSet(okValue(r).set).features).toEqual({ relaxed: true });
    const d = diagnosticsOf(r).find((x) => x.code === 'SHELL_EXPANSION')!;
    expect((d.notes ?? []).join('\n')).toContain(
      'bash ends the word at the unquoted >: >log is not part of the -cpu value',
    );
    // A separator glued to the value ends the command there, as in bash: the value is read whole.
    expect(codes('qemu-system-x86_64 -cpu host,hv_relaxed;echo done\n')).not.toContain('SHELL_EXPANSION');
    expect(features('qemu-system-x86_64 -cpu host,hv_relaxed;echo done\n')).toEqual({ relaxed: true });
    // `CPU=...;fi` is an assignment, then fi: the value is not read as `host,hv_time;fi` (an unknown feature).
    const inIf = codes('A=1\nif [ -n "$A" ]; then CPU=host,hv_time;fi\nqemu-system-x86_64 -cpu "$CPU"\n');
    expect(inIf).toContain('SHELL_EXPANSION');
    expect(inIf).not.toContain('UNKNOWN_FEATURE');
    expect(codes('CPU=host,hv_relaxed;MEM=4G\nqemu-system-x86_64 -cpu "$CPU" -m "$MEM"\n')).not.toContain(
      'UNKNOWN_FEATURE',
    );
    expect(features('CPU=host,hv_relaxed;MEM=4G\nqemu-system-x86_64 -cpu "$CPU" -m "$MEM"\n')).toEqual({
      relaxed: true,
    });
  });
});
