// "No file outside src/formats/ knows a syntax's spelling" (docs/ARCHITECTURE.md, "The format
// contract"), as a test: outside the formats, the syntax layer and the catalog, code never branches
// on a format's id, and never builds a syntax's text from data (a template that writes an XML
// element, a QEMU property or a -cpu around the values it fills in). It asks the format instead.
// Fixed prose about the programs (help texts, diagnostic summaries, a guest's likely causes) may
// name them: it does not change when a syntax is added.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/formats/registry.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
/** Where syntaxes are spelled: the formats, the lexers below them, the catalog's per-syntax facts. */
const OWNERS = /^(formats|syntax|catalog)\//;

/** An XML element (`<hyperv>`, `<feature policy=`), a QEMU property (`hv-`, `hv_`), `-cpu`, a virt-xml sub-option (`hyperv.`). */
const SYNTAX = /<[a-z][\w:.-]*([\s/>]|$)|\bhv[-_]([a-z]|$)|(^|[\s'"`(])-cpu\b|\bhyperv[._]([a-z]|$)/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

interface Finding {
  where: string;
  text: string;
}

/** Comparisons with a registered format id, and templates that spell a syntax around what they fill in. */
function spellingsIn(file: string, code: string, ids: ReadonlySet<string>): { ids: Finding[]; templates: Finding[] } {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const at = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const out = { ids: [] as Finding[], templates: [] as Finding[] };
  const isId = (n: ts.Node) => ts.isStringLiteralLike(n) && ids.has(n.text);
  // `x.readBy === 'libvirt'` names the program that reads a syntax, a member of the contract.
  const isProgram = (n: ts.Node) => ts.isPropertyAccessExpression(n) && n.name.text === 'readBy';
  // What holds a syntax: `format`, `f.id`, `syntax`, `target`, `req.target`, `flags.to`, `from`; an
  // audit's output format (`output === 'json'`) is another thing that happens to share a word.
  const holdsSyntax = (n: ts.Node) => /(^|\.)(format|syntax|target|from|to|id)(\.id)?$/i.test(n.getText());
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      const eq =
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken;
      const other = isId(n.left) ? n.right : isId(n.right) ? n.left : undefined;
      if (eq && other && !isProgram(other) && holdsSyntax(other)) out.ids.push({ where: at(n), text: n.getText() });
    }
    if (ts.isCaseClause(n) && isId(n.expression)) out.ids.push({ where: at(n), text: n.getText().split('\n')[0]! });
    if (ts.isTemplateExpression(n)) {
      const parts = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)];
      if (parts.some((p) => SYNTAX.test(p))) out.templates.push({ where: at(n), text: n.getText() });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('syntax spellings stay in src/formats', () => {
  const ids = new Set<string>(FORMATS.map((f) => f.id));
  const files = filesUnder(SRC)
    .map((f) => relative(SRC, f))
    .filter((f) => !OWNERS.test(f));
  const found = files.map((f) => spellingsIn(`src/${f}`, readFileSync(join(SRC, f), 'utf8'), ids));

  it('reads the files outside the owners', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.startsWith('formats/'))).toBe(false);
  });

  it('no code outside the formats branches on a format id', () => {
    expect(found.flatMap((f) => f.ids).map((f) => `${f.where}: ${f.text}`)).toEqual([]);
  });

  it('no code outside the formats builds a syntax from data', () => {
    expect(found.flatMap((f) => f.templates).map((f) => `${f.where}: ${f.text}`)).toEqual([]);
  });
});

describe('the spelling check itself', () => {
  const ids = new Set(['qemu', 'libvirt']);
  const check = (code: string) => spellingsIn('x.ts', code, ids);

  it('finds a branch on an id, in either order and in a switch', () => {
    expect(check("if (format.id === 'libvirt') f();").ids).toHaveLength(1);
    expect(check("const a = 'qemu' !== syntax;").ids).toHaveLength(1);
    expect(check("switch (id) { case 'qemu': break; }").ids).toHaveLength(1);
  });

  it('lets the program that reads a syntax be compared, and other strings', () => {
    expect(check("if (f.readBy === 'libvirt') g();").ids).toEqual([]);
    expect(check("if (kind === 'hyperv') g();").ids).toEqual([]);
    expect(check("if (output === 'json') g();").ids).toEqual([]);
    expect(check("if (req.target === 'libvirt') g();").ids).toHaveLength(1);
    expect(check("if (input.format !== 'qemu') g();").ids).toHaveLength(1);
  });

  it('finds templates that write an element, a property or a -cpu around data', () => {
    expect(check('const a = `<feature policy="require" name="${flag}"/>`;').templates).toHaveLength(1);
    expect(check('const a = `${x} ${y}: hv-${name}`;').templates).toHaveLength(1);
    expect(check('const a = `-cpu host,${flags}`;').templates).toHaveLength(1);
    expect(check('const a = `--features hyperv.${name}.state=on`;').templates).toHaveLength(1);
    // `<${name}>` is also the usage notation of help texts (`--to <syntax>`), so an element whose name is filled in is not caught.
  });

  it("lets fixed prose and enlighten's own notation be", () => {
    expect(check("const a = 'a management layer dropped the <hyperv> block';").templates).toEqual([]);
    expect(check('const a = `${name}=${value}`;').templates).toEqual([]);
    expect(check('const a = `${a} < ${b} cores`;').templates).toEqual([]);
    expect(check('const a = `<${name}>`;').templates).toEqual([]);
  });
});
