// A mutation fuzzer for domain XML: seeds (libvirt's oracles, our fixtures and examples) mutated with
// byte edits and XML-aware tokens, then run through everything enlighten does with domain XML.
// Used by test/libvirt/fuzz.test.ts (a small sample) and scripts/fuzz-libvirt.ts (npm run fuzz).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureId } from '../../src/catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../src/catalog/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { editLibvirt, parseLibvirt, printLibvirt, translateLibvirtToQemu } from '../../src/formats/libvirt/index.js';
import type { EnlightenmentSet } from '../../src/model/index.js';
import { checkConfig } from '../../src/rules/index.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every domain XML the repository holds: our fixtures, the examples and libvirt's test cases. */
export function loadSeeds(): string[] {
  const dirs = [
    join(ROOT, 'test', 'fixtures', 'libvirt'),
    join(ROOT, 'examples'),
    join(ROOT, 'test', 'fixtures', 'libvirt-oracles'),
    join(ROOT, 'test', 'fixtures', 'libvirt-oracles', 'legacy-qemuxml2argvdata'),
  ];
  const seeds: string[] = [];
  for (const dir of dirs) {
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
    } catch {
      continue;
    }
    for (const f of files) seeds.push(readFileSync(join(dir, f), 'utf8'));
  }
  return seeds;
}

const elements = PRINT_ORDER.flatMap((id) => {
  const s = CATALOG[id].libvirt;
  return s?.kind === 'hyperv' || s?.kind === 'hyperv-child' ? [s.element] : [];
});

const TOKENS = [
  '<',
  '>',
  '/>',
  '</',
  '=',
  "'",
  '"',
  '&',
  '&amp;',
  '&lt;',
  '&#x41;',
  '&#0;',
  '&#x110000;',
  '&lol;',
  ';',
  '<!--',
  '-->',
  '--',
  '<![CDATA[',
  ']]>',
  '<?xml version="1.0"?>',
  '<?pi x?>',
  '<!DOCTYPE d [<!ENTITY a "&b;&b;">]>',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
  '\r',
  '\r\n',
  '\n',
  '\t',
  ' ',
  '\u0000',
  '\uFEFF',
  '\uD800',
  'é',
  '𝄞',
  ',',
  'state',
  "state='on'",
  "state='off'",
  'state="maybe"',
  "present='yes'",
  "present='no'",
  "mode='passthrough'",
  "mode='host-model'",
  "mode='bogus'",
  "retries='4094'",
  "retries='0x1fff'",
  "retries='-1'",
  "retries='99999999999'",
  "retries='05000'",
  "value='KVM Hv'",
  "value='a,b'",
  "value='1234567890123'",
  '<hyperv>',
  '</hyperv>',
  '<features>',
  '</features>',
  '<clock>',
  "<timer name='hypervclock' present='yes'/>",
  "<panic model='hyperv'/>",
  "<cpu mode='host-model'/>",
  "<cpu mode='host-passthrough' migratable='off'/>",
  "<kvm><hidden state='on'/></kvm>",
  '<devices>',
  '</devices>',
  ...elements.map((e) => `<${e} state='on'/>`),
  ...elements.map((e) => `<${e}>`),
  ...elements,
];

const VALUES = [
  'on',
  'off',
  'yes',
  'no',
  'maybe',
  '',
  'custom',
  'passthrough',
  'host-model',
  'bogus',
  '4094',
  '4095',
  '8191',
  '0x1fff',
  '05000',
  '-1',
  '4294967295',
  '4294967296',
  '2147483648',
  'KVM Hv',
  'a,b',
  '1234567890123',
  'hypervclock',
  'kvmclock',
  'tsc',
  'hyperv',
  'isa',
  'host-passthrough',
  'maximum',
  'qemu64',
  'EPYC',
  'x86_64',
  'i686',
  's390x',
  'require',
  'optional',
  'disable',
  '&amp;',
  '&lt;x&gt;',
];
const ELEMENTS = [
  ...elements.map((e) => `<${e} state='on'/>`),
  "<spinlocks state='on' retries='8191'/>",
  "<vendor_id state='on' value='KVM Hv'/>",
  "<stimer state='on'><direct state='on'/></stimer>",
  "<tlbflush state='on'><direct state='on'/><extended state='off'/></tlbflush>",
  "<timer name='hypervclock' present='yes'/>",
  "<timer name='tsc' frequency='2500000000'/>",
  "<panic model='hyperv'/>",
  "<hyperv mode='passthrough'/>",
  "<hyperv><relaxed state='on'/></hyperv>",
  "<features><hyperv><vapic state='on'/></hyperv></features>",
  "<cpu mode='custom'><model>Skylake-Client</model><feature policy='optional' name='vmx'/></cpu>",
  "<cpu mode='maximum' migratable='on'/>",
  "<clock offset='utc'><timer name='kvmclock' present='no'/></clock>",
  "<devices><panic model='hyperv'><address type='isa'/></panic></devices>",
  "<kvm><hidden state='on'/><pv-ipi state='off'/></kvm>",
  "<apic eoi='on'/>",
  '<pvspinlock/>',
  "<pmu state='off'/>",
  '<!-- a comment -->',
];

/** Edits that keep the document well-formed: an attribute value, an element added or removed. */
function mutateStructure(doc: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const op = Math.floor(random() * 3);
  if (op === 0) {
    const values = [...doc.matchAll(/=(['"])([^'"<&]*)\1/g)];
    if (!values.length) return doc;
    const m = pick(values);
    const q = m[1]!;
    const v = pick(VALUES).replace(/['"]/g, '');
    return `${doc.slice(0, m.index)}=${q}${v}${q}${doc.slice(m.index + m[0].length)}`;
  }
  if (op === 1) {
    const ends = [...doc.matchAll(/>/g)];
    if (!ends.length) return doc;
    const at = pick(ends).index + 1;
    return doc.slice(0, at) + pick(ELEMENTS) + doc.slice(at);
  }
  const empty = [...doc.matchAll(/<[A-Za-z_][^<>]*\/>/g)];
  if (!empty.length) return doc;
  const m = pick(empty);
  return doc.slice(0, m.index) + doc.slice(m.index + m[0].length);
}

/** One mutated document: one to four edits of the seed, sometimes spliced with another seed. */
export function mutate(seeds: readonly string[], random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const at = (s: string) => Math.floor(random() * (s.length + 1));
  let doc = pick(seeds);
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const i = at(doc);
    const j = Math.min(doc.length, i + Math.floor(random() * 64));
    if (random() < 0.6) {
      doc = mutateStructure(doc, random);
      continue;
    }
    switch (Math.floor(random() * 9)) {
      case 0:
        doc = doc.slice(0, i) + doc.slice(j);
        break;
      case 1:
        doc = doc.slice(0, i) + pick(TOKENS) + doc.slice(i);
        break;
      case 2:
        doc = doc.slice(0, i) + pick(TOKENS) + doc.slice(j);
        break;
      case 3:
        doc = doc.slice(0, j) + doc.slice(i, j) + doc.slice(j);
        break;
      case 4:
        doc = doc.slice(0, i) + String.fromCharCode(Math.floor(random() * 0x3000)) + doc.slice(i + 1);
        break;
      case 5: {
        const other = pick(seeds);
        const k = at(other);
        doc = doc.slice(0, i) + other.slice(k, k + Math.floor(random() * 400)) + doc.slice(i);
        break;
      }
      case 6:
        doc = doc.slice(0, i);
        break;
      case 7: {
        // Deep nesting or a long repetition.
        const unit = pick(['<a>', '<hyperv>', '&amp;', '<!-- -->', "<relaxed state='on'/>"]);
        doc = doc.slice(0, i) + unit.repeat(1 + Math.floor(random() * 1500)) + doc.slice(i);
        break;
      }
      default: {
        const a = doc.slice(i, j);
        const k = at(doc);
        doc = doc.slice(0, k) + a + doc.slice(k);
        break;
      }
    }
  }
  return doc;
}

/** A random target set for edits: a few features on, off or unset, sometimes a mode. */
export function randomTarget(random: () => number, base: EnlightenmentSet): EnlightenmentSet {
  const features = { ...base.features };
  const n = Math.floor(random() * 5);
  for (let k = 0; k < n; k++) {
    const id = PRINT_ORDER[Math.floor(random() * PRINT_ORDER.length)]! as FeatureId;
    const def = CATALOG[id];
    const r = random();
    if (r < 0.25) delete features[id];
    else if (def.kind === 'bool') features[id] = r < 0.6;
    else if (def.kind === 'string') features[id] = r < 0.6 ? 'KVM Hv' : 'x,y<&"\'';
    else if (def.kind === 'on-off-auto') features[id] = 'auto';
    else features[id] = Math.floor(random() * 0xffffffff);
  }
  const modes = ['custom', 'passthrough', 'host-model'] as const;
  return { mode: random() < 0.8 ? base.mode : modes[Math.floor(random() * 3)]!, features };
}

export interface FuzzOutcome {
  ms: number;
  diagnostics: Diagnostic[];
}

/** Everything enlighten does with a domain XML: read, check, translate, edit, print. Throws only on a bug. */
export function exercise(text: string, random: () => number): FuzzOutcome {
  const started = performance.now();
  const read = parseLibvirt(text);
  // A document that cannot be read ends in its diagnostics; nothing else runs on it.
  if (!read.ok) return { ms: performance.now() - started, diagnostics: read.diagnostics };
  const parsed = read.value;
  const found = checkConfig(parsed, {});
  const qemu = translateLibvirtToQemu(parsed, { libvirtVersion: random() < 0.5 ? '9.0.0' : '12.1.0' });
  if (parsed.doc && editLibvirt(parsed, parsed.set).text !== text)
    throw new Error('an edit to the same set changed the document');
  const target = randomTarget(random, parsed.set);
  const edited = editLibvirt(parsed, target, { libvirtVersion: random() < 0.5 ? '9.0.0' : '12.1.0' });
  if (parsed.doc && edited.text !== text) parseLibvirt(edited.text);
  const printed = printLibvirt(target);
  if (typeof qemu.text !== 'string' || typeof printed.text !== 'string') throw new Error('no text');
  return { ms: performance.now() - started, diagnostics: found };
}
