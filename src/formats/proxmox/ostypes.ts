/**
 * The guest OS an `ostype` names (QemuServer.pm `$confdesc->{ostype}`: wxp, w2k, w2k3, w2k8, wvista,
 * win7, win8, win10 "10/2016/2019", win11 "11/2022/2025", l24, l26, solaris, other), matched to
 * enlighten's OS table through its `proxmoxOstype` column; `other`, `solaris` and `w2k` name none.
 */
import type { Span } from '../../diagnostics/index.js';
import { OS_TABLE } from '../../model/os-table.js';
import type { GuestOsFact } from '../types.js';

/** The ostypes qemu-server accepts. */
export const OSTYPES = [
  'other',
  'wxp',
  'w2k',
  'w2k3',
  'w2k8',
  'wvista',
  'win7',
  'win8',
  'win10',
  'win11',
  'l24',
  'l26',
  'solaris',
] as const;

/** The OS table entry for an ostype: the first client entry that ostype covers. */
export function ostypeGuest(ostype: string, span: Span): GuestOsFact | undefined {
  const want = ostype === 'wvista' ? 'w2k8' : ostype === 'l24' ? 'l26' : ostype;
  const os = OS_TABLE.find((o) => o.proxmoxOstype === want && !o.server);
  if (!os) return undefined;
  return {
    id: os.id,
    name: os.name,
    libosinfo: os.id,
    source: 'config',
    says: `the configuration's ostype: ${ostype}`,
    span,
  };
}

/** The ostype that covers an OS table entry (win2k22 -> win11), or undefined. */
export function ostypeFor(osId: string): string | undefined {
  return OS_TABLE.find((o) => o.id === osId)?.proxmoxOstype;
}
