import { describe, expect, it } from 'vitest';
import type { Edge } from './graph.js';
import { MAY_IMPORT, base, checkEdge, findCycles, importsOf, isFormat, layerOf, readGraph } from './graph.js';

const describeEdge = (e: Edge, why: string) =>
  `src/${e.from} imports '${e.specifier}'${e.to ? ` (src/${e.to})` : ''}: ${why}`;

describe('the layers of src/', () => {
  const graph = readGraph();

  it('reads the whole graph', () => {
    expect(graph.unresolved).toEqual([]);
    expect(graph.files.length).toBeGreaterThan(200);
    expect(graph.edges.length).toBeGreaterThan(1000);
    const layers = new Set(graph.files.map((f) => base(layerOf(f))));
    expect([...layers].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it('no import goes against the layers', () => {
    const wrong = graph.edges.flatMap((e) => {
      const why = checkEdge(e);
      return why === null ? [] : [describeEdge(e, why)];
    });
    expect(wrong).toEqual([]);
  });

  it('no file imports itself back, through any chain of imports', () => {
    expect(findCycles(graph.edges).map((c) => c.map((f) => `src/${f}`).join(' -> '))).toEqual([]);
  });

  it('every format has a folder that only the registry imports among the formats', () => {
    const registered = graph.edges
      .filter((e) => e.from === 'formats/registry.ts' && e.to !== null && isFormat(layerOf(e.to)))
      .map((e) => layerOf(e.to!));
    const folders = [...new Set(graph.files.map(layerOf).filter(isFormat))];
    expect(registered.sort()).toEqual(folders.sort());
  });
});

describe('the layer check itself', () => {
  const edge = (from: string, to: string | null, specifier = to ?? 'node:fs'): Edge => ({ from, specifier, to });

  it.each([
    [edge('rules/values.ts', 'recommend/presets.ts'), 'rules may not import recommend'],
    [edge('host/probe.ts', 'rules/types.ts'), 'host may not import rules'],
    [edge('model/set.ts', 'formats/types.ts'), 'model may not import formats'],
    [edge('fix/fix-config.ts', 'recommend/recommend.ts'), 'fix may not import recommend'],
    [edge('catalog/table.ts', 'diagnostics/index.ts'), 'catalog may not import diagnostics'],
    [edge('syntax/xml/parse.ts', 'formats/libvirt/values.ts'), 'syntax may not import formats'],
    [edge('formats/virt-xml/values.ts', 'formats/qemu/values.ts'), 'a format imports another format'],
    [edge('formats/libvirt/to-qemu.ts', 'formats/registry.ts'), 'formats reach each other through neither'],
    [edge('formats/types.ts', 'formats/qemu/index.ts'), 'only the registry imports'],
    [edge('guest/cpuid.ts', null), 'only cli and host may'],
    [edge('util/work.ts', 'rules/index.ts'), 'util may not import rules'],
    [edge('diagnostics/render.ts', 'model/set.ts'), 'diagnostics may not import model'],
  ])('refuses %j', (e, why) => {
    expect(checkEdge(e)).toContain(why);
  });

  it.each([
    edge('cli/set.ts', 'fix/set-config.ts'),
    edge('recommend/recommend.ts', 'fix/fix-set.ts'),
    edge('host/probe.ts', 'guest/leaves.ts'),
    edge('formats/qemu/parse.ts', 'syntax/qemu-cpu/parse.ts'),
    edge('formats/qemu/parse.ts', 'formats/types.ts'),
    edge('formats/qemu/format.ts', 'formats/pieces.ts'),
    edge('formats/registry.ts', 'formats/qemu/format.ts'),
    edge('model/set.ts', 'diagnostics/index.ts'),
    edge('diagnostics/render.ts', 'util/printable.ts'),
    edge('util/blank.ts', 'diagnostics/index.ts'),
    edge('host/native.ts', null),
  ])('allows %j', (e) => {
    expect(checkEdge(e)).toBeNull();
  });

  it('finds a cycle and names its files in order; one through types alone is none', () => {
    const edges = [
      edge('a.ts', 'b.ts'),
      edge('b.ts', 'c.ts'),
      edge('c.ts', 'a.ts'),
      edge('c.ts', 'd.ts'),
      edge('d.ts', 'd.ts'),
    ];
    expect(
      findCycles(edges)
        .map((c) => c.join(' -> '))
        .sort(),
    ).toEqual(['a.ts -> b.ts -> c.ts -> a.ts', 'd.ts -> d.ts']);
    expect(findCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts')])).toEqual([]);
    expect(findCycles([edge('a.ts', 'b.ts'), { ...edge('b.ts', 'a.ts'), typeOnly: true }])).toEqual([]);
  });

  it('reads every kind of import, and which ones only bring types', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "import { type C, type D } from './c.js';",
      "import { e, type E } from './e.js';",
      "import './side.js';",
      "export * from './f.js';",
      "export type * from './g.js';",
      "export { type H } from './h.js';",
      "export type Id = import('./registry.js').Id;",
      "const later = () => import('./lazy.js');",
      "// import z from './comment.js';",
      "const s = `import q from './string.js'`;",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      { specifier: './a.js', typeOnly: false },
      { specifier: './b.js', typeOnly: true },
      { specifier: './c.js', typeOnly: true },
      { specifier: './e.js', typeOnly: false },
      { specifier: './side.js', typeOnly: false },
      { specifier: './f.js', typeOnly: false },
      { specifier: './g.js', typeOnly: true },
      { specifier: './h.js', typeOnly: true },
      { specifier: './registry.js', typeOnly: true },
      { specifier: './lazy.js', typeOnly: false },
    ]);
  });
});
