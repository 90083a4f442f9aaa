// Reading domain XML: the set, where each item came from, the context, and libvirt's own rules.
import { describe, expect, it } from 'vitest';
import { lineColumnAt } from '../../src/diagnostics/index.js';
import { detectFormat } from '../../src/formats/registry.js';
import { checkLibvirtVersion, parseLibvirt } from '../../src/formats/libvirt/index.js';
import { toJsonSet } from '../../src/model/index.js';
import { readFixture, readOracle } from './support.js';
import { failureOf, okValue } from '../support/parse-result.js';

const domain = (features: string, rest = '') =>
  `<domain type='kvm'>\n  <name>t</name>\n  <os>\n    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n  </os>\n  <features>\n${features}\n  </features>\n${rest}</domain>\n`;
const hyperv = (inner: string, attrs = '') => domain(`    <hyperv${attrs}>\n      ${inner}\n    </hyperv>`);

describe('reading a domain', () => {
  it("reads every enlightenment of libvirt's hyperv test, in libvirt's order", () => {
    const p = okValue(parseLibvirt(readOracle('hyperv.xml')));
    expect(p.diagnostics).toEqual([]);
    expect(toJsonSet(p.set)).toEqual({
      mode: 'custom',
      features: {
        relaxed: true,
        vapic: true,
        spinlocks: 12287,
        vpindex: true,
        runtime: true,
        synic: true,
        stimer: true,
        reset: true,
        'vendor-id': 'KVM Hv',
        frequencies: true,
        reenlightenment: true,
        tlbflush: true,
        ipi: true,
        evmcs: true,
        avic: true,
        'emsr-bitmap': true,
      },
    });
    expect(p.root).toBe('domain');
    expect(p.context).toEqual({ cpuModel: 'qemu64', machine: 'pc' });
  });

  it('keeps where each item came from (line and column)', () => {
    const text = readFixture('win2k22-hand-crlf.xml');
    const p = okValue(parseLibvirt(text));
    const at = (id: 'relaxed' | 'spinlocks') => lineColumnAt(text, p.origins[id]!.start);
    expect(at('relaxed')).toEqual({ line: 21, column: 10 });
    expect(text.slice(p.origins.spinlocks!.start, p.origins.spinlocks!.end)).toBe('retries="8191"');
    expect(p.context).toEqual({ cpuModel: 'host', machine: 'pc-q35-7.2', migratable: true });
  });

  it('reads the timer, the panic device, kvm hidden, the tsc frequency and the cpu', () => {
    const p = okValue(
      parseLibvirt(
        domain(
          "    <kvm>\n      <hidden state='on'/>\n    </kvm>",
          "  <cpu mode='custom'><model>Skylake-Client</model></cpu>\n  <clock offset='utc'>\n    <timer name='tsc' frequency='2500000000'/>\n    <timer name='hypervclock' present='yes'/>\n  </clock>\n  <devices><panic model='hyperv'/></devices>\n",
        ),
      ),
    );
    expect(toJsonSet(p.set).features).toEqual({ time: true, crash: true, 'kvm-hidden': true });
    expect(p.context).toMatchObject({ cpuModel: 'Skylake-Client', tscFrequency: 2500000000 });
  });

  it.each([
    ["<hyperv mode='passthrough'/>", 'passthrough'],
    ["<hyperv mode='host-model'/>", 'host-model'],
    ['<hyperv/>', 'custom'],
  ])('reads the mode of %s', (el, mode) => {
    expect(okValue(parseLibvirt(domain(`    ${el}`))).set.mode).toBe(mode);
  });

  it('reads fragments: <features> and <hyperv>', () => {
    const f = okValue(parseLibvirt(readFixture('fragment-features.xml')));
    expect([f.root, toJsonSet(f.set).features, f.context]).toEqual([
      'features',
      { relaxed: true, stimer: true, 'stimer-direct': true, 'kvm-hidden': true },
      {},
    ]);
    const h = okValue(parseLibvirt(readFixture('fragment-hyperv.xml')));
    expect([h.root, toJsonSet(h.set).features]).toEqual(['hyperv', { relaxed: true, 'vendor-id': 'KVM Hv' }]);
  });

  it('follows libvirt: state=off turns a value feature off, children of an off stimer are ignored, the last duplicate wins', () => {
    const p = okValue(
      parseLibvirt(
        hyperv(
          "<spinlocks state='off' retries='x'/>\n      <stimer state='off'><direct state='on'/></stimer>\n      <relaxed state='on'/>\n      <relaxed state='off'/>",
        ),
      ),
    );
    expect(toJsonSet(p.set).features).toEqual({ stimer: false, relaxed: false });
    expect(p.diagnostics.map((d) => d.code)).toEqual(['DUPLICATE_FEATURE']);
  });

  it('is detected as libvirt XML', () => {
    expect(detectFormat(readOracle('hyperv.xml'))?.id).toBe('libvirt');
    expect(detectFormat('\uFEFF  <hyperv/>')?.id).toBe('libvirt');
  });
});

describe("libvirt's rules, in libvirt's words", () => {
  const CASES: [string, string, string, string][] = [
    [
      'retries below 4095',
      hyperv("<spinlocks state='on' retries='4094'/>"),
      'LIBVIRT_REFUSES_VALUE',
      'HyperV spinlock retry count must be at least 4095',
    ],
    [
      'octal retries',
      hyperv("<spinlocks state='on' retries='05000'/>"),
      'LIBVIRT_REFUSES_VALUE',
      'HyperV spinlock retry count must be at least 4095',
    ],
    [
      'retries not a number',
      hyperv("<spinlocks state='on' retries='abc'/>"),
      'LIBVIRT_INVALID_VALUE',
      "Invalid value for attribute 'retries' in element 'spinlocks': 'abc'. Expected non-negative integer value",
    ],
    [
      'retries over 32 bits',
      hyperv("<spinlocks state='on' retries='4294967296'/>"),
      'LIBVIRT_INVALID_VALUE',
      "Invalid value for attribute 'retries' in element 'spinlocks': '4294967296'.",
    ],
    [
      'vendor_id over 12 characters',
      hyperv("<vendor_id state='on' value='1234567890123'/>"),
      'LIBVIRT_VENDOR_ID_INVALID',
      'HyperV vendor_id value must not be more than 12 characters.',
    ],
    [
      'vendor_id with a comma',
      hyperv("<vendor_id state='on' value='KVM,Hv'/>"),
      'LIBVIRT_VENDOR_ID_INVALID',
      'HyperV vendor_id value is invalid',
    ],
    [
      'vendor_id without a value',
      hyperv("<vendor_id state='on'/>"),
      'LIBVIRT_MISSING_ATTRIBUTE',
      "missing 'value' attribute for HyperV feature 'vendor_id'",
    ],
    [
      'state not on/off',
      hyperv("<relaxed state='yes'/>"),
      'LIBVIRT_INVALID_VALUE',
      "Invalid value for attribute 'state' in element 'relaxed': 'yes'.",
    ],
    [
      'state missing',
      hyperv('<relaxed/>'),
      'LIBVIRT_MISSING_ATTRIBUTE',
      "Missing required attribute 'state' in element 'relaxed'",
    ],
    [
      'unknown element',
      hyperv("<spinlock state='on'/>"),
      'LIBVIRT_UNKNOWN_ELEMENT',
      'unsupported HyperV Enlightenment feature: spinlock',
    ],
    [
      'unknown stimer child',
      hyperv("<stimer state='on'><indirect state='on'/></stimer>"),
      'LIBVIRT_UNKNOWN_ELEMENT',
      'unsupported Hyper-V stimer feature: indirect',
    ],
    [
      'unknown tlbflush child',
      hyperv("<tlbflush state='on'><foo state='on'/></tlbflush>"),
      'LIBVIRT_UNKNOWN_ELEMENT',
      'unsupported Hyper-V tlbflush feature: foo',
    ],
    [
      'bad mode',
      hyperv('', " mode='auto'"),
      'LIBVIRT_INVALID_VALUE',
      "Invalid value for attribute 'mode' in element 'hyperv': 'auto'.",
    ],
    [
      'passthrough with children',
      hyperv("<relaxed state='on'/>", " mode='passthrough'"),
      'LIBVIRT_PASSTHROUGH_CHILDREN',
      "<hyperv mode='passthrough'> has children",
    ],
    [
      'bad timer present',
      domain('', "  <clock offset='utc'><timer name='hypervclock' present='on'/></clock>\n"),
      'LIBVIRT_INVALID_VALUE',
      "Invalid value for attribute 'present' in element 'timer': 'on'.",
    ],
    [
      'two hyperv panic devices',
      domain('', "  <devices><panic model='hyperv'/><panic model='hyperv'/></devices>\n"),
      'LIBVIRT_UNSUPPORTED_GUEST',
      "Multiple panic devices with model 'hyperv'",
    ],
    [
      'hyperv panic with an address',
      domain('', "  <devices><panic model='hyperv'><address type='isa' iobase='0x505'/></panic></devices>\n"),
      'LIBVIRT_UNSUPPORTED_GUEST',
      "setting the panic device address is not supported for model 'hyperv'",
    ],
    [
      'hyperv on a non-x86 guest',
      hyperv("<relaxed state='on'/>").replace('x86_64', 's390x'),
      'LIBVIRT_UNSUPPORTED_GUEST',
      "Hyperv features are not supported for architecture 's390x' or machine type 'pc-q35-7.2'",
    ],
  ];

  it.each(CASES)('%s', (_, xml, code, says) => {
    const p = okValue(parseLibvirt(xml));
    const d = p.diagnostics.find((x) => x.code === code);
    expect(d, JSON.stringify(p.diagnostics)).toBeDefined();
    expect(d!.message).toContain(says);
    expect(d!.span).toBeDefined();
  });

  it('accepts hex retries as libvirt does, and warns that its schema does not', () => {
    const p = okValue(parseLibvirt(hyperv("<spinlocks state='on' retries='0x1fff'/>")));
    expect(p.set.features.spinlocks).toBe(8191);
    expect(p.diagnostics.map((d) => [d.code, d.severity])).toEqual([['LIBVIRT_INVALID_VALUE', 'warning']]);
  });

  it('checks versions separately: what 9.0 refuses, what it ignores', () => {
    const p = okValue(
      parseLibvirt(
        hyperv(
          "<spinlocks state='on'/>\n      <xmm_input state='on'/>\n      <tlbflush state='on'><extended state='on'/></tlbflush>",
          " mode='host-model'",
        ),
      ),
    );
    expect(p.diagnostics).toEqual([]);
    const found = checkLibvirtVersion(p.versionNeeds, '9.0.0').map((d) => [d.severity, d.message]);
    expect(found).toEqual([
      ['error', "<hyperv mode='host-model'> needs libvirt 11.9.0; libvirt 9.0.0 refuses the domain"],
      ['error', '<spinlocks> without retries needs libvirt 11.9.0; libvirt 9.0.0 refuses the domain'],
      ['error', '<xmm_input> needs libvirt 10.7.0; libvirt 9.0.0 refuses the domain'],
      ['warning', '<tlbflush><extended> needs libvirt 11.0.0; libvirt 9.0.0 ignores it'],
    ]);
    expect(checkLibvirtVersion(p.versionNeeds, '12.1')).toEqual([]);
  });
});

describe('bad input: an answer, never an exception', () => {
  it('malformed XML: a message with line and column', () => {
    const text = '<domain>\n  <features>\n    <hyperv>\n  </features>\n</domain>\n';
    const p = failureOf(parseLibvirt(text));
    expect(p[0]!.code).toBe('XML_MALFORMED');
    expect(p[0]!.message).toContain('</features> does not match <hyperv> opened at 3:5');
    expect(lineColumnAt(text, p[0]!.span!.start)).toEqual({ line: 4, column: 3 });
  });

  it('refuses a DTD and never expands an entity (billion laughs)', () => {
    const lol = ['<?xml version="1.0"?>', '<!DOCTYPE lolz [', ' <!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i++) lol.push(` <!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    lol.push(']>', '<domain><name>&lol9;</name></domain>');
    const p = failureOf(parseLibvirt(lol.join('\n')));
    expect(p.map((d) => d.code)).toEqual(['XML_DTD_REFUSED']);
    expect(p[0]!.message).toContain('billion laughs');
  });

  it('refuses an external entity without fetching it', () => {
    const p = failureOf(
      parseLibvirt('<!DOCTYPE domain [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><domain><name>&xxe;</name></domain>'),
    );
    expect(p.map((d) => d.code)).toEqual(['XML_DTD_REFUSED']);
    const q = failureOf(parseLibvirt('<domain><name>&xxe;</name></domain>'));
    expect(q.map((d) => d.code)).toEqual(['XML_UNKNOWN_ENTITY']);
  });

  it('refuses inputs over the 1 MiB cap, and elements nested over 1000 deep', () => {
    expect(failureOf(parseLibvirt(`<domain>${' '.repeat(1024 * 1024)}</domain>`)).map((d) => d.code)).toEqual([
      'XML_TOO_LARGE',
    ]);
    expect(failureOf(parseLibvirt(`${'<a>'.repeat(1001)}${'</a>'.repeat(1001)}`)).map((d) => d.code)).toEqual([
      'XML_TOO_DEEP',
    ]);
  });

  it('names what it expected for other documents', () => {
    const p = failureOf(parseLibvirt('<network><name>default</name></network>'));
    expect(p.map((d) => d.message)).toEqual([
      'expected a libvirt <domain>, or a <features> or <hyperv> element, found <network>',
    ]);
    expect(failureOf(parseLibvirt('')).map((d) => d.code)).toEqual(['XML_EMPTY']);
  });
});
