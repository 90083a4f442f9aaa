/** A splice of the original text: replace [start, end) with `text` (start === end inserts). */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Thrown when edits overlap or fall outside the text: a bug in the caller, never bad input. */
export class XmlEditConflictError extends Error {
  override readonly name = 'XmlEditConflictError';
}

/**
 * Applies edits to `text` in offset order. Insertions at the same offset keep
 * the order they were given in and come before a replacement starting there.
 * Overlapping deletions merge into one (removing neighbours that share a line
 * break); any other overlap throws XmlEditConflictError. Every byte outside the edited
 * ranges is kept as it was.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = mergeDeletions(sortEdits(edits));
  let out = '';
  let last = 0;
  let previous: TextEdit | undefined;
  for (const edit of sorted) {
    if (edit.start < 0 || edit.end > text.length || edit.start > edit.end) {
      throw new XmlEditConflictError(`edit [${edit.start}, ${edit.end}) is outside the text (length ${text.length})`);
    }
    if (previous && edit.start < previous.end) {
      throw new XmlEditConflictError(
        `edits overlap: [${previous.start}, ${previous.end}) and [${edit.start}, ${edit.end}); ` +
          'an element cannot be both changed and removed or replaced in one pass',
      );
    }
    out += text.slice(last, edit.start) + edit.text;
    last = edit.end;
    previous = edit;
  }
  return out + text.slice(last);
}

/** Stable sort by start; at equal starts insertions go first. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => {
      if (a.edit.start !== b.edit.start) return a.edit.start - b.edit.start;
      const ai = a.edit.start === a.edit.end ? 0 : 1;
      const bi = b.edit.start === b.edit.end ? 0 : 1;
      return ai - bi || a.index - b.index;
    })
    .map((x) => x.edit);
}

/** Merges overlapping deletions of a sorted list; other edits pass through. */
function mergeDeletions(sorted: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    const bothDeletions =
      last && last.text === '' && edit.text === '' && last.end > last.start && edit.end > edit.start;
    if (bothDeletions && edit.start < last.end)
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, edit.end), text: '' };
    else out.push(edit);
  }
  return out;
}
