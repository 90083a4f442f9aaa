import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OS_TABLE, findOsByLibosinfoId } from '../../src/model/os-table.js';
import { itReal } from '../support/tools.js';

describe("libosinfo ids (a domain's <metadata>)", () => {
  it.each([
    ['http://microsoft.com/win/11', 'win11'],
    ['http://microsoft.com/win/10', 'win10'],
    ['http://microsoft.com/win/xp', 'winxp'],
    ['http://microsoft.com/win/8.1', 'win8.1'],
    ['http://microsoft.com/win/2k22', 'win2k22'],
    ['http://microsoft.com/win/2k25', 'win2k25'],
    ['http://microsoft.com/win/2k8r2', 'win2k8r2'],
  ])('%s is %s', (uri, id) => {
    expect(findOsByLibosinfoId(uri)?.id).toBe(id);
  });

  it.each([
    'http://redhat.com/rhel/9.2',
    'http://debian.org/debian/12',
    'http://ubuntu.com/ubuntu/22.04',
    'http://libosinfo.org/linux/2022',
    'http://fedoraproject.org/fedora/39',
  ])('%s is a Linux guest, named by its id', (uri) => {
    const os = findOsByLibosinfoId(uri);
    expect(os?.id).toBe('linux');
    expect(os?.name).toBe(`Linux (${uri})`);
  });

  it.each([
    'http://microsoft.com/win/12',
    'http://freebsd.org/freebsd/13.2',
    'http://microsoft.com/win/me',
    'win11',
    '',
    'http://example.com/rhel',
  ])('%s matches nothing', (uri) => {
    expect(findOsByLibosinfoId(uri)).toBeUndefined();
  });

  itReal("each Windows entry's id is the one Debian's osinfo-db gives its short id", () => {
    const dir = '/usr/share/osinfo/os/microsoft.com';
    if (!existsSync(dir)) throw new Error(`${dir} is missing: apt-get install osinfo-db (virtinst depends on it)`);
    const byShortId = new Map<string, string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
      const xml = readFileSync(join(dir, file), 'utf8');
      const id = /<os id="([^"]+)"/.exec(xml)?.[1];
      for (const m of xml.matchAll(/<short-id>([^<]+)<\/short-id>/g)) if (id) byShortId.set(m[1]!, id);
    }
    const windows = OS_TABLE.filter((o) => o.family === 'windows');
    // Debian 12's osinfo-db (20230225) predates Windows Server 2025.
    const known = windows.filter((o) => byShortId.has(o.id));
    expect(known.map((o) => o.id)).toEqual(windows.map((o) => o.id).filter((id) => id !== 'win2k25'));
    for (const o of known) expect(o.libosinfo, o.id).toBe(byShortId.get(o.id));
  });

  // guest-advice keeps findings under an entry's id (src/rules/guest-advice.ts): an entry a caller
  // of the library could change would be given the findings of what it was.
  it('cannot be changed, neither the table nor an entry', () => {
    expect(Object.isFrozen(OS_TABLE)).toBe(true);
    for (const entry of OS_TABLE) expect(Object.isFrozen(entry), entry.id).toBe(true);
    const win11 = OS_TABLE.find((o) => o.id === 'win11')! as { family: string };
    expect(() => {
      win11.family = 'linux';
    }).toThrow(TypeError);
  });
});
