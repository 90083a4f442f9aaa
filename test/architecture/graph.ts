// The layers of src/, as docs/ARCHITECTURE.md draws them, read from the import graph: every
// `import`, `export ... from`, `import()` and `import('...')` type of every .ts file. layers.test.ts fails
// on an import against the layers (type-only ones too: a type is a dependency of the design even
// when the compiler erases it) and on any cycle between files among the imports that stay at run
// time, naming the file and the import. A cycle through types alone cannot change the order modules
// run in, and the format contract may need one (its types naming the registry's format ids, while
// every format uses its types). Between layers, type imports cannot loop either: the layer check
// forbids it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

const SRC = new URL('../../src/', import.meta.url).pathname;

/** One import: the file (relative to src/, `/` separators), what it wrote, and the file that names (null: a package or node: module). */
export interface Edge {
  from: string;
  specifier: string;
  to: string | null;
  /** Erased by the compiler: `import type`, `export type`, only `type` names, an `import('...')` type. */
  typeOnly?: boolean;
}

/**
 * Each layer and the layers it may import besides itself. `api` is src/index.ts. `formats` is the
 * registry and the format contract (src/formats/*.ts); each folder under src/formats/ is a format
 * of its own (see `formatRule`).
 */
export const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  api: ['fix', 'recommend', 'rules', 'guest', 'host', 'formats', 'syntax', 'model', 'catalog'],
  cli: ['fix', 'recommend', 'rules', 'guest', 'host', 'formats', 'syntax', 'model', 'catalog'],
  // The web page (src/web) runs in a browser on the public API alone, like any other caller.
  web: ['api'],
  recommend: ['fix', 'rules', 'formats', 'syntax', 'model', 'catalog'],
  fix: ['rules', 'formats', 'syntax', 'model', 'catalog'],
  rules: ['formats', 'syntax', 'model', 'catalog'],
  host: ['guest', 'formats', 'syntax', 'model', 'catalog'],
  guest: ['formats', 'syntax', 'model', 'catalog'],
  formats: ['syntax', 'model', 'catalog'],
  syntax: ['model', 'catalog'],
  model: ['catalog'],
  diagnostics: ['util', 'catalog'],
  util: ['diagnostics', 'catalog'],
  catalog: [],
};

/**
 * Leaf utilities: every layer but the catalog (which imports nothing) may import them. They import
 * each other and the catalog only (the cycle check still holds between their files).
 */
export const UTILITIES: readonly string[] = ['diagnostics', 'util'];

/** The only layers that may import packages and Node's modules: the rest runs in a browser. */
export const NODE_LAYERS: readonly string[] = ['cli', 'host'];

/**
 * Packages that run in a browser as they are (no Node module, no dependency of their own), bundled
 * into both outputs, which any layer below the catalog may import: eemeli's yaml, for manifests
 * (docs/ARCHITECTURE.md, "Dependencies and why").
 */
export const BROWSER_PACKAGES: readonly string[] = ['yaml'];

/** `cli`, `rules`, ...; `formats/qemu` for a file in a format's folder; `api` for src/index.ts. */
export function layerOf(file: string): string {
  if (file === 'index.ts') return 'api';
  const parts = file.split('/');
  if (parts[0] === 'formats' && parts.length > 2) return `formats/${parts[1]}`;
  return parts[0]!.replace(/\.ts$/, '');
}

export const isFormat = (layer: string) => layer.startsWith('formats/');
export const base = (layer: string) => (isFormat(layer) ? 'formats' : layer);

/**
 * A format imports the contract and the helpers beside it (src/formats/*.ts) and the layers below
 * formats: never another format, and never the registry (which imports the formats). The registry
 * may import every format.
 */
function formatRule(edge: Edge, from: string, to: string): string | null {
  if (isFormat(from)) {
    if (isFormat(to)) return `a format imports another format (${from} imports ${to})`;
    if (edge.to === 'formats/registry.ts')
      return 'a format imports the registry, which imports the formats; formats reach each other through neither';
    return null;
  }
  if (from === 'formats' && isFormat(to))
    return edge.from === 'formats/registry.ts'
      ? null
      : `only the registry imports the formats' folders (${edge.from} imports ${to})`;
  return null;
}

/** What is wrong with one import, or null. */
export function checkEdge(edge: Edge): string | null {
  const from = layerOf(edge.from);
  if (edge.to === null) {
    return NODE_LAYERS.includes(from) || (BROWSER_PACKAGES.includes(edge.specifier) && from !== 'catalog')
      ? null
      : `${from} imports the package or Node module '${edge.specifier}'; only ${NODE_LAYERS.join(' and ')} may (the rest runs in a browser)`;
  }
  const to = layerOf(edge.to);
  if (from === to) return null;
  const special = formatRule(edge, from, to);
  if (special !== null || isFormat(from) || (from === 'formats' && isFormat(to))) return special;
  if (UTILITIES.includes(to) && from !== 'catalog') return null;
  const allowed = MAY_IMPORT[base(from)];
  if (!allowed) return `${from} is no layer of docs/ARCHITECTURE.md (add it to MAY_IMPORT)`;
  if (MAY_IMPORT[base(to)] === undefined) return `${to} is no layer of docs/ARCHITECTURE.md (add it to MAY_IMPORT)`;
  const may = from === 'catalog' ? [] : [...new Set([...allowed, ...UTILITIES.filter((u) => u !== from)])];
  return allowed.includes(base(to))
    ? null
    : `${base(from)} may not import ${base(to)} (it may import: ${may.join(', ') || 'nothing'})`;
}

/** Every cycle of files through imports that stay at run time, one per strongly connected component, as a path that starts and ends at one file. */
export function findCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.to !== null && !e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (next.get(v) ?? []).includes(v)) components.push(c);
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  // One concrete cycle per component: the shortest way from its first file back to it.
  return components.map((c) => {
    const inside = new Set(c);
    const start = [...c].sort()[0]!;
    const back = new Map<string, string>();
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const w of next.get(queue[i]!) ?? []) {
        if (!inside.has(w) || back.has(w)) continue;
        back.set(w, queue[i]!);
        if (w === start) break;
        queue.push(w);
      }
      if (back.has(start)) break;
    }
    const path = [start];
    for (let v = back.get(start)!; v !== start; v = back.get(v)!) path.unshift(v);
    return [start, ...path];
  });
}

function listTs(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, name)).isDirectory()) out.push(...listTs(join(dir, name), rel));
    else if (name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

const allTypes = (elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>) =>
  elements.length > 0 && elements.every((e) => e.isTypeOnly);

/** What a file imports, from its syntax tree (comments and strings cannot fool it), and whether only types. */
export function importsOf(text: string, name = 'file.ts'): { specifier: string; typeOnly: boolean }[] {
  const out: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (!c.name &&
            c.namedBindings !== undefined &&
            ts.isNamedImports(c.namedBindings) &&
            allTypes(c.namedBindings.elements)));
      out.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause !== undefined &&
          ts.isNamedExports(node.exportClause) &&
          allTypes(node.exportClause.elements));
      out.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      out.push({ specifier: node.argument.literal.text, typeOnly: true });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return out;
}

/** The import graph of src/. A relative import that names no file is an error of its own. */
export function readGraph(): { files: string[]; edges: Edge[]; unresolved: string[] } {
  const files = listTs(SRC);
  const known = new Set(files);
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const from of files) {
    for (const { specifier, typeOnly } of importsOf(readFileSync(join(SRC, from), 'utf8'), from)) {
      if (!specifier.startsWith('.')) {
        edges.push({ from, specifier, to: null, typeOnly });
        continue;
      }
      const to = posix.normalize(posix.join(posix.dirname(from), specifier.replace(/\.js$/, '.ts')));
      if (known.has(to)) edges.push({ from, specifier, to, typeOnly });
      else unresolved.push(`src/${from}: '${specifier}'`);
    }
  }
  return { files, edges, unresolved };
}
