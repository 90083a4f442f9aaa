// The real virt-xml 4.1 (virtinst, Debian 12) runs every command enlighten prints, and the seeds'
// commands, on base Windows domains; the domain it writes must hold the set enlighten intended.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EnlightenmentSet } from '../../src/model/index.js';
import { toJsonSet } from '../../src/model/index.js';
import type { VirtXmlPrintOptions } from '../../src/formats/virt-xml/index.js';
import {
  applyVirtXmlEdits,
  parseVirtXml,
  printVirtXmlCommands,
  printVirtXmlFix,
  viewAsDomain,
} from '../../src/formats/virt-xml/index.js';
import { parseLibvirt } from '../../src/formats/libvirt/index.js';
import { readDomainSet } from './domain-set.js';
import { runCommands } from './run-virt-xml.js';
import {
  GOLDEN_PLANS,
  SEED_BLOG_SET,
  SEED_RHEL_SET,
  anySet,
  readFixture,
  readOracle,
  seedBlogCommands,
} from './sets.js';
import { formsOf } from './forms.js';
import { okValue } from '../support/parse-result.js';

/** Base domains: virt-install's Windows 11 domain, the same without <hyperv>, libvirt's every-feature-off test domain. */
const BASES: [string, string][] = [
  ['virt-install win11', readFixture('win11.xml')],
  ['win11 without <hyperv>', readFixture('win11-no-hyperv.xml')],
  ['libvirt hyperv-off', readOracle('hyperv-off.x86_64-latest.xml')],
];

const json = (s: EnlightenmentSet) => ({ ...toJsonSet(s), mode: s.mode });

/** Every form of sub-option the real virt-xml ran, for the coverage check. */
const seenForms = new Set<string>();

/** Runs a plan on a domain and checks that the domain then holds the intended set. */
async function runPlan(xml: string, to: EnlightenmentSet, opts: VirtXmlPrintOptions): Promise<string> {
  const plan = printVirtXmlCommands(readDomainSet(xml), to, opts);
  const out = await runCommands(plan.commands, xml);
  expect(json(readDomainSet(out)), plan.commands.join('\n')).toEqual(json(plan.intended));
  // And as enlighten's libvirt format reads the domain.
  expect(json(okValue(parseLibvirt(out)).set), plan.commands.join('\n')).toEqual(json(plan.intended));
  for (const form of formsOf(plan.commands)) seenForms.add(form);
  return out;
}

/** A small pool: virt-xml takes about 0.25 s a call. */
async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('real virt-xml 4.1 on a domain', () => {
  it.each(BASES)("the blog's commands (seed 000) give the blog's set on %s", async (_name, xml) => {
    const text = seedBlogCommands();
    const parsed = okValue(parseVirtXml(text));
    const lines = parsed.commands.map((c) => text.slice(c.span.start, c.span.end));
    expect(lines).toHaveLength(2);
    const out = await runCommands(lines, xml);
    const got = readDomainSet(out);
    expect(json(got)).toEqual(json(viewAsDomain(applyVirtXmlEdits(readDomainSet(xml), parsed.edits)).set));
    for (const [id, value] of Object.entries(SEED_BLOG_SET.features))
      expect(got.features[id as keyof typeof got.features], id).toBe(value);
  });

  for (const style of ['legacy', 'modern'] as const) {
    it.each(BASES)(`the RHEL guide's set (seed 002), ${style} style, on %s`, async (_name, xml) => {
      await runPlan(xml, SEED_RHEL_SET, { style });
    });
  }

  it('every printed form: random sets from a base, then from one random set to another', async () => {
    const pairs = fc.sample(
      fc.tuple(
        anySet(),
        anySet(),
        fc.constantFrom('legacy' as const, 'modern' as const),
        fc.constantFrom(...BASES.map((b) => b[1])),
      ),
      { numRuns: 20, seed: 20240611 },
    );
    await inPool(pairs, 6, async ([first, second, style, base]) => {
      const middle = await runPlan(base, first, { style });
      await runPlan(middle, second, { style });
    });
  }, 180_000);

  it.each(GOLDEN_PLANS)(
    'the golden plan "%s": its from-set built on a domain, then the plan run',
    async (_name, from, to, opts) => {
      const start = await runPlan(readFixture('win11-no-hyperv.xml'), from, {});
      await runPlan(start, to, { ...opts, domain: '$VM' });
    },
  );

  it('fix --print-virt-xml: the commands bring the domain from its XML to the fixed set, on the domain named in it', async () => {
    const xml = readFixture('win10-stimer.xml');
    const fixed: EnlightenmentSet = {
      mode: 'custom',
      features: { ...okValue(parseLibvirt(xml)).set.features, vpindex: true, synic: true, time: true },
    };
    const plan = printVirtXmlFix(okValue(parseLibvirt(xml)), fixed, { style: 'legacy', connect: 'qemu:///system' });
    expect(plan.commands).toEqual([
      'virt-xml --connect qemu:///system win10 --edit --features hyperv_synic=on,xpath1.set=./hyperv/vpindex/@state=on',
      'virt-xml --connect qemu:///system win10 --edit --clock hypervclock_present=yes',
    ]);
    const out = await runCommands(plan.commands, xml);
    expect(json(okValue(parseLibvirt(out)).set)).toEqual(json(fixed));
  });

  it('ran every form of sub-option enlighten prints', () => {
    expect([...seenForms].sort()).toEqual([
      'add-device panic',
      'clock delete timer',
      'clock named state timer',
      'features delete hyperv',
      'features delete hyperv-child',
      'features delete kvm',
      'features named state hyperv (legacy)',
      'features named state hyperv (modern)',
      'features named state kvm (legacy)',
      'features named state kvm (modern)',
      'features named value hyperv (legacy)',
      'features named value hyperv (modern)',
      'features set mode',
      'features set state hyperv',
      'features set state hyperv-child',
      'features set value hyperv',
      'features set value hyperv (xpathN.value)',
      'remove-device panic',
    ]);
  });

  it('what parse reads from the printed commands is what virt-xml does (commas, backslashes, = in values)', async () => {
    const xml = readFixture('win11.xml');
    const to: EnlightenmentSet = {
      mode: 'custom',
      features: {
        ...SEED_RHEL_SET.features,
        crash: true,
        'tlbflush-direct': true,
        'tlbflush-ext': false,
        spinlocks: 4096,
        'vendor-id': 'a=b,c\\ d',
      },
    };
    const plan = printVirtXmlCommands(readDomainSet(xml), to, { style: 'legacy' });
    const parsed = okValue(parseVirtXml(plan.commands.join('\n')));
    const out = await runCommands(plan.commands, xml);
    expect(json(readDomainSet(out))).toEqual(
      json(viewAsDomain(applyVirtXmlEdits(readDomainSet(xml), parsed.edits)).set),
    );
    expect(readDomainSet(out).features['vendor-id']).toBe('a=b,c\\ d');
    expect(plan.commands[0]).toContain('xpath6.value=');
  });

  it('escapes quotes twice in attribute values, which is why enlighten refuses them (NOT_EXPRESSIBLE)', async () => {
    const xml = readFixture('win11.xml');
    const out = await runCommands(
      [
        `virt-xml "$VM" --edit --features 'xpath1.set=./hyperv/vendor_id/@state=on,xpath2.set=./hyperv/vendor_id/@value=a\\"b'`,
      ],
      xml,
    );
    expect(out).toContain('value="a&amp;quot;b"');
    const plan = printVirtXmlCommands(readDomainSet(xml), { mode: 'custom', features: { 'vendor-id': 'a"b' } });
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['NOT_EXPRESSIBLE']);
  });
});
