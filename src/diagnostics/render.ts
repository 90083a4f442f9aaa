import type { Diagnostic, Span } from './types.js';
import type { LineIndex } from './position.js';
import { lineIndexOf } from './position.js';
import { printable } from '../util/printable.js';
import { work } from '../util/work.js';

export interface RenderOptions {
  /** Name shown in the location line (a file name, or "<arg>" / "<stdin>"). */
  sourceName: string;
  /** Turns a fix into words in the input's own syntax. */
  describeFix?: (d: Diagnostic) => string | undefined;
  color?: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', reset: '\x1b[0m', bold: '\x1b[1m' };

/** A line up to this long is shown whole; a longer one as a window of FRAME_WIDTH around the span. */
const WHOLE_LINE = 160;
/** Characters of a long line shown around the span. */
export const FRAME_WIDTH = 100;
/** Characters of the line kept before the span in a window. */
const BEFORE = 40;
/** Characters of the span itself kept in a window. */
const SPAN_SHOWN = 60;

/** What a code frame shows of the span's line: the text, and where the carets go under it. */
export interface FrameLine {
  text: string;
  caretAt: number;
  carets: number;
}

/**
 * The part of the line to show: all of it when it is short, otherwise a window of FRAME_WIDTH
 * characters around the span with `…` where it is cut. Control characters are escaped
 * (tabs kept), and the carets sit under the escaped span.
 */
export function frameLine(index: LineIndex, line: number, span: Span): FrameLine {
  const text = index.text;
  const ls = index.lineStart(line);
  const le = index.lineEnd(line);
  const start = Math.min(Math.max(span.start, ls), le);
  const spanEnd = Math.max(start, Math.min(span.end, le));
  let from = ls;
  let to = le;
  if (le - ls > WHOLE_LINE) {
    from = Math.max(ls, start - BEFORE);
    to = Math.min(le, Math.max(from + FRAME_WIDTH, Math.min(spanEnd, start + SPAN_SHOWN)));
    from = Math.max(ls, Math.min(from, to - FRAME_WIDTH));
  }
  work.steps += to - from;
  const head = from > ls ? '…' : '';
  const before = printable(text.slice(from, start), true);
  const inside = printable(text.slice(start, Math.min(spanEnd, to)), true);
  const after = printable(text.slice(Math.min(spanEnd, to), to), true);
  const shown = `${head}${before}${inside}${after}${to < le ? '…' : ''}`;
  // A span past the end of the line (at its line break) puts the caret just after the text.
  const past = Math.max(0, span.start - le);
  return { text: shown, caretAt: head.length + before.length + past, carets: Math.max(1, inside.length) };
}

/**
 * Renders a diagnostic as a code frame:
 *   error[MISSING_DEPENDENCY]: message
 *     --> file:1:11
 *      |
 *    1 | -cpu host,hv_stimer
 *      |           ^^^^^^^^^
 *      = fix: ...
 * Everything taken from the input is escaped (no control character reaches the terminal), and a
 * long line shows only a window around the span; line and column stay the real ones.
 */
export function renderDiagnostic(d: Diagnostic, source: string, opts: RenderOptions): string {
  const c = opts.color ? COLORS : { error: '', warning: '', info: '', reset: '', bold: '' };
  const out = [`${c[d.severity]}${d.severity}[${d.code}]${c.reset}: ${c.bold}${printable(d.message)}${c.reset}`];
  let indent = ' ';
  if (d.span) {
    const index = lineIndexOf(source);
    const { line, column } = index.at(d.span.start);
    const frame = frameLine(index, line, d.span);
    const pad = ' '.repeat(String(line).length);
    indent = pad;
    out.push(`${pad}--> ${printable(opts.sourceName)}:${line}:${column}`);
    out.push(`${pad} |`);
    out.push(`${line} | ${frame.text}`);
    out.push(`${pad} | ${' '.repeat(frame.caretAt)}${c[d.severity]}${'^'.repeat(frame.carets)}${c.reset}`);
  } else {
    out.push(`  --> ${printable(opts.sourceName)}`);
  }
  for (const note of d.notes ?? []) out.push(`${indent} = note: ${printable(note)}`);
  const fix = opts.describeFix?.(d) ?? d.fix?.description;
  if (fix) out.push(`${indent} = fix: ${printable(fix)}`);
  return out.join('\n');
}
