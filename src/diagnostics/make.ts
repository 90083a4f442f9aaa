import type { Diagnostic } from './types.js';
import type { DiagnosticCode } from './codes.js';
import { severityOf } from './codes.js';

/** Builds a diagnostic with the code's default severity. */
export function makeDiagnostic(
  code: DiagnosticCode,
  message: string,
  extra: Omit<Diagnostic, 'code' | 'severity' | 'message'> & { severity?: Diagnostic['severity'] } = {},
): Diagnostic {
  const { severity, ...rest } = extra;
  return { code, severity: severity ?? severityOf(code), message, ...rest };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Sorts by position, then severity, keeping the original order otherwise. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity) || ORDER[a.severity] - ORDER[b.severity],
  );
}
