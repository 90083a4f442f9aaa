// The libvirt XML enlighten derives from KubeVirt fields matches KubeVirt's own converter tests:
// kubevirt/kubevirt pkg/virt-launcher/virtwrap/converter/converter_test.go @ d923fdb8,
// Context("HyperV") DescribeTable("should convert hyperv features") and It("should convert hyperv
// passthrough"), whose api.FeatureHyperv values marshal to the elements below (api/schema.go).
// Those tests call the converter alone; enlighten reads a VMI as it reaches the converter, after
// the mutating webhook's defaults, so where the webhook adds a dependency (vpindex, synic) the
// expected element says so, next to the case.
import { describe, expect, it } from 'vitest';
import { getFormat } from '../../src/formats/registry.js';
import { readKubevirt } from '../../src/formats/kubevirt/index.js';

const libvirt = getFormat('libvirt')!;

function domainOf(features: string): string {
  const text = `apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: testvmi, namespace: default}\nspec:\n  domain:\n    features:\n${features}`;
  const parsed = readKubevirt(text);
  return libvirt.print!(parsed.set, { input: parsed }).text.replace(/\s*\n\s*/g, '');
}

describe("KubeVirt's converter tests, through enlighten", () => {
  it.each([
    ['and add the vapic feature', '      hyperv: {vapic: {}}\n', "<hyperv><vapic state='on'/></hyperv>"],
    [
      'and add the stimer direct feature',
      '      hyperv: {synictimer: {direct: {}}}\n',
      // The converter test runs without the mutating webhook. Through it, `{}` is `enabled: true`
      // (SetObjectDefaults_VirtualMachineInstance), so synictimer brings synic and synic vpindex.
      "<hyperv><vpindex state='on'/><synic state='on'/><stimer state='on'><direct state='on'/></stimer></hyperv>",
    ],
    [
      'and add the stimer feature without direct',
      '      hyperv: {synictimer: {}}\n',
      "<hyperv><vpindex state='on'/><synic state='on'/><stimer state='on'/></hyperv>",
    ],
    [
      'and add the vapic and the stimer direct feature',
      '      hyperv: {synictimer: {direct: {}}, vapic: {}}\n',
      "<hyperv><vapic state='on'/><vpindex state='on'/><synic state='on'/><stimer state='on'><direct state='on'/></stimer></hyperv>",
    ],
    [
      'Convert TLBFlush with enabled features',
      '      hyperv:\n        tlbflush: {enabled: true, direct: {enabled: true}, extended: {enabled: true}}\n',
      // The converter test runs without the mutating webhook, which also turns vpindex on (enabled: true).
      "<vpindex state='on'/><tlbflush state='on'><direct state='on'/><extended state='on'/></tlbflush></hyperv>",
    ],
    ['should convert hyperv passthrough', '      hypervPassthrough: {enabled: true}\n', "<hyperv mode='passthrough'/>"],
  ])('%s', (_name, features, expected) => {
    expect(domainOf(features)).toContain(expected);
  });
});
