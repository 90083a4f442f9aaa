import type { Citation, FeatureId, FeatureValue } from '../catalog/index.js';
import type { DiagnosticCode, Severity } from './codes.js';

export type { Severity } from './codes.js';

/** A range of UTF-16 offsets into the source text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** One change a fix makes: set the feature to the value, or remove it (null). */
export interface FixChange {
  feature: FeatureId;
  value: FeatureValue | null;
}

export interface Fix {
  /** Syntax-free description, e.g. "turn on synic". Formats render their own spelling from `changes`. */
  description: string;
  changes: FixChange[];
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  feature?: FeatureId;
  span?: Span;
  fix?: Fix;
  /** Extra lines: the reason, the source of the fact, which case it applies to. */
  notes?: string[];
  /** The sources behind it (docs/sources.md); also its last note, as text. */
  cites?: Citation;
}

/**
 * What every parser returns: the value, or why the input could not be read at all as that syntax
 * (a malformed document, an unterminated quote, text that is none of it, a too-large input: the
 * codes `unreadable` in codes.ts). A value keeps its own warnings and notes (`ParsedConfig.diagnostics`).
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };
