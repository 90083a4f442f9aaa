/**
 * A recommendation written in one syntax, as `enlighten recommend --to X` prints it and the web page
 * shows it: the format prints the set with the recommendation's context (CPU model and flags, the
 * clock), and the notes gain the CPU flags the guest needs, in the syntax's words.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import type { FormatEntry, PrintOptions } from '../formats/types.js';
import { emptySet } from '../model/index.js';
import { recommendContext } from './recommend.js';
import type { RecommendResult } from './types.js';

export interface PrintedRecommendation {
  text: string;
  /** The printer's own diagnostics (what this syntax or version cannot write). */
  diagnostics: Diagnostic[];
  /** The recommendation's notes, then the CPU flags the guest needs when the syntax names them. */
  notes: string[];
}

/** What the printer takes besides the result: style, kind, libvirt version, guest OS. */
export type RecommendationPrintOptions = Pick<PrintOptions, 'style' | 'kind' | 'libvirtVersion' | 'os'>;

/** Prints `result` in `format` (one that prints: `format.print`). */
export function printRecommendation(
  result: RecommendResult,
  format: FormatEntry,
  opts: RecommendationPrintOptions = {},
): PrintedRecommendation {
  if (!format.print) throw new Error(`${format.id} cannot be printed`);
  const printed = format.print(result.set, {
    input: {
      format: format.id,
      source: '',
      set: emptySet(),
      origins: {},
      context: recommendContext(result),
      diagnostics: [],
    },
    ...opts,
  });
  const notes = [...result.notes];
  const flagWords = format.cpuFlags;
  if (flagWords?.require && result.extras.cpuFlags.length) {
    notes.push(
      `the guest also needs the ${result.extras.cpuFlags.join(', ')} CPU flag: ${flagWords.host}, or ${flagWords.require(result.extras.cpuFlags)}`,
    );
  }
  return { text: printed.text, diagnostics: printed.diagnostics, notes };
}
