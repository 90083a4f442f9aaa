// The guest OS of a domain's libosinfo metadata, as virt-install, virt-manager and GNOME Boxes write it.
import { describe, expect, it } from 'vitest';
import { parseLibvirt } from '../../src/formats/libvirt/index.js';
import { readFixture } from './support.js';
import { okValue } from '../support/parse-result.js';

const NS = 'http://libosinfo.org/xmlns/libvirt/domain/1.0';
const domain = (metadata: string, attrs = '') =>
  `<domain type='kvm'${attrs}>\n  <name>t</name>\n${metadata}  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n</domain>\n`;
const idOf = (text: string) => okValue(parseLibvirt(text)).context.guestOs?.id;

describe("a domain's libosinfo guest OS", () => {
  it('reads the Windows 11 domain virt-install 4.1 makes, with where the id is', () => {
    const text = readFixture('win11-libosinfo-no-stimer.xml');
    const p = okValue(parseLibvirt(text));
    expect(p.diagnostics).toEqual([]);
    const g = p.context.guestOs!;
    expect(g).toMatchObject({
      id: 'win11',
      name: 'Windows 11',
      libosinfo: 'http://microsoft.com/win/11',
      source: 'libosinfo',
    });
    expect(text.slice(g.span.start, g.span.end)).toBe('id="http://microsoft.com/win/11"');
  });

  it('reads Windows 10 and the older virt-install fixtures', () => {
    expect(idOf(readFixture('win10-libosinfo.xml'))).toBe('win10');
    expect(idOf(readFixture('win10-virt-install-qemu-driver.xml'))).toBe('win10');
    expect(idOf(readFixture('win11-virt-install-test-driver.xml'))).toBe('win11');
  });

  it.each([
    [
      'another prefix',
      `  <metadata>\n    <os:libosinfo xmlns:os="${NS}"><os:os id="http://microsoft.com/win/2k22"/></os:libosinfo>\n  </metadata>\n`,
      '',
    ],
    [
      'the default namespace',
      `  <metadata>\n    <libosinfo xmlns="${NS}"><os id="http://microsoft.com/win/2k22"/></libosinfo>\n  </metadata>\n`,
      '',
    ],
    [
      'the prefix bound on <domain>',
      `  <metadata>\n    <lo:libosinfo><lo:os id='http://microsoft.com/win/2k22'/></lo:libosinfo>\n  </metadata>\n`,
      ` xmlns:lo='${NS}'`,
    ],
    [
      'other metadata first',
      `  <metadata>\n    <app:x xmlns:app="http://example.org/app"><app:os id="http://microsoft.com/win/7"/></app:x>\n    <libosinfo:libosinfo xmlns:libosinfo="${NS}"><libosinfo:os id="http://microsoft.com/win/2k22"/></libosinfo:libosinfo>\n  </metadata>\n`,
      '',
    ],
  ])('binds the namespace by URI, not by prefix: %s', (_, metadata, attrs) => {
    expect(idOf(domain(metadata, attrs))).toBe('win2k22');
  });

  it.each([
    [
      'the prefix bound to another namespace',
      `  <metadata>\n    <libosinfo:libosinfo xmlns:libosinfo="http://example.org/not-libosinfo"><libosinfo:os id="http://microsoft.com/win/11"/></libosinfo:libosinfo>\n  </metadata>\n`,
    ],
    [
      'an unbound prefix',
      `  <metadata>\n    <libosinfo:libosinfo><libosinfo:os id="http://microsoft.com/win/11"/></libosinfo:libosinfo>\n  </metadata>\n`,
    ],
    [
      '<os> outside <libosinfo>',
      `  <metadata>\n    <libosinfo:os xmlns:libosinfo="${NS}" id="http://microsoft.com/win/11"/>\n  </metadata>\n`,
    ],
    [
      'no id',
      `  <metadata>\n    <libosinfo:libosinfo xmlns:libosinfo="${NS}"><libosinfo:os/></libosinfo:libosinfo>\n  </metadata>\n`,
    ],
    ['no metadata (<os><type> says hvm, not which OS)', ''],
  ])('reads no guest from %s', (_, metadata) => {
    const p = okValue(parseLibvirt(domain(metadata)));
    expect(p.context.guestOs).toBeUndefined();
    expect(p.diagnostics).toEqual([]);
  });

  it('maps a Linux distribution to the Linux entry, keeping the id', () => {
    const p = okValue(
      parseLibvirt(
        domain(
          `  <metadata>\n    <libosinfo:libosinfo xmlns:libosinfo="${NS}"><libosinfo:os id="http://debian.org/debian/12"/></libosinfo:libosinfo>\n  </metadata>\n`,
        ),
      ),
    );
    expect(p.context.guestOs).toMatchObject({
      id: 'linux',
      name: 'Linux (http://debian.org/debian/12)',
      libosinfo: 'http://debian.org/debian/12',
    });
  });

  it('keeps an id no preset matches and says so (info)', () => {
    const text = readFixture('libosinfo-unknown-os.xml');
    const p = okValue(parseLibvirt(text));
    expect(p.context.guestOs).toEqual({
      libosinfo: 'http://freebsd.org/freebsd/13.1',
      source: 'libosinfo',
      span: expect.anything(),
    });
    expect(p.diagnostics.map((d) => [d.code, d.severity])).toEqual([['GUEST_OS_UNKNOWN', 'info']]);
    expect(p.diagnostics[0]!.message).toContain('http://freebsd.org/freebsd/13.1');
    expect(text.slice(p.diagnostics[0]!.span!.start, p.diagnostics[0]!.span!.end)).toBe(
      'id="http://freebsd.org/freebsd/13.1"',
    );
  });
});
