// kvm-hidden: one catalog setting in every syntax (QEMU's inverted kvm=off, libvirt's
// <kvm><hidden>, virt-xml's kvm_hidden / kvm.hidden.state, JSON "kvm-hidden").
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.js';
import { parseJsonSet } from '../../src/formats/json/index.js';
import { editLibvirt, parseLibvirt, printLibvirt, translateLibvirtToQemu } from '../../src/formats/libvirt/index.js';
import { parseQemu, printQemuCpu } from '../../src/formats/qemu/index.js';
import { parseVirtXml } from '../../src/formats/virt-xml/index.js';
import { printVirtXmlCommands } from '../../src/formats/virt-xml/print.js';
import { computeCpuid } from '../../src/guest/cpuid.js';
import { emptySet, getValue, setFeature } from '../../src/model/index.js';
import { checkConfig } from '../../src/rules/index.js';
import { okValue } from '../support/parse-result.js';

const hidden = setFeature(emptySet(), 'kvm-hidden', true);
const domain = (features: string) =>
  `<domain type='qemu'>\n  <name>k</name>\n  <memory unit='KiB'>131072</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n${features}</domain>\n`;

describe('kvm-hidden in the catalog', () => {
  it('is a related KVM setting, not an hv-* property, and turns no Hyper-V identification on', () => {
    const def = CATALOG['kvm-hidden'];
    expect(def.related).toBe('kvm');
    expect(def.identification).toBe(false);
    expect(def.qemu).toMatchObject({ name: 'kvm', inverted: true });
    expect(def.sources['gpu']!.map((c) => c.source)).toContain('nvidiaGeforceVm');
  });
});

describe("QEMU: kvm is inverted (measured with QEMU 7.2: qom-get of the CPU's kvm property)", () => {
  it.each([
    ['qemu64,kvm=off', true],
    ['qemu64,kvm=no', true],
    ['qemu64,kvm=false', true],
    ['qemu64,-kvm', true],
    ['qemu64,kvm=on', false],
    ['qemu64,kvm', false],
    ['qemu64,+kvm', false],
    ['qemu64,kvm=off,kvm=on', false],
  ] as const)('%s hides KVM: %s', (text, value) => {
    const p = okValue(parseQemu(text));
    expect(getValue(p.set, 'kvm-hidden')).toBe(value);
    expect(p.diagnostics.filter((d) => d.code !== 'CONFLICTING_FEATURE')).toEqual([]);
  });

  it('reports what QEMU refuses', () => {
    expect(okValue(parseQemu('qemu64,kvm=OFF')).diagnostics.map((d) => d.code)).toEqual(['INVALID_BOOLEAN']);
  });

  it('prints kvm=off for hidden and kvm=on for explicitly visible, in both styles', () => {
    expect(printQemuCpu(hidden, { model: 'qemu64' }).text).toBe('qemu64,kvm=off');
    expect(printQemuCpu(hidden, { model: 'qemu64', style: 'legacy' }).text).toBe('qemu64,kvm=off');
    expect(printQemuCpu(setFeature(emptySet(), 'kvm-hidden', false), { model: 'qemu64', style: 'legacy' }).text).toBe(
      'qemu64,kvm',
    );
  });

  it("hides KVM's signature leaves in the CPUID model, without turning Hyper-V on", () => {
    const r = computeCpuid(okValue(parseQemu('qemu64,kvm=off')).set);
    expect(r.kvmBase).toBeNull();
    expect(r.identification).toBe(false);
  });
});

describe('libvirt <features><kvm>', () => {
  it('reads <hidden>, the last one winning (measured with libvirt 9.0), and reports what libvirt refuses', () => {
    const p = okValue(
      parseLibvirt(
        domain(
          "  <features>\n    <kvm>\n      <hidden state='on'/>\n      <hidden state='off'/>\n    </kvm>\n  </features>\n",
        ),
      ),
    );
    expect(getValue(p.set, 'kvm-hidden')).toBe(false);
    const bad = okValue(
      parseLibvirt(
        domain(
          "  <features>\n    <kvm>\n      <hidden state='yes'/>\n      <poll-control/>\n      <bogus state='on'/>\n    </kvm>\n  </features>\n",
        ),
      ),
    );
    expect(bad.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'LIBVIRT_INVALID_VALUE',
        "state='yes' (libvirt: Invalid value for attribute 'state' in element 'hidden': 'yes'.)",
      ],
      [
        'LIBVIRT_MISSING_ATTRIBUTE',
        "<poll-control> has no state (libvirt: Missing required attribute 'state' in element 'poll-control')",
      ],
      [
        'LIBVIRT_UNKNOWN_ELEMENT',
        '<bogus> is not a KVM feature libvirt knows (libvirt: unsupported KVM feature: bogus)',
      ],
    ]);
  });

  it('translates as libvirt 9.0 does: kvm=off after the Hyper-V block, then the other <kvm> children; dirty-ring is no -cpu item', () => {
    const xml = domain(
      "  <features>\n    <hyperv>\n      <relaxed state='on'/>\n    </hyperv>\n    <kvm>\n      <hidden state='on'/>\n      <hint-dedicated state='on'/>\n      <poll-control state='on'/>\n      <pv-ipi state='off'/>\n      <dirty-ring state='on' size='4096'/>\n    </kvm>\n  </features>\n",
    );
    expect(translateLibvirtToQemu(okValue(parseLibvirt(xml)), { libvirtVersion: '9.0.0' }).text).toBe(
      'qemu64,hv-relaxed=on,kvm=off,kvm-hint-dedicated=on,kvm-poll-control=on,kvm-pv-ipi=off',
    );
    const off = xml.replace("<hidden state='on'/>", "<hidden state='off'/>");
    expect(translateLibvirtToQemu(okValue(parseLibvirt(off)), { libvirtVersion: '9.0.0' }).text).toBe(
      'qemu64,hv-relaxed=on,kvm-hint-dedicated=on,kvm-poll-control=on,kvm-pv-ipi=off',
    );
  });

  it('prints <kvm><hidden> inside <features>', () => {
    expect(printLibvirt(hidden).text).toBe("<features>\n  <kvm>\n    <hidden state='on'/>\n  </kvm>\n</features>");
  });

  it('edits: adds <kvm> to <features>, or <features> with <hyperv> and <kvm> to a domain without one; sets and removes', () => {
    const withFeatures = okValue(parseLibvirt(domain('  <features>\n    <acpi/>\n  </features>\n')));
    const added = editLibvirt(withFeatures, hidden).text;
    expect(added).toContain("<acpi/>\n    <kvm>\n      <hidden state='on'/>\n    </kvm>\n  </features>");
    const none = okValue(parseLibvirt(domain('')));
    const both = editLibvirt(none, setFeature(hidden, 'relaxed', true)).text;
    expect(both.match(/<features>/g)).toHaveLength(1);
    expect(toFeatures(both)).toEqual({ relaxed: true, 'kvm-hidden': true });
    const turnedOff = editLibvirt(okValue(parseLibvirt(added)), setFeature(emptySet(), 'kvm-hidden', false)).text;
    expect(turnedOff).toContain("<hidden state='off'/>");
    expect(editLibvirt(okValue(parseLibvirt(added)), emptySet()).text).not.toContain('<hidden');
  });
});

function toFeatures(xml: string) {
  return okValue(parseLibvirt(xml)).set.features;
}

describe('virt-xml and JSON', () => {
  it('reads both virt-xml spellings and the xpath form', () => {
    for (const text of [
      'virt-xml vm --edit --features kvm_hidden=on',
      'virt-xml vm --edit --features kvm.hidden.state=on',
      'virt-xml vm --edit --features xpath1.set=./kvm/hidden/@state=on',
    ]) {
      expect(getValue(okValue(parseVirtXml(text)).set, 'kvm-hidden'), text).toBe(true);
    }
  });

  it('writes kvm.hidden.state (modern) or kvm_hidden (legacy)', () => {
    expect(printVirtXmlCommands(emptySet(), hidden).commands.join('\n')).toContain('kvm.hidden.state=on');
    expect(printVirtXmlCommands(emptySet(), hidden, { style: 'legacy' }).commands.join('\n')).toContain(
      'kvm_hidden=on',
    );
  });

  it('JSON has "kvm-hidden": true', () => {
    expect(getValue(okValue(parseJsonSet('{"features": {"kvm-hidden": true}}')).set, 'kvm-hidden')).toBe(true);
  });
});

describe('checks', () => {
  it('--gpu-passthrough on Windows advises hiding KVM, citing NVIDIA (drivers before R465)', () => {
    const d = checkConfig(okValue(parseQemu('host,hv-relaxed=on,hv-vendor-id=1234567890ab')), {
      os: 'win10',
      gpuPassthrough: true,
    }).find((x) => x.feature === 'kvm-hidden');
    expect(d?.message).toMatch(/R465/);
    expect(d?.fix?.changes).toEqual([{ feature: 'kvm-hidden', value: true }]);
    expect(
      checkConfig(okValue(parseQemu('host,hv-relaxed=on,kvm=off')), { os: 'win10', gpuPassthrough: true }).some(
        (x) => x.feature === 'kvm-hidden',
      ),
    ).toBe(false);
  });

  it('passthrough mode does not ignore kvm=off (it is no hv-* property)', () => {
    const codes = checkConfig(okValue(parseQemu('host,hv-passthrough=on,kvm=off')), {}).map((d) => d.code);
    expect(codes).not.toContain('PASSTHROUGH_IGNORES_FEATURES');
  });
});

describe("<qemu:commandline> -cpu overrides libvirt's -cpu", () => {
  const withOverride = (prefix: string, args: string) =>
    `<domain type='qemu' xmlns:${prefix}='http://libvirt.org/schemas/domain/qemu/1.0'>\n  <name>o</name>\n  <memory unit='KiB'>131072</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n  <features>\n    <hyperv>\n      <relaxed state='on'/>\n    </hyperv>\n  </features>\n  <${prefix}:commandline>\n${args}  </${prefix}:commandline>\n</domain>\n`;

  it('reports the override at the -cpu argument, with the set that takes effect, whatever the prefix', () => {
    const xml = withOverride('q', "    <q:arg value='-cpu'/>\n    <q:arg value='host,hv-vapic=on'/>\n");
    const p = okValue(parseLibvirt(xml));
    const d = p.diagnostics.find((x) => x.code === 'LIBVIRT_CPU_OVERRIDDEN')!;
    expect(xml.slice(d.span!.start, d.span!.end)).toBe("<q:arg value='-cpu'/>\n    <q:arg value='host,hv-vapic=on'/>");
    expect(d.notes?.[0]).toBe('what takes effect: hv-vapic=on on CPU model host (from the override)');
    expect(p.cpuOverrides?.map((o) => o.value)).toEqual(['host,hv-vapic=on']);
  });

  it('says nothing for other arguments, or without the namespace', () => {
    expect(
      okValue(parseLibvirt(withOverride('qemu', "    <qemu:arg value='-smp'/>\n    <qemu:arg value='2'/>\n")))
        .diagnostics,
    ).toEqual([]);
    expect(
      okValue(
        parseLibvirt(
          withOverride('qemu', "    <qemu:arg value='-cpu'/>\n").replace(
            "xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'",
            '',
          ),
        ),
      ).diagnostics,
    ).toEqual([]);
  });
});
