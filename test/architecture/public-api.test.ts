// The public API (src/index.ts) is a deliberate list: under 50 values, each in docs/ARCHITECTURE.md's
// table and nothing else there; what the README, the bench and the doc scripts import from the
// package is in it; and none of it reaches a Node module, so the web page can import it.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { BROWSER_PACKAGES, readGraph } from './graph.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(ROOT + path, 'utf8');

/** The names in backquotes in one column of the table under "## Public API" in docs/ARCHITECTURE.md. */
function documented(column: number): string[] {
  const text = read('docs/ARCHITECTURE.md');
  const section = text.slice(text.indexOf('\n## Public API\n'));
  const rows = section
    .slice(0, section.indexOf('\n## ', 1))
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| group'));
  return rows.flatMap((row) =>
    [...(row.split('|')[column] ?? '').matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map((m) => m[1]!),
  );
}

/** The type names src/index.ts exports (`export type { ... } from`). */
function exportedTypes(): string[] {
  const file = ts.createSourceFile('index.ts', read('src/index.ts'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const s of file.statements) {
    if (ts.isExportDeclaration(s) && s.isTypeOnly && s.exportClause && ts.isNamedExports(s.exportClause))
      out.push(...s.exportClause.elements.map((e) => e.name.text));
  }
  return out;
}

/** The names a file imports from a module in a `import { ... } from '<module>'` statement. */
function importedFrom(text: string, module: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    if (m[2] === module)
      out.push(
        ...m[1]!
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      );
  }
  return out;
}

describe('the public API', () => {
  const values = Object.keys(api).sort();

  it('is fewer than 50 values', () => {
    expect(values.length).toBeLessThan(50);
  });

  it('is what docs/ARCHITECTURE.md lists, values and types', () => {
    expect(documented(2).sort()).toEqual(values);
    expect(documented(3).sort()).toEqual(exportedTypes().sort());
  });

  it('holds what the README, the bench and the doc scripts import from the package', () => {
    const readme = read('README.md');
    const tour = importedFrom(readme, 'enlighten');
    expect(tour.length).toBeGreaterThan(5);
    const users = ['bench/libvirt-throughput.mjs', 'scripts/gen-sources.mjs', 'scripts/gen-docs.mjs'].flatMap((f) =>
      importedFrom(read(f), '../dist/index.js'),
    );
    expect(users.length).toBeGreaterThan(5);
    expect([...tour, ...users].filter((n) => !values.includes(n))).toEqual([]);
  });

  it('reaches no Node module and no package, through any import that stays at run time', () => {
    const { edges } = readGraph();
    const seen = new Set(['index.ts']);
    const queue = ['index.ts'];
    const outside: string[] = [];
    for (let i = 0; i < queue.length; i++) {
      for (const e of edges) {
        if (e.from !== queue[i] || e.typeOnly) continue;
        if (e.to === null) {
          if (!BROWSER_PACKAGES.includes(e.specifier)) outside.push(`src/${e.from} imports '${e.specifier}'`);
        } else if (!seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(100);
    expect(outside).toEqual([]);
  });
});
