import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDomainCapabilities } from '../../src/formats/libvirt/index.js';
import { parseDomcapsHyperv } from '../../src/host/tools.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const caps = (hyperv: string) => `<domainCapabilities><features>${hyperv}</features></domainCapabilities>`;

describe("probe reads libvirt's <hyperv> list with the libvirt format's domcaps reader", () => {
  it('reads the list, the unsupported case, and no element', () => {
    expect(
      parseDomcapsHyperv(
        caps(
          "<hyperv supported='yes'>\n<enum name='features'>\n<value>spinlocks</value>\n<value>vendor_id</value>\n</enum>\n</hyperv>",
        ),
      ),
    ).toEqual({ supported: true, features: ['spinlocks', 'vendor_id'] });
    expect(parseDomcapsHyperv(caps("<hyperv supported='no'/>"))).toEqual({ supported: false, features: [] });
    expect(parseDomcapsHyperv(caps(''))).toBeNull();
    expect(parseDomcapsHyperv('not xml')).toBeNull();
  });

  it.each(['libvirt/domcaps-test-qemu-hyperv.xml', 'virt-install/domcaps-kvm.xml'])(
    'agrees with convert --capabilities on %s',
    (path) => {
      const text = fixture(path);
      expect(parseDomcapsHyperv(text)).toEqual({
        supported: true,
        features: parseDomainCapabilities(text).caps.hyperv!.features,
      });
      expect(parseDomcapsHyperv(text)!.features.length).toBeGreaterThan(1);
    },
  );
});
