// Sets and texts the virt-xml tests share: the seeds' commands and sets, and random sets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type fc from 'fast-check';
import type { EnlightenmentSet } from '../../src/model/index.js';
import type { VirtXmlPrintOptions } from '../../src/formats/virt-xml/index.js';
import { arbitrarySet } from '../support/arbitrary.js';

const FIXTURE_ROOT = join(import.meta.dirname, '..', 'fixtures');
export const FIXTURES = join(import.meta.dirname, 'fixtures');

/**
 * The blog's virt-xml commands (test/fixtures/seeds/wiki-virt-xml-commands.txt, from a wiki page), as the seed file holds them: one line,
 * inside DokuWiki's '' monospace markers, the two commands run together.
 */
export function seedBlogCommands(): string {
  const text = readFileSync(join(FIXTURE_ROOT, 'seeds', 'wiki-virt-xml-commands.txt'), 'utf8');
  const line = text.split('\n').find((l) => l.includes('virt-xml $VMNAME'));
  if (!line) throw new Error('the wiki excerpt has no virt-xml line');
  return line.replace(/^\s*''\s*/, '').replace(/\s*''\s*$/, '');
}

/** What the blog's commands turn on (its text: relaxed, vapic, spinlocks 8191, the hypervclock timer). */
export const SEED_BLOG_SET: EnlightenmentSet = {
  mode: 'custom',
  features: { time: true, relaxed: true, vapic: true, spinlocks: 8191 },
};

/** The RHEL guide's set (RHEL 10 "Enabling Hyper-V enlightenments"): its <hyperv> block, the hypervclock timer. */
export const SEED_RHEL_SET: EnlightenmentSet = {
  mode: 'custom',
  features: {
    time: true,
    relaxed: true,
    vapic: true,
    spinlocks: 8191,
    vpindex: true,
    runtime: true,
    synic: true,
    stimer: true,
    'stimer-direct': true,
    reset: true,
    'vendor-id': 'KVM Hv',
    frequencies: true,
    reenlightenment: true,
    tlbflush: true,
    ipi: true,
    evmcs: true,
  },
};

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function readOracle(name: string): string {
  return readFileSync(join(FIXTURE_ROOT, 'libvirt-oracles', name), 'utf8');
}

/** Random sets in every mode, over every feature (the ones libvirt cannot hold included). */
export const anySet = (): fc.Arbitrary<EnlightenmentSet> =>
  arbitrarySet(undefined, ['custom', 'passthrough', 'host-model']);

const EMPTY: EnlightenmentSet = { mode: 'custom', features: {} };
const VIRT_INSTALL_WIN11: EnlightenmentSet = {
  mode: 'custom',
  features: { relaxed: true, vapic: true, spinlocks: 8191 },
};
const RHEL_FULL: EnlightenmentSet = {
  mode: 'custom',
  features: { ...SEED_RHEL_SET.features, crash: true, 'tlbflush-direct': true, 'tlbflush-ext': true },
};

/** The plans test/golden/virt-xml-plans.txt shows, each also run with the real virt-xml. */
export const GOLDEN_PLANS: [string, EnlightenmentSet, EnlightenmentSet, VirtXmlPrintOptions][] = [
  ["the blog's set from nothing, legacy", EMPTY, SEED_BLOG_SET, { style: 'legacy' }],
  ["the blog's set from nothing, modern", EMPTY, SEED_BLOG_SET, { style: 'modern' }],
  [
    "the RHEL guide's set from virt-install's win11 domain, legacy",
    VIRT_INSTALL_WIN11,
    SEED_RHEL_SET,
    { style: 'legacy', domain: 'win11' },
  ],
  [
    "the RHEL guide's set from virt-install's win11 domain, modern",
    VIRT_INSTALL_WIN11,
    SEED_RHEL_SET,
    { style: 'modern', domain: 'win11', connect: 'qemu:///system' },
  ],
  [
    'back from everything to a few, with removals',
    RHEL_FULL,
    {
      mode: 'custom',
      features: {
        relaxed: false,
        vapic: true,
        spinlocks: 4095,
        stimer: true,
        tlbflush: true,
        'tlbflush-ext': false,
        time: false,
      },
    },
    { style: 'legacy', domain: 'my vm' },
  ],
  ['to passthrough', RHEL_FULL, { mode: 'passthrough', features: { time: true, relaxed: true } }, {}],
  [
    'from passthrough to host-model with a few',
    { mode: 'passthrough', features: { time: true } },
    { mode: 'host-model', features: { time: true, evmcs: false, 'vendor-id': 'a=b, c' } },
    {},
  ],
  [
    'what libvirt cannot hold',
    EMPTY,
    {
      mode: 'custom',
      features: {
        syndbg: true,
        'version-id-build': 7,
        'stimer-direct': true,
        'tlbflush-ext': true,
        'vendor-id': 'a"b',
        crash: false,
        'no-nonarch-coresharing': 'auto',
      },
    },
    {},
  ],
  ['nothing to do', SEED_RHEL_SET, SEED_RHEL_SET, {}],
];
