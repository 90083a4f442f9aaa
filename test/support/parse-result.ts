import type { Diagnostic, ParseResult } from '../../src/diagnostics/index.js';

/** The value of a parse the test expects to read; fails with the diagnostics when it could not. */
export function okValue<T>(result: ParseResult<T>): T {
  if (!result.ok)
    throw new Error(
      `expected the input to be read, got ${result.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; ')}`,
    );
  return result.value;
}

/** The diagnostics of a parse the test expects to fail (`ok: false`). */
export function failureOf<T>(result: ParseResult<T>): Diagnostic[] {
  if (result.ok) throw new Error('expected the input to be unreadable, but it was read');
  return result.diagnostics;
}

/** Every diagnostic of a parse, read or not: the value's own, or why it could not be read. */
export function diagnosticsOf<T extends { diagnostics: Diagnostic[] }>(result: ParseResult<T>): Diagnostic[] {
  return result.ok ? result.value.diagnostics : result.diagnostics;
}
