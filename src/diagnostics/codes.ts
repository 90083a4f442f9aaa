import type { Severity } from './types.js';

interface CodeDef {
  severity: Severity;
  /** What the code means, for docs/diagnostics.md. */
  summary: string;
}

/**
 * Every diagnostic code enlighten emits. Codes are stable: never rename one; add new ones.
 * docs/diagnostics.md is generated from this table (npm run docs).
 */
export const CODES = {
  UNKNOWN_FEATURE: { severity: 'error', summary: 'A Hyper-V property (hv-*) that QEMU does not know; QEMU refuses to start.' },
  INVALID_BOOLEAN: { severity: 'error', summary: "An on/off property with a value QEMU does not accept as 'on' or 'off'." },
  INVALID_NUMBER: { severity: 'error', summary: 'A numeric property whose value is not a number QEMU can parse.' },
  NUMBER_OUT_OF_RANGE: { severity: 'error', summary: 'A numeric property whose value does not fit its type (uint32, uint16, uint8).' },
  INVALID_VALUE: { severity: 'error', summary: 'A property value outside the set QEMU accepts (on/off/auto).' },
  MISSING_VALUE: { severity: 'error', summary: 'A property that needs a value was given none.' },
  MISSING_DEPENDENCY: { severity: 'error', summary: 'A feature is on but a feature it requires is not; QEMU refuses to start ("Hyper-V X requires Hyper-V Y").' },
  DUPLICATE_FEATURE: { severity: 'warning', summary: 'The same property is given more than once; the last one wins.' },
  CONFLICTING_FEATURE: { severity: 'warning', summary: 'The same property is turned both on and off; the last one wins.' },
  AMBIGUOUS_CPU_STRING: { severity: 'warning', summary: 'A +feature/-feature item mixed with a later feature=value for the same property; QEMU warns and applies the +/- item last.' },
  NO_CPU_ARGUMENT: { severity: 'info', summary: 'A QEMU command line without a -cpu argument: no Hyper-V enlightenments are set.' },
  UNREADABLE_INPUT: { severity: 'error', summary: 'The input could not be read as any known syntax.' },
  UNTERMINATED_QUOTE: { severity: 'error', summary: 'A shell quote in a QEMU command line is not closed.' },
  VENDOR_ID_TRUNCATED: { severity: 'warning', summary: 'A vendor id longer than 12 bytes: QEMU truncates it and warns (hv-vendor-id truncated to 12 characters).' },
  NOT_EXPRESSIBLE: { severity: 'warning', summary: 'A setting the target syntax cannot express; it is left out of the output.' },
  EXPERIMENTAL_PROPERTY: { severity: 'info', summary: 'An experimental x-hv-* property: accepted by QEMU, but not a stable interface.' },
} as const satisfies Record<string, CodeDef>;

export type DiagnosticCode = keyof typeof CODES;

export function severityOf(code: DiagnosticCode): Severity {
  return CODES[code].severity;
}
