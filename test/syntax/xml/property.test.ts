import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  getChildElements,
  parseXml,
  printXml,
  walkElements,
  XmlEditConflictError,
  XmlEditor,
  type TextEdit,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
  type XmlTopNode,
} from '../../../src/syntax/xml/index.js';
import { docArb, renderDoc, shapeModel, type Shape } from './arbitraries.js';
import { checkInvariants, listXmlFiles, ORACLES, parseOk, readText } from './helpers.js';

/** More runs on demand: XML_FUZZ_SCALE=50 npx vitest run test/xml/property.test.ts */
const SCALE = Number(process.env.XML_FUZZ_SCALE ?? 1);
const runs = (n: number) => ({ numRuns: Math.round(n * SCALE) });

function shapeDoc(nodes: readonly (XmlNode | XmlTopNode)[]): Shape[] {
  const out: Shape[] = [];
  for (const n of nodes) {
    if (n.kind === 'element')
      out.push(['element', n.name, n.attributes.map((a) => [a.name, a.value]), shapeDoc(n.children)]);
    else if (n.kind === 'processing-instruction') out.push(['pi', n.target, n.data]);
    else if (n.kind !== 'declaration') out.push([n.kind, n.value]);
  }
  return out;
}

describe('property: well-formed documents', () => {
  it('parse gives the modelled tree, and print gives the text back', () => {
    fc.assert(
      fc.property(docArb, (model) => {
        const text = renderDoc(model);
        const doc = parseOk(text);
        expect(printXml(doc)).toBe(text);
        checkInvariants(doc);
        expect(shapeDoc(doc.children)).toEqual(shapeModel([...model.before, model.root, ...model.after]));
        expect(doc.bom).toBe(model.bom);
        expect(doc.declaration !== undefined).toBe(model.declaration !== null);
      }),
      runs(400),
    );
  });

  type Op = { readonly op: number; readonly target: number; readonly name: string; readonly value: string };
  const opArb = fc.record({
    op: fc.integer({ min: 0, max: 6 }),
    target: fc.nat(),
    name: fc.constantFrom('state', 'mode', 'new', 'x:y'),
    value: fc.constantFrom('on', "it's", 'a"b', '<&>', ''),
  });

  /** Runs one random edit; returns the elements it touched and the region its edits must stay in. */
  function runOp(
    ed: XmlEditor,
    doc: XmlDocument,
    elements: XmlElement[],
    o: Op,
  ): { allowed: { start: number; end: number } } | undefined {
    const el = elements[o.target % elements.length]!;
    const child = { name: 'relaxed', attributes: { state: o.value } };
    const notRoot = el !== doc.root;
    switch (o.op) {
      case 0:
        ed.setAttribute(el, o.name, o.value);
        return { allowed: el.startTag };
      case 1:
        ed.removeAttribute(el, el.attributes[0]?.name ?? o.name);
        return { allowed: el.startTag };
      case 2:
        ed.appendChild(el, child);
        return { allowed: el.span };
      case 3:
        ed.appendChild(el, `<n a='${o.value === "it's" ? '1' : '2'}'/>`);
        return { allowed: el.span };
      case 4:
        if (notRoot) {
          ed.insertBefore(el, child);
          return { allowed: { start: el.span.start - 200, end: el.span.start } };
        }
        return undefined;
      case 5:
        if (notRoot) {
          ed.removeElement(el);
          return { allowed: { start: el.span.start - 200, end: el.span.end + 200 } };
        }
        return undefined;
      default:
        if (notRoot) {
          ed.replaceElement(el, child);
          return { allowed: el.span };
        }
        return undefined;
    }
  }

  /** Splices from the end, independently of applyEdits (only for edits that do not overlap). */
  function spliceBackwards(text: string, edits: readonly TextEdit[]): string | undefined {
    const sorted = [...edits]
      .map((e, i) => ({ e, i }))
      .sort((a, b) => b.e.start - a.e.start || b.e.end - b.e.start - (a.e.end - a.e.start) || b.i - a.i);
    let out = text;
    let floor = Infinity;
    for (const { e } of sorted) {
      if (e.end > floor) return undefined;
      out = out.slice(0, e.start) + e.text + out.slice(e.end);
      floor = e.start;
    }
    return out;
  }

  it('random edits keep every byte outside the edited ranges and reparse', () => {
    fc.assert(
      fc.property(docArb, fc.array(opArb, { minLength: 1, maxLength: 4 }), (model, ops) => {
        const text = renderDoc(model);
        const doc = parseOk(text);
        const elements = [...walkElements(doc)];
        const ed = new XmlEditor(doc);
        for (const o of ops) {
          const before = ed.getEdits().length;
          const result = runOp(ed, doc, elements, o);
          if (!result) continue;
          for (const e of ed.getEdits().slice(before)) {
            expect(e.start).toBeGreaterThanOrEqual(Math.max(0, result.allowed.start));
            expect(e.end).toBeLessThanOrEqual(result.allowed.end);
            const removed = text.slice(e.start, e.end);
            if (o.op === 5)
              expect(
                removed
                  .replace(
                    text.slice(
                      elements[o.target % elements.length]!.span.start,
                      elements[o.target % elements.length]!.span.end,
                    ),
                    '',
                  )
                  .trim(),
              ).toBe('');
          }
        }
        let out: string;
        try {
          out = ed.apply();
        } catch (e) {
          if (e instanceof XmlEditConflictError) return; // nested targets may legitimately conflict
          throw e;
        }
        const independent = spliceBackwards(text, ed.getEdits());
        if (independent !== undefined) expect(out).toBe(independent);
        const reparsed = parseXml(out);
        expect(reparsed.diagnostics).toEqual([]);
        if (ed.getEdits().length === 0) expect(out).toBe(text);
        // The text before the first edit and after the last is untouched.
        const final = ed.getEdits();
        const first = Math.min(...final.map((r) => r.start));
        const last = Math.max(...final.map((r) => r.end));
        if (final.length > 0) {
          expect(out.slice(0, first)).toBe(text.slice(0, first));
          expect(out.slice(out.length - (text.length - last))).toBe(text.slice(last));
        }
        if (reparsed.ok) expect(getChildElements(reparsed.doc).length).toBe(1);
      }),
      runs(400),
    );
  });
});

describe('property: any input', () => {
  const oracles = listXmlFiles(ORACLES).map(([, p]) => readText(p));
  const interesting = fc.constantFrom(
    '<',
    '>',
    '/',
    '&',
    ';',
    "'",
    '"',
    '=',
    '!',
    '?',
    '-',
    '[',
    ']',
    ' ',
    '\n',
    'a',
    '#',
    'x',
    '\u0000',
    '\uD800',
    '\uFEFF',
    '<!DOCTYPE',
    '<![CDATA[',
    ']]>',
    '<!--',
    '-->',
    '&lt;',
    '&#x',
  );
  const mutation = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    kind: fc.constantFrom('insert', 'delete', 'replace'),
    chunk: interesting,
    length: fc.integer({ min: 1, max: 20 }),
  });

  function mutate(text: string, ms: readonly { at: number; kind: string; chunk: string; length: number }[]): string {
    let out = text;
    for (const m of ms) {
      const i = Math.floor(m.at * out.length);
      if (m.kind === 'insert') out = out.slice(0, i) + m.chunk + out.slice(i);
      else if (m.kind === 'delete') out = out.slice(0, i) + out.slice(i + m.length);
      else out = out.slice(0, i) + m.chunk + out.slice(i + m.chunk.length);
    }
    return out;
  }

  function checkAnyInput(text: string): void {
    const result = parseXml(text);
    if (result.ok) {
      expect(printXml(result.doc)).toBe(text);
      checkInvariants(result.doc);
    } else {
      expect(result.diagnostics.length).toBeGreaterThan(0);
      for (const d of result.diagnostics) {
        expect(d.span!.start).toBeGreaterThanOrEqual(0);
        expect(d.span!.end).toBeLessThanOrEqual(text.length);
        expect(d.span!.start).toBeLessThanOrEqual(d.span!.end);
      }
    }
  }

  it('mutated oracle files: parse never throws and stays fast', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: oracles.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (index, ms) => {
          checkAnyInput(mutate(oracles[index]!, ms));
        },
      ),
      runs(1500),
    );
  });

  it('random strings: parse never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.array(interesting, { maxLength: 60 }).map((a) => a.join('')),
        ),
        (text) => {
          checkAnyInput(text);
        },
      ),
      runs(1500),
    );
  });
});
