// The guest for the rules: --os (CheckOptions.os) wins; else the domain's libosinfo metadata.
import { describe, expect, it } from 'vitest';
import { parseLibvirt } from '../../src/formats/libvirt/index.js';
import { checkConfig, resolveGuest } from '../../src/rules/index.js';
import { readFixture } from '../libvirt/support.js';
import { okValue } from '../support/parse-result.js';

const NS = 'http://libosinfo.org/xmlns/libvirt/domain/1.0';
const withOs = (id: string) =>
  okValue(
    parseLibvirt(
      `<domain type='kvm'>\n  <name>t</name>\n  <metadata>\n    <libosinfo:libosinfo xmlns:libosinfo="${NS}"><libosinfo:os id="${id}"/></libosinfo:libosinfo>\n  </metadata>\n  <features>\n    <hyperv>\n      <relaxed state='on'/>\n    </hyperv>\n  </features>\n</domain>\n`,
    ),
  );
const codes = (d: { code: string }[]) => d.map((x) => x.code);

describe('the guest the rules check for', () => {
  it('comes from the metadata when os is not given', () => {
    const p = okValue(parseLibvirt(readFixture('win11-libosinfo-no-stimer.xml')));
    expect(resolveGuest({}, p.context)).toMatchObject({
      os: { id: 'win11' },
      source: 'libosinfo',
      libosinfo: 'http://microsoft.com/win/11',
    });
    expect(codes(checkConfig(p, {}))).toEqual(['RECOMMENDED_FEATURE_MISSING']);
  });

  it('comes from os when given, which wins, and a disagreement is an info at the metadata', () => {
    const p = okValue(parseLibvirt(readFixture('win11-libosinfo-no-stimer.xml')));
    expect(resolveGuest({ os: 'linux' }, p.context)).toMatchObject({ os: { id: 'linux' }, source: 'option' });
    const found = checkConfig(p, { os: 'linux' });
    expect(codes(found)).toEqual(['GUEST_OS_DIFFERS']);
    expect(found[0]!.severity).toBe('info');
    expect(found[0]!.span).toEqual(p.context.guestOs!.span);
  });

  it('says nothing when os and the metadata agree (every Linux distribution is Linux)', () => {
    expect(codes(checkConfig(withOs('http://microsoft.com/win/2k22'), { os: 'win2k22' }))).not.toContain(
      'GUEST_OS_DIFFERS',
    );
    expect(codes(checkConfig(withOs('http://debian.org/debian/12'), { os: 'rhel9.2' }))).not.toContain(
      'GUEST_OS_DIFFERS',
    );
    expect(codes(checkConfig(withOs('http://debian.org/debian/12'), { os: 'win10' }))).toContain('GUEST_OS_DIFFERS');
  });

  it('an id no preset matches gives no guest, only its own note', () => {
    const p = withOs('http://freebsd.org/freebsd/13.1');
    expect(resolveGuest({}, p.context)).toBeUndefined();
    expect(codes(checkConfig(p, {}))).toEqual(['GUEST_OS_UNKNOWN']);
    const given = codes(checkConfig(p, { os: 'win10' }));
    expect(given[0]).toBe('GUEST_OS_UNKNOWN');
    expect(given).toContain('RECOMMENDED_FEATURE_MISSING');
    expect(given).not.toContain('GUEST_OS_DIFFERS');
  });
});
