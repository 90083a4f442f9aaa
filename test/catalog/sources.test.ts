import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG, HYPERV_IDENTITY, KVM_IDENTITY, SOURCES, sourceLabel } from '../../src/catalog/index.js';
import type { SourceId } from '../../src/catalog/index.js';
import { LEFT_OUT } from '../../src/recommend/left-out.js';
import { OS_TABLE, PEERS, PRESETS } from '../../src/recommend/index.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const sourcesPage = read('docs/sources.md');
// `\b`: KubeVirt's pkg/instancetype/preference/apply/ is no reference folder.
const FORBIDDEN = /\breference\/|seeds\/|shared\//;

/** Every citation (an array of { source, detail? }) and every string inside a value. */
function walk(value: unknown, cites: { source: string; detail?: string }[], strings: string[]): void {
  if (typeof value === 'string') strings.push(value);
  else if (Array.isArray(value)) {
    const isCitation =
      value.length > 0 &&
      value.every(
        (c) =>
          c &&
          typeof c === 'object' &&
          typeof (c as { source?: unknown }).source === 'string' &&
          Object.keys(c).every((k) => k === 'source' || k === 'detail'),
      );
    if (isCitation) cites.push(...(value as { source: string }[]));
    for (const v of value) walk(v, cites, strings);
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v, cites, strings);
}

const peerSets = PEERS.flatMap((p) => [...OS_TABLE.map((os) => p.setFor(os, 'intel')), p.setFor(undefined, 'amd')]);
const everything = { CATALOG, HYPERV_IDENTITY, KVM_IDENTITY, PRESETS, LEFT_OUT, peerSets };

describe('sources', () => {
  const cites: { source: string; detail?: string }[] = [];
  const strings: string[] = [];
  walk(everything, cites, strings);

  it('finds the citations of every feature, preset, left-out reason and peer set', () => {
    for (const def of Object.values(CATALOG)) expect(Object.keys(def.sources).length, def.id).toBeGreaterThan(0);
    expect(cites.length).toBeGreaterThan(200);
    expect(new Set(peerSets.map((s) => s.source[0]!.source)).size).toBe(PEERS.length);
  });

  it('resolves every citation to a SOURCES entry that docs/sources.md lists', () => {
    for (const c of cites) {
      expect(SOURCES, c.source).toHaveProperty(c.source);
      expect(sourcesPage, c.source).toContain(`\n### ${c.source}\n`);
    }
  });

  it('gives every source a URL, or a path that exists in this repository', () => {
    for (const [id, s] of Object.entries(SOURCES)) {
      if (s.url) expect(s.url, id).toMatch(/^https:\/\//);
      else expect(() => readdirSync(new URL(s.path!, root)) ?? read(s.path!), id).not.toThrow(/ENOENT/);
    }
  });

  it('cites nothing from the private reference folder', () => {
    for (const s of [
      ...strings,
      ...Object.values(SOURCES).flatMap((s) => [s.path ?? '', s.url ?? '', s.title, s.what]),
    ])
      expect(s).not.toMatch(FORBIDDEN);
  });

  it('prints only known sources in the docs, the README tour and the golden outputs', () => {
    const labels = Object.keys(SOURCES).map((id) => sourceLabel(id as SourceId));
    const files = [
      'README.md',
      ...readdirSync(new URL('docs', root)).map((f) => `docs/${f}`),
      ...readdirSync(new URL('test/golden', root)).map((f) => `test/golden/${f}`),
    ];
    for (const file of files) {
      const text = read(file);
      expect(text, file).not.toMatch(FORBIDDEN);
      for (const m of text.matchAll(/source: ([^"\n]+)/g)) {
        for (const part of m[1]!.split('; '))
          expect(
            labels.some((l) => part.startsWith(l)),
            `${file}: ${part}`,
          ).toBe(true);
      }
    }
  });
});
