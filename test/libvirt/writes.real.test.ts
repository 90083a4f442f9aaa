// Everything enlighten writes is accepted by the real libvirt 9.0 (its schema, as virt-xml-validate
// checks it, and its parser: virsh -c test:///default define), and dumpxml shows the set enlighten meant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../src/catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../src/catalog/index.js';
import {
  editLibvirt,
  libvirtKnows,
  parseLibvirt,
  planLibvirtSet,
  printLibvirt,
} from '../../src/formats/libvirt/index.js';
import type { EnlightenmentSet, FeatureValues } from '../../src/model/index.js';
import { toJsonSet } from '../../src/model/index.js';
import { validateDomainXml } from '../support/libvirt.js';
import { defineDumpMany, fixtureDomainFiles, readFixture, readOracle, validateMany } from './support.js';
import { SEED } from '../support/seed.js';
import { okValue } from '../support/parse-result.js';

const VERSION = '9.0.0';

/** Any set at all, including what libvirt 9.0 cannot take: the plan must leave that out. */
const anySet: fc.Arbitrary<EnlightenmentSet> = fc
  .record({
    mode: fc.constantFrom(
      'custom' as const,
      'custom' as const,
      'custom' as const,
      'passthrough' as const,
      'host-model' as const,
    ),
    values: fc.tuple(
      ...PRINT_ORDER.filter((id) => !CATALOG[id].setsMode).map((id) => {
        const def = CATALOG[id];
        const value =
          def.kind === 'bool'
            ? fc.boolean()
            : def.kind === 'string'
              ? fc.stringMatching(/^[A-Za-z0-9 &<>'",]{1,14}$/)
              : def.kind === 'on-off-auto'
                ? fc.constantFrom<boolean | string>(true, false, 'auto')
                : fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 4095, max: 0xffffffff }));
        return fc.option(value as fc.Arbitrary<unknown>, { nil: undefined, freq: 2 }).map((v) => [id, v] as const);
      }),
    ),
  })
  .map(({ mode, values }) => {
    const features: FeatureValues = {};
    for (const [id, v] of values) if (v !== undefined) features[id as FeatureId] = v as never;
    return { mode, features };
  });

/** Bases libvirt 9.0 itself accepts. */
const BASES = [
  ...fixtureDomainFiles()
    .filter((f) => !f.startsWith('fragment'))
    .map(readFixture),
  ...[
    'clock-timer-hyperv-rtc.x86_64-latest.xml',
    'hyperv-panic.x86_64-latest.xml',
    'hyperv-passthrough.x86_64-latest.xml',
    'hyperv-stimer-direct.x86_64-latest.xml',
  ].map(readOracle),
];

const wrap = (fragment: string) =>
  `<domain type='kvm'>\n  <name>printed</name>\n  <memory unit='KiB'>131072</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n${fragment.replace(/^/gm, '  ')}\n</domain>\n`;

/** What the set looks like once libvirt has read it (libvirt reads the children of passthrough too, but we write none). */
const shown = (set: EnlightenmentSet) => {
  // libvirt writes <stimer><direct state='off'/> back as nothing: off is its default.
  const features = Object.fromEntries(
    Object.entries(set.features).filter(
      ([id, v]) => !(v === false && CATALOG[id as FeatureId].libvirt?.kind === 'hyperv-child'),
    ),
  );
  return JSON.stringify(toJsonSet({ mode: set.mode, features }));
};

describe('what enlighten writes, libvirt 9.0 takes', () => {
  it(`edits of random sets into real domains, and printed fragments (seed ${SEED})`, async () => {
    const cases: { xml: string; meant: EnlightenmentSet; what: string }[] = [];
    const targets = fc.sample(anySet, { numRuns: 20 * BASES.length + 40, seed: SEED });
    let t = 0;
    for (const base of BASES) {
      const parsed = okValue(parseLibvirt(base));
      for (let i = 0; i < 20; i++) {
        const target = targets[t++]!;
        const out = editLibvirt(parsed, target, { libvirtVersion: VERSION });
        const meant = planLibvirtSet(target, { version: VERSION, base: parsed.set, root: 'domain' }).set;
        cases.push({
          xml: out.text,
          meant,
          what: `edit of ${parsed.domain.type ?? '?'} ${/<name>(.*)<\/name>/.exec(base)?.[1]} to ${JSON.stringify(target)}`,
        });
      }
    }
    for (let i = 0; i < 40; i++) {
      const target = targets[t++]!;
      const out = printLibvirt(target, { libvirtVersion: VERSION });
      cases.push({
        xml: wrap(out.text),
        meant: planLibvirtSet(target, { version: VERSION }).set,
        what: `print of ${JSON.stringify(target)}`,
      });
    }
    const valid = await validateMany(cases.map((c) => c.xml));
    const dumped = await defineDumpMany(cases.map((c) => c.xml));
    const problems: string[] = [];
    cases.forEach((c, i) => {
      if (!valid[i]!.ok) problems.push(`${c.what}: virt-xml-validate: ${valid[i]!.output}\n${c.xml}`);
      const d = dumped[i]!;
      if (!d.ok) {
        problems.push(`${c.what}: virsh define: ${d.error}\n${c.xml}`);
        return;
      }
      const back = okValue(parseLibvirt(d.xml)).set;
      if (shown(back) !== shown(c.meant))
        problems.push(`${c.what}:\n  dumpxml   ${shown(back)}\n  meant     ${shown(c.meant)}\n${c.xml}`);
    });
    expect(problems.slice(0, 3).join('\n\n')).toBe('');
  }, 180_000);

  it('a set with everything libvirt 9.0 knows', async () => {
    const features: FeatureValues = {};
    const all: EnlightenmentSet = { mode: 'custom', features };
    for (const id of PRINT_ORDER) {
      const def = CATALOG[id];
      if (!def.libvirt || def.setsMode || !libvirtKnows(id, VERSION)) continue;
      features[id] = def.kind === 'bool' ? true : (def.example ?? (def.kind === 'string' ? 'KVM Hv' : 8191));
    }
    const out = printLibvirt(all, { libvirtVersion: VERSION });
    expect(out.diagnostics).toEqual([]);
    // The real virt-xml-validate itself (the batch above runs the xmllint command it runs).
    const valid = await validateDomainXml(wrap(out.text));
    expect(valid.output).toContain('validates');
    const [d] = await defineDumpMany([wrap(out.text)]);
    expect(d!.ok && shown(okValue(parseLibvirt(d!.xml)).set)).toBe(shown(all));
  }, 60_000);
});

describe('what the CLI writes, libvirt 9.0 takes', () => {
  it('set --stdout and convert --to libvirt --into, on domains virt-install made', async () => {
    const { runCapture } = await import('../support/run-cli.js');
    const runs = await Promise.all([
      runCapture([
        'set',
        '--stdout',
        '--libvirt-version',
        '9.0',
        'examples/win11-virt-install.xml',
        'synic',
        'vpindex',
        'stimer',
        'stimer-direct',
        'time',
        'crash',
        'frequencies',
        'reenlightenment',
        'tlbflush',
        'ipi',
        'vendor-id=KVM Hv',
      ]),
      runCapture(['set', '--stdout', 'examples/win10-virt-install.xml', 'mode=passthrough']),
      runCapture(['set', '--stdout', 'examples/win2k22-hand-edited.xml', 'synic', 'vpindex', 'time', 'spinlocks=4095']),
      runCapture([
        'convert',
        '--to',
        'libvirt',
        '--libvirt-version',
        '9.0',
        '--into',
        'examples/win10-virt-install.xml',
        '-cpu host,hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_time,hv_vpindex,hv_synic,hv_stimer,hv_crash',
      ]),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const xmls = runs.map((r) => r.stdout);
    const valid = await validateMany(xmls);
    const dumped = await defineDumpMany(xmls);
    const wanted = [
      {
        relaxed: true,
        vapic: true,
        spinlocks: 8191,
        vpindex: true,
        synic: true,
        stimer: true,
        'stimer-direct': true,
        'vendor-id': 'KVM Hv',
        frequencies: true,
        reenlightenment: true,
        tlbflush: true,
        ipi: true,
        time: true,
        crash: true,
      },
      { time: true },
      { relaxed: true, vapic: true, spinlocks: 4095, vpindex: true, synic: true, stimer: true, time: true },
      {
        relaxed: true,
        vapic: true,
        spinlocks: 8191,
        vpindex: true,
        synic: true,
        stimer: true,
        time: true,
        crash: true,
      },
    ];
    xmls.forEach((_, i) => {
      expect(valid[i]!.ok, valid[i]!.output).toBe(true);
      const d = dumped[i]!;
      expect(d.ok && okValue(parseLibvirt(d.xml)).set.features).toEqual(wanted[i]);
    });
  }, 60_000);
});
