import { applyEdits, type TextEdit } from './apply-edits.js';
import { detectStyle, type XmlStyle } from './detect-style.js';
import { planRemoveAttribute, planSetAttribute } from './edit-attributes.js';
import { planAppendSlot, planInsertBefore, planRemoveElement, type EditContext } from './edit-children.js';
import { XmlValueError } from './escape.js';
import { parseXml, type ParseXmlOptions, type XmlParseResult } from './parse.js';
import { getChildElements } from './query.js';
import { reindentMarkup, serializeElement, type XmlElementSpec } from './serialize.js';
import { getLineIndent } from './layout.js';
import type { XmlDocument, XmlElement } from './tree.js';

/** New content: an element description, or a markup string (must be well-formed). */
export type XmlInsert = XmlElementSpec | string;

interface MutableEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Collects edits against the original text of a parsed document and applies
 * them by splicing, so every byte outside the changed nodes stays identical.
 * Elements passed in must come from `doc`. New markup follows the document's
 * quote style, indentation and line endings (see `detectStyle`).
 */
export class XmlEditor {
  readonly style: XmlStyle;
  private readonly edits: MutableEdit[] = [];
  private readonly groups = new Map<XmlElement, { edit: MutableEdit; markups: string[] }>();
  private readonly attributeEdits = new Map<XmlElement, Map<string, MutableEdit>>();

  constructor(
    readonly doc: XmlDocument,
    style: Partial<XmlStyle> = {},
  ) {
    this.style = { ...detectStyle(doc), ...style };
  }

  private get ctx(): EditContext {
    return { text: this.doc.text, style: this.style };
  }

  /** Sets an attribute (in place, keeping its quote, or appended). A later set or remove of the same attribute wins. */
  setAttribute(el: XmlElement, name: string, value: string): this {
    this.assertOwned(el);
    return this.putAttributeEdit(el, name, planSetAttribute(el, name, value, this.style.quote));
  }

  /** Removes the attribute with the whitespace before it; does nothing when absent. */
  removeAttribute(el: XmlElement, name: string): this {
    this.assertOwned(el);
    return this.putAttributeEdit(el, name, planRemoveAttribute(el, name));
  }

  /** Keeps one pending edit per attribute: the last operation on it replaces the earlier one. */
  private putAttributeEdit(el: XmlElement, name: string, edit: TextEdit | undefined): this {
    let byName = this.attributeEdits.get(el);
    if (!byName) this.attributeEdits.set(el, (byName = new Map()));
    const previous = byName.get(name);
    if (previous) this.edits.splice(this.edits.indexOf(previous), 1);
    byName.delete(name);
    if (!edit) return this;
    const mutable = { ...edit };
    byName.set(name, mutable);
    this.edits.push(mutable);
    return this;
  }

  /** Adds a last child on its own line, indented like its siblings; expands `<x/>` to `<x>...</x>`. */
  appendChild(parent: XmlElement, child: XmlInsert): this {
    this.assertOwned(parent);
    const slot = planAppendSlot(this.ctx, parent);
    const markup = this.render(child, slot.indent);
    if (!slot.grouped) return this.push({ start: slot.start, end: slot.end, text: slot.render([markup]) });
    const group = this.groups.get(parent);
    if (group) {
      group.markups.push(markup);
      group.edit.text = slot.render(group.markups);
      return this;
    }
    const edit: MutableEdit = { start: slot.start, end: slot.end, text: slot.render([markup]) };
    this.groups.set(parent, { edit, markups: [markup] });
    this.edits.push(edit);
    return this;
  }

  /** Adds a new element just before `sibling`, with the sibling's indentation. */
  insertBefore(sibling: XmlElement, child: XmlInsert): this {
    this.assertOwned(sibling);
    if (sibling === this.doc.root)
      throw new XmlValueError('nothing can be inserted before the root element (a document has one root)');
    const plan = planInsertBefore(this.ctx, sibling);
    return this.push({ start: plan.at, end: plan.at, text: plan.render(this.render(child, plan.indent)) });
  }

  /** Inserts so that the new element becomes child element number `index` (0-based; past the end appends). */
  insertChildAt(parent: XmlElement, index: number, child: XmlInsert): this {
    const sibling = getChildElements(parent)[Math.max(0, index)];
    return sibling ? this.insertBefore(sibling, child) : this.appendChild(parent, child);
  }

  /** Removes an element; alone on its line, the line goes too, leaving no blank line. */
  removeElement(el: XmlElement): this {
    this.assertOwned(el);
    if (el === this.doc.root) throw new XmlValueError('the root element cannot be removed');
    return this.push(planRemoveElement(this.ctx, el));
  }

  /** Replaces an element (from its '<' to the end of its end tag) with new content. */
  replaceElement(el: XmlElement, replacement: XmlInsert): this {
    this.assertOwned(el);
    const indent = getLineIndent(this.doc.text, el.span.start);
    return this.push({ start: el.span.start, end: el.span.end, text: this.render(replacement, indent) });
  }

  /** The edits so far, in the order they were made. */
  getEdits(): readonly TextEdit[] {
    return this.edits.map((e) => ({ ...e }));
  }

  /** The edited text. With no edits, the original text itself. Throws XmlEditConflictError on overlapping edits. */
  apply(): string {
    return applyEdits(this.doc.text, this.edits);
  }

  toString(): string {
    return this.apply();
  }

  /** Parses the edited text again, for a fresh tree to query or edit further. */
  reparse(opts?: ParseXmlOptions): XmlParseResult {
    return parseXml(this.apply(), opts);
  }

  /** Catches elements from another parse (say, the tree before a reparse): their offsets would be wrong here. */
  private assertOwned(el: XmlElement): void {
    const { text } = this.doc;
    const end = el.endTag ? el.endTag.end : el.startTag.end;
    if (end > text.length || !text.startsWith(`<${el.name}`, el.span.start) || text.charCodeAt(end - 1) !== 0x3e) {
      throw new XmlValueError(`<${el.name}> at offset ${el.span.start} does not belong to the document being edited`);
    }
  }

  private push(edit: TextEdit): this {
    this.edits.push({ ...edit });
    return this;
  }

  private render(child: XmlInsert, indent: string): string {
    const { quote, indentUnit, newline } = this.style;
    if (typeof child !== 'string') return serializeElement(child, { quote, indentUnit, newline, indent });
    assertWellFormed(child);
    return reindentMarkup(child, indent, newline);
  }
}

/** A markup string must be well-formed element content (one element, or several with text and comments). */
function assertWellFormed(markup: string): void {
  const alone = parseXml(markup);
  if (alone.ok && (alone.doc.declaration || alone.doc.bom)) {
    throw new XmlValueError('markup to insert may not hold an XML declaration or a BOM');
  }
  if (alone.ok || parseXml(`<x>${markup}</x>`).ok) return;
  const first = alone.diagnostics[0];
  throw new XmlValueError(`markup to insert is not well-formed XML: ${first?.message ?? 'unknown problem'}`);
}
