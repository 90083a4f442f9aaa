// Lossless: an untouched document prints back byte for byte; an edit changes only what it must.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureId, FeatureValue } from '../../src/catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../src/catalog/index.js';
import { editLibvirt, libvirtKnows, parseLibvirt, planLibvirtSet } from '../../src/formats/libvirt/index.js';
import { printXml, walkElements } from '../../src/syntax/xml/index.js';
import type { EnlightenmentSet, FeatureValues } from '../../src/model/index.js';
import { setsEqual } from '../../src/model/index.js';
import { itReal, makeTempDir, requireTool, run } from '../support/tools.js';
import { fixtureDomainFiles, readFixture, readOracle, oracleXmlFiles } from './support.js';
import { okValue } from '../support/parse-result.js';

const documents: [string, string][] = [
  ...oracleXmlFiles().map((f) => [`oracle ${f}`, readOracle(f)] as [string, string]),
  ...fixtureDomainFiles().map((f) => [`fixture ${f}`, readFixture(f)] as [string, string]),
];

/** Domains made just now by the real virt-install (test driver) for Windows guests. */
async function virtInstallDomains(): Promise<[string, string][]> {
  const tool = requireTool('virt-xml');
  const virtInstall = tool.replace(/virt-xml$/, 'virt-install');
  const dir = makeTempDir('enlighten-virt-install-');
  const iso = join(dir, 'windows.iso');
  writeFileSync(iso, '');
  const oses = ['win11', 'win10', 'win2k22', 'win7'];
  const runs = await Promise.all(
    oses.map((os) =>
      run(
        virtInstall,
        [
          '--connect',
          'test:///default',
          '--osinfo',
          os,
          '--print-xml',
          '2',
          '--name',
          `${os}-guest`,
          '--memory',
          '4096',
          '--vcpus',
          '2',
          '--disk',
          'size=32',
          '--cdrom',
          iso,
          '--network',
          'none',
        ],
        { timeoutMs: 60_000 },
      ),
    ),
  );
  return runs.map((r, i) => {
    if (r.code !== 0) throw new Error(`virt-install failed: ${r.stderr}`);
    return [`virt-install --osinfo ${oses[i]}`, r.stdout];
  });
}

describe('byte-identical round trips', () => {
  it.each(documents)('%s', (_, text) => {
    const parsed = okValue(parseLibvirt(text));
    expect(parsed.doc).not.toBeNull();
    expect(printXml(parsed.doc!)).toBe(text);
    const same = editLibvirt(parsed, parsed.set);
    expect(same.text).toBe(text);
    expect(same.diagnostics).toEqual([]);
  });

  itReal(
    'for domains the real virt-install makes for Windows guests',
    async () => {
      for (const [name, text] of await virtInstallDomains()) {
        const parsed = okValue(parseLibvirt(text));
        expect(parsed.set.features, name).toMatchObject({ relaxed: true, vapic: true, spinlocks: 8191 });
        expect(editLibvirt(parsed, parsed.set).text, name).toBe(text);
      }
    },
    120_000,
  );
});

const WRITABLE: FeatureId[] = PRINT_ORDER.filter(
  (id) => CATALOG[id].libvirt !== null && libvirtKnows(id, '9.0.0') && !CATALOG[id].setsMode,
);

/** Random targets libvirt 9.0 can hold (the plan drops the rest, which is tested elsewhere). */
const targetArb: fc.Arbitrary<EnlightenmentSet> = fc
  .record({
    mode: fc.constantFrom('custom' as const, 'custom' as const, 'passthrough' as const),
    values: fc.tuple(
      ...WRITABLE.map((id) => {
        const s = CATALOG[id].libvirt!;
        const value =
          s.kind === 'hyperv' && s.valueAttr === 'retries'
            ? fc.integer({ min: 4095, max: 0xffffffff })
            : s.kind === 'hyperv' && s.valueAttr === 'value'
              ? fc.stringMatching(/^[A-Za-z0-9 &<>'"]{1,12}$/)
              : s.kind === 'panic'
                ? fc.constant(true)
                : fc.boolean();
        return fc.option(value as fc.Arbitrary<unknown>, { nil: undefined });
      }),
    ),
  })
  .map(({ mode, values }) => {
    const features: FeatureValues = {};
    WRITABLE.forEach((id, i) => {
      if (values[i] !== undefined) features[id] = values[i] as FeatureValue;
    });
    return { mode, features };
  });

describe('edits change only what they must', () => {
  const bases = documents.filter(([name]) => name.includes('fixture') || name.includes('x86_64-latest'));
  it.each(bases)('%s: the edited document reads back as the target, and editing again changes nothing', (_, text) => {
    const parsed = okValue(parseLibvirt(text));
    const hypervSpans = [...walkElements(parsed.doc!)].filter((e) => e.name === 'hyperv').map((e) => e.span);
    fc.assert(
      fc.property(targetArb, (target) => {
        const out = editLibvirt(parsed, target, { libvirtVersion: '9.0.0' });
        const plan = planLibvirtSet(target, { version: '9.0.0', base: parsed.set, root: parsed.root! });
        const again = okValue(parseLibvirt(out.text));
        expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        // What was planned is what is there (passthrough's ignored children aside).
        if (plan.set.mode !== 'passthrough')
          expect(setsEqual(again.set, plan.set), `${JSON.stringify(again.set)} vs ${JSON.stringify(plan.set)}`).toBe(
            true,
          );
        else expect(again.set.mode).toBe('passthrough');
        expect(editLibvirt(again, again.set).text).toBe(out.text);
        // Comments and the XML declaration survive every edit (passthrough empties <hyperv>, comments too).
        for (const m of text.matchAll(/<!--[\s\S]*?-->|<\?xml[^>]*\?>/g)) {
          const inHyperv = hypervSpans.some((s) => s.start < m.index && m.index < s.end);
          if (!inHyperv || plan.set.mode !== 'passthrough') expect(out.text).toContain(m[0]);
        }
        // Line endings stay those of the document.
        if (text.includes('\r\n')) expect(out.text.replace(/\r\n/g, '')).not.toContain('\n');
      }),
      { numRuns: 60 },
    );
  });
});
