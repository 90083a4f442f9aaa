// recommend --to libvirt writes virt-install's clock for Windows guests, and only for them.
import { describe, expect, it } from 'vitest';
import { printLibvirt } from '../../src/formats/libvirt/index.js';
import { findChild, getChildElements, parseXml } from '../../src/syntax/xml/index.js';
import { recommend, recommendContext } from '../../src/recommend/recommend.js';
import { readFixture } from '../libvirt/support.js';

/** The <clock> of a text holding one, as [offset, each timer's attributes in order]. */
function clockOf(text: string): [string | undefined, string[][]] {
  const parsed = parseXml(text.startsWith('<domain') ? text : `<domain>${text}</domain>`);
  if (!parsed.ok) throw new Error('unreadable');
  const clock = findChild(parsed.doc.root, 'clock');
  if (!clock) return [undefined, []];
  return [
    clock.attributes.find((a) => a.name === 'offset')?.value,
    getChildElements(clock).map((t) => t.attributes.map((a) => `${a.name}=${a.value}`)),
  ];
}

const printed = (os: string, target: 'libvirt' | 'qemu' = 'libvirt') => {
  const r = recommend({ os, target, libvirtVersion: '9.0.0' });
  return { r, text: printLibvirt(r.set, { libvirtVersion: '9.0.0', context: recommendContext(r) }).text };
};

describe("virt-install's clock for Windows guests", () => {
  it.each(['win11', 'win10', 'win2k22', 'win7'])(
    '%s: the clock virt-install 4.1 wrote for win11 here, timer for timer',
    (os) => {
      expect(clockOf(printed(os).text)).toEqual(clockOf(readFixture('win11-libosinfo-no-stimer.xml')));
      expect(clockOf(printed(os).text)).toEqual([
        'localtime',
        [
          ['name=rtc', 'tickpolicy=catchup'],
          ['name=pit', 'tickpolicy=delay'],
          ['name=hpet', 'present=no'],
          ['name=hypervclock', 'present=yes'],
        ],
      ]);
    },
  );

  it('winxp: the same clock without hypervclock, which its preset leaves out (virt-install would write it)', () => {
    expect(clockOf(printed('winxp').text)).toEqual([
      'localtime',
      [
        ['name=rtc', 'tickpolicy=catchup'],
        ['name=pit', 'tickpolicy=delay'],
        ['name=hpet', 'present=no'],
      ],
    ]);
  });

  it('carries its reason and sources (virt-install clock.py and osdict.py)', () => {
    const clock = printed('win11').r.extras.windowsClock!;
    expect(clock.reason).toContain('local time');
    expect(clock.source.map((c) => c.source)).toEqual(['virtinstOsClock', 'virtManagerClock']);
  });

  it('is not written for Linux, without --os, or for another target', () => {
    expect(printed('linux').r.extras.windowsClock).toBeUndefined();
    expect(clockOf(printed('linux').text)[0]).not.toBe('localtime');
    const noOs = recommend({ target: 'libvirt', libvirtVersion: '9.0.0' });
    expect(noOs.extras.windowsClock).toBeUndefined();
    expect(clockOf(printLibvirt(noOs.set, { context: recommendContext(noOs) }).text)).toEqual([
      'utc',
      [['name=hypervclock', 'present=yes']],
    ]);
    expect(printed('win11', 'qemu').r.extras.windowsClock).toBeUndefined();
  });
});
