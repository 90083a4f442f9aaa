import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import type { Diagnostic, DiagnosticCode, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet, FeatureValues, Mode, Origins } from '../../model/index.js';
import { putFeature, setOf } from '../../model/index.js';

/** A fact whose meaning depends on the libvirt release (checked by checkLibvirtVersion). */
export interface VersionNeed {
  /** What needs the release, as written: `<emsr_bitmap>`, `mode='host-model'`. */
  what: string;
  since: string;
  span: Span;
  feature?: FeatureId;
  /** What older releases do with it: refuse the domain, ignore it, or keep it but write it back wrong. */
  older: 'refuses' | 'ignores' | 'breaks';
  /** Older releases' own message, when known. */
  olderSays?: string;
}

/** What the readers build up while walking the document. */
export class ReadState {
  private mode: Mode = 'custom';
  /** The features met so far, changed in place; the set is made once, when asked for. */
  private readonly values: FeatureValues = {};
  readonly origins: Origins = {};
  readonly diagnostics: Diagnostic[] = [];
  readonly versionNeeds: VersionNeed[] = [];

  /** The set read so far. */
  get set(): EnlightenmentSet {
    return setOf(this.mode, this.values);
  }

  put(id: FeatureId, value: FeatureValue | undefined, span: Span): void {
    this.mode = putFeature(this.values, this.mode, id, value);
    this.origins[id] = span;
  }

  setMode(mode: Mode): void {
    this.mode = mode;
  }

  report(
    code: DiagnosticCode,
    message: string,
    span: Span | undefined,
    extra: { feature?: FeatureId; notes?: string[]; severity?: Diagnostic['severity'] } = {},
  ): void {
    this.diagnostics.push(
      makeDiagnostic(code, message, { ...extra, ...(span ? { span: { start: span.start, end: span.end } } : {}) }),
    );
  }

  need(need: VersionNeed): void {
    this.versionNeeds.push(need);
  }
}
