// The CPU flags a workload needs (vmx/svm for nested Hyper-V), as each target syntax writes them:
// the words come from the format (FormatEntry.cpuFlags), never from the CLI or recommend.
import { describe, expect, it } from 'vitest';
import { getFormat } from '../../src/formats/registry.js';
import { causesForMissing } from '../../src/guest/causes.js';
import { okValue } from '../support/parse-result.js';
import { runCapture } from '../support/run-cli.js';

const notes = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('note:'));

describe('recommend: how the guest gets its CPU flags', () => {
  it('without a vendor, names the host CPU of the target syntax', async () => {
    const want: Record<string, string> = {
      qemu: '-cpu host',
      libvirt: "<cpu mode='host-passthrough'/>",
      'virt-xml': '--cpu host-passthrough',
      json: "the host's own CPU model",
    };
    for (const [to, host] of Object.entries(want)) {
      const r = await runCapture(['recommend', '--os', 'win11', '--nested-hyperv', '--to', to]);
      expect(r.code).toBe(0);
      expect(notes(r.stderr)).toContain(
        `note: nested-hyperv: the guest needs the vmx (Intel) or svm (AMD) CPU flag; ${host} passes it when nesting is on; say --cpu-vendor to get it written`,
      );
    }
  });

  it('with a vendor, QEMU writes the flag and the others say how', async () => {
    const qemu = await runCapture(['recommend', '--os', 'win11', '--nested-hyperv', '--cpu-vendor', 'amd']);
    expect(qemu.stdout).toMatch(/^host,\+svm,hv-/);
    expect(notes(qemu.stderr).join('\n')).not.toMatch(/also needs/);
    const libvirt = await runCapture([
      'recommend',
      '--os',
      'win11',
      '--nested-hyperv',
      '--cpu-vendor',
      'intel',
      '--to',
      'libvirt',
    ]);
    expect(notes(libvirt.stderr)).toContain(
      "note: the guest also needs the vmx CPU flag: <cpu mode='host-passthrough'/>, or <feature policy='require' name='vmx'/> in <cpu>",
    );
    const virtXml = await runCapture([
      'recommend',
      '--os',
      'win11',
      '--nested-hyperv',
      '--cpu-vendor',
      'intel',
      '--to',
      'virt-xml',
    ]);
    expect(notes(virtXml.stderr)).toContain(
      'note: the guest also needs the vmx CPU flag: --cpu host-passthrough, or require=vmx in --cpu',
    );
  });

  it("virt-xml's words are ones virt-xml reads: --cpu host-passthrough,require=vmx", () => {
    const words = getFormat('virt-xml')!.cpuFlags!;
    const option = `${words.host},${words.require!(['vmx']).replace(/ in --cpu$/, '')}`;
    const parsed = okValue(getFormat('virt-xml')!.parse(`virt-xml win11 --edit ${option}`));
    expect(parsed.context.cpu).toMatchObject({
      mode: 'host-passthrough',
      features: [{ policy: 'require', name: 'vmx' }],
    });
  });
});

describe('guest causes: a feature a syntax cannot write', () => {
  it('quotes the format that cannot, in its words', () => {
    expect(causesForMissing('syndbg').join('\n')).toMatch(
      /^hv-syndbg in libvirt domain XML: libvirt has no element for it; .*<qemu:commandline>/m,
    );
    expect(causesForMissing('stimer').join('\n')).not.toMatch(/no element/);
  });
});
