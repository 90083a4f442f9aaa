import type { TextEdit } from './apply-edits.js';
import type { XmlStyle } from './detect-style.js';
import { getAttributesEnd } from './edit-attributes.js';
import {
  endsLine,
  getBreakLength,
  getBreakLengthBefore,
  getIndentBefore,
  getLineIndent,
  getLineStart,
  skipBlanks,
  skipBlanksBack,
} from './layout.js';
import type { XmlElement } from './tree.js';

export interface EditContext {
  readonly text: string;
  readonly style: XmlStyle;
}

/** The indentation of the last child element that starts its own line, else the parent's plus one unit. */
export function getChildIndent(ctx: EditContext, parent: XmlElement): string {
  for (let i = parent.children.length - 1; i >= 0; i--) {
    const child = parent.children[i]!;
    if (child.kind !== 'element') continue;
    const indent = getIndentBefore(ctx.text, child.span.start);
    if (indent !== undefined) return indent;
  }
  return getLineIndent(ctx.text, parent.span.start) + ctx.style.indentUnit;
}

/**
 * Where and how new last children of `parent` are written. A grouped slot is a
 * single edit rendered from all children appended to that parent; otherwise
 * each child is its own insertion at `start`.
 */
export interface AppendSlot {
  readonly start: number;
  readonly end: number;
  readonly indent: string;
  readonly grouped: boolean;
  readonly render: (markups: readonly string[]) => string;
}

export function planAppendSlot(ctx: EditContext, parent: XmlElement): AppendSlot {
  const nl = ctx.style.newline;
  const indent = getChildIndent(ctx, parent);
  const parentIndent = getLineIndent(ctx.text, parent.span.start);
  const onOwnLines = (ms: readonly string[]) => ms.map((m) => nl + indent + m).join('');
  const endTag = parent.endTag;
  if (!endTag) {
    const start = getAttributesEnd(parent);
    const render = (ms: readonly string[]) => `>${onOwnLines(ms)}${nl}${parentIndent}</${parent.name}>`;
    return { start, end: parent.startTag.end, indent, grouped: true, render };
  }
  if (getIndentBefore(ctx.text, endTag.start) !== undefined) {
    const at = getLineStart(ctx.text, endTag.start);
    return { start: at, end: at, indent, grouped: false, render: (ms) => ms.map((m) => indent + m + nl).join('') };
  }
  const elements = parent.children.filter((c) => c.kind === 'element');
  if (elements.length > 0 && elements.every((c) => getIndentBefore(ctx.text, c.span.start) === undefined)) {
    return { start: endTag.start, end: endTag.start, indent: '', grouped: false, render: (ms) => ms.join('') };
  }
  const render = (ms: readonly string[]) => `${onOwnLines(ms)}${nl}${parentIndent}`;
  return { start: endTag.start, end: endTag.start, indent, grouped: true, render };
}

/** Where a new sibling goes before `sibling`: on its own line above it, or inline when the sibling shares its line. */
export function planInsertBefore(
  ctx: EditContext,
  sibling: XmlElement,
): { readonly at: number; readonly indent: string; readonly render: (markup: string) => string } {
  const indent = getIndentBefore(ctx.text, sibling.span.start);
  if (indent === undefined) {
    return { at: sibling.span.start, indent: getLineIndent(ctx.text, sibling.span.start), render: (m) => m };
  }
  const at = sibling.span.start - indent.length;
  return { at, indent, render: (m) => indent + m + ctx.style.newline };
}

/**
 * Removes an element. Alone on its line, the whole line goes (indentation and
 * line break), so no blank line remains. Followed on its line by the parent's
 * end tag, it goes from the end of the previous line. Otherwise the element
 * goes with the blanks that separated it from its neighbour.
 */
export function planRemoveElement(ctx: EditContext, el: XmlElement): TextEdit {
  const { text } = ctx;
  const { start, end } = el.span;
  const startsLine = getIndentBefore(text, start) !== undefined;
  const blanksStart = skipBlanksBack(text, start);
  const after = skipBlanks(text, end);
  if (startsLine && endsLine(text, end)) {
    return { start: blanksStart, end: after + getBreakLength(text, after), text: '' };
  }
  if (startsLine) {
    const before = getBreakLengthBefore(text, blanksStart);
    if (text.startsWith('</', after) && before > 0) return { start: blanksStart - before, end: after, text: '' };
    return { start, end: after, text: '' };
  }
  if (endsLine(text, end)) return { start: blanksStart, end, text: '' };
  return { start, end, text: '' };
}
