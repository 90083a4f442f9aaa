/**
 * What each peer tool would enable for the same guest, read from their sources (docs/sources.md lists each with its URL):
 * virt-install/virt-manager, Proxmox qemu-server, KubeVirt (with common-instancetypes) and Nova.
 * Each set comes with the source cell it was read from and the peer's own reasons where it has them.
 */
import type { Citation, FeatureId, FeatureValue } from '../catalog/index.js';
import { SRC, cite } from '../catalog/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { emptySet, setFeature } from '../model/index.js';
import type { OsEntry } from '../model/os-table.js';
import { generationAtLeast } from '../model/os-table.js';

export interface PeerSet {
  set: EnlightenmentSet;
  /** Where the set was read. */
  source: Citation;
  /** What the peer says about single features (why it leaves one out, what it adds alongside). */
  notes: Partial<Record<FeatureId, string>>;
  /** About the whole set (no set for this guest, conditions). */
  summary: string;
}

export interface Peer {
  id: 'virt-install' | 'proxmox' | 'kubevirt' | 'nova';
  name: string;
  setFor(os: OsEntry | undefined, vendor: 'intel' | 'amd' | undefined): PeerSet;
}

function build(entries: [FeatureId, FeatureValue][]): EnlightenmentSet {
  let set = emptySet();
  for (const [id, v] of entries) set = setFeature(set, id, v);
  return set;
}

/** Each id turned on. */
const on = (...ids: FeatureId[]): [FeatureId, FeatureValue][] => ids.map((id) => [id, true]);

/** What virt-install, KubeVirt and Nova all start their Windows sets with (8191 spinlock retries). */
const WINDOWS_BASICS: [FeatureId, FeatureValue][] = [
  ...on('time', 'relaxed', 'vapic'),
  ['spinlocks', 8191],
  ...on('vpindex', 'runtime', 'synic'),
];

/** A peer that sets nothing for this guest. */
function noSet(source: Citation, summary: string): PeerSet {
  return { set: emptySet(), source, notes: {}, summary };
}

const isWindows = (os: OsEntry | undefined) => os === undefined || os.family === 'windows';

/** What a peer that sets enlightenments for Windows guests only gives one: its entries, notes and summary. */
interface WindowsSet {
  entries: [FeatureId, FeatureValue][];
  notes: PeerSet['notes'];
  summary: string;
}

/** A peer that gives non-Windows guests nothing (`whyNot` says so) and Windows guests what `make` says. */
function windowsPeer(
  id: Peer['id'],
  name: string,
  source: Citation,
  whyNot: string,
  make: (os: OsEntry | undefined, vendor: 'intel' | 'amd' | undefined) => WindowsSet,
): Peer {
  return {
    id,
    name,
    setFor(os, vendor) {
      if (!isWindows(os)) return noSet(source, whyNot);
      const { entries, notes, summary } = make(os, vendor);
      return { set: build(entries), source, notes, summary };
    },
  };
}

const virtInstall = windowsPeer(
  'virt-install',
  'virt-install',
  cite('virtManagerDefaults', 'virtManagerClock'),
  'no Hyper-V block for non-Windows guests (guest.py hyperv_supported: osdict.is_windows)',
  (_os, vendor) => {
    const entries = [...WINDOWS_BASICS, ...on('stimer', 'frequencies', 'tlbflush', 'ipi', 'avic')];
    if (vendor === 'intel') entries.push(['evmcs', true]);
    return {
      entries,
      notes: {
        evmcs: 'virt-install adds evmcs on Intel hosts only',
        avic: 'virt-install adds avic when the domain has <apic/> (its Windows default does) and domcaps lists it',
        reset: 'left out on purpose: "modern Hyper-V versions don\'t export it"',
        reenlightenment: 'left out on purpose (commit 74fd503b9)',
        stimer: 'added only with a hypervclock timer, which its Windows clock has',
      },
      summary: `the same set for every Windows from XP on (win2k3 included), each feature only if domcaps lists it${vendor ? '' : '; evmcs only on Intel hosts'}`,
    };
  },
);

const PX_SRC = cite('proxmoxCpu', 'proxmoxTest');
const proxmox: Peer = {
  id: 'proxmox',
  name: 'Proxmox',
  setFor(os, vendor) {
    const ostype = os?.proxmoxOstype ?? 'win11';
    if (!isWindows(os) || ostype === 'wxp' || ostype === 'w2k3') {
      return noSet(PX_SRC, `ostype ${ostype}: no enlightenments`);
    }
    const entries: [FeatureId, FeatureValue][] = [
      ['time', true],
      ['vapic', true],
      ['spinlocks', 0x1fff],
      ['vpindex', true],
      ['runtime', true],
      ['reset', true],
    ];
    const win7 = os === undefined || generationAtLeast(os.generation, '7');
    if (win7) entries.push(['relaxed', true], ['synic', true], ['stimer', true], ['ipi', true]);
    if (ostype === 'win11' && vendor === 'intel') entries.push(['evmcs', true]);
    return {
      set: build(entries),
      source: PX_SRC,
      notes: {
        tlbflush: 'opt-in since 3a040a0e: "May lead to guest bluescreens on old CPUs"',
        evmcs: 'only for ostype win11 on GenuineIntel hosts with machine 11.0+pve2 or newer (VBS freeze fix 30531026)',
        frequencies: 'not set by default',
        reset: 'set from machine version 2.6 on',
      },
      summary: `ostype ${ostype}, recent machine version (gates apply to the machine version, not the QEMU installed)`,
    };
  },
};

const kubevirt = windowsPeer(
  'kubevirt',
  'KubeVirt',
  SRC.kubevirtPreferences,
  'core KubeVirt sets nothing; only the windows.* preferences carry a set',
  () => ({
    entries: [
      ...WINDOWS_BASICS,
      ...on('stimer', 'stimer-direct', 'reset', 'frequencies', 'reenlightenment', 'tlbflush', 'ipi'),
    ],
    notes: {
      reenlightenment: 'then needs a cluster-wide TSC frequency, or the VM "cannot migrate" (topology/tsc.go)',
      evmcs: 'not in the preferences: "vm with this flag will not run" in CI (common-templates#283)',
    },
    summary: 'the windows.* preferences: one set for every Windows version, xp to 2k25',
  }),
);

const nova = windowsPeer('nova', 'Nova', SRC.novaDriver, 'only images with os_type=windows get a set', () => ({
  entries: [...WINDOWS_BASICS, ...on('reset', 'frequencies', 'tlbflush', 'ipi')],
  notes: {
    stimer: 'LibvirtConfigGuestFeatureHyperV has no stimer field',
    evmcs: 'removed in 2023: it broke Windows on AMD hosts (86a35e97d2, bug 2009280)',
    reenlightenment: 'removed in 2023: it broke live migration (e618e78edc, bug 2046549)',
  },
  summary: 'os_type=windows images, one set for every Windows version',
}));

export const PEERS: readonly Peer[] = [virtInstall, proxmox, kubevirt, nova];

export function findPeer(id: string): Peer | undefined {
  return PEERS.find((p) => p.id === id);
}
