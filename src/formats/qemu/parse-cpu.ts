import type { FeatureId } from '../../catalog/index.js';
import { CATALOG, featureByQemuName, isHvPropertyName, qemuNames } from '../../catalog/index.js';
import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet, Origins } from '../../model/index.js';
import { emptySet, getValue, setFeature } from '../../model/index.js';
import { suggest } from '../../util/suggest.js';
import { parseQemuValue } from './values.js';

/** One comma-separated item of a -cpu value. */
export interface CpuItem {
  raw: string;
  key: string;
  value: string | null;
  span: Span;
  /** The Hyper-V feature it sets, when it is one. */
  feature?: FeatureId;
}

export type QemuStyle = 'modern' | 'legacy';

export interface CpuParse {
  model: string | null;
  modelSpan?: Span;
  items: CpuItem[];
  set: EnlightenmentSet;
  origins: Origins;
  diagnostics: Diagnostic[];
  /** legacy when any Hyper-V item uses the underscore spelling. */
  style: QemuStyle;
}

const VENDOR_MAX = 12;

/** Parses a -cpu value. `span(from, to)` maps offsets in `value` to source spans. */
export function parseCpuValue(value: string, span: (from: number, to: number) => Span): CpuParse {
  const diagnostics: Diagnostic[] = [];
  let set = emptySet();
  const origins: Origins = {};
  const items: CpuItem[] = [];
  let model: string | null = null;
  let modelSpan: Span | undefined;
  let legacy = false;
  let pos = 0;
  const parts = value.split(',');
  parts.forEach((raw, index) => {
    const from = pos;
    pos += raw.length + 1;
    const itemSpan = span(from, from + raw.length);
    if (index === 0 && !raw.includes('=') && !isHvPropertyName(raw.replace(/^[+-]/, ''))) {
      model = raw;
      modelSpan = itemSpan;
      return;
    }
    if (raw === '') return;
    let key = raw;
    let text: string | null = null;
    const eq = raw.indexOf('=');
    if (eq >= 0) {
      key = raw.slice(0, eq);
      text = raw.slice(eq + 1);
    } else if (raw[0] === '+' || raw[0] === '-') {
      key = raw.slice(1);
      text = raw[0] === '+' ? 'on' : 'off';
    }
    const item: CpuItem = { raw, key, value: text, span: itemSpan };
    items.push(item);
    if (!isHvPropertyName(key)) return;
    const id = featureByQemuName(key);
    if (!id) {
      diagnostics.push(unknownProperty(key, model, itemSpan));
      return;
    }
    item.feature = id;
    const def = CATALOG[id];
    if (key.includes('_')) legacy = true;
    const parsed = parseQemuValue(def, def.qemu.name, text);
    if (!parsed.ok) {
      const code =
        parsed.problem.kind === 'boolean'
          ? 'INVALID_BOOLEAN'
          : parsed.problem.kind === 'number'
            ? text === null
              ? 'MISSING_VALUE'
              : 'INVALID_NUMBER'
            : parsed.problem.kind === 'range'
              ? 'NUMBER_OUT_OF_RANGE'
              : 'INVALID_VALUE';
      diagnostics.push(
        makeDiagnostic(code, `${key}: invalid value ${text === null ? '(none)' : `'${text}'`} (QEMU: ${parsed.problem.qemuMessage})`, {
          feature: id,
          span: itemSpan,
          notes: [expectation(def.kind)],
        }),
      );
      return;
    }
    const previous = getValue(set, id);
    if (previous !== undefined && origins[id]) {
      const conflicting = typeof previous === 'boolean' && previous !== parsed.value;
      diagnostics.push(
        makeDiagnostic(conflicting ? 'CONFLICTING_FEATURE' : 'DUPLICATE_FEATURE', `${def.qemu.name} is given more than once; the last one (${raw}) wins`, {
          feature: id,
          span: itemSpan,
        }),
      );
    }
    if (def.kind === 'string' && typeof parsed.value === 'string' && parsed.value.length > VENDOR_MAX) {
      diagnostics.push(
        makeDiagnostic('VENDOR_ID_TRUNCATED', `${key} '${parsed.value}' is longer than 12 characters; QEMU keeps only '${parsed.value.slice(0, VENDOR_MAX)}' (QEMU: hv-vendor-id truncated to 12 characters)`, {
          feature: id,
          span: itemSpan,
        }),
      );
    }
    if (def.experimental) {
      diagnostics.push(makeDiagnostic('EXPERIMENTAL_PROPERTY', `${key} is an experimental QEMU property; it may change or go away`, { feature: id, span: itemSpan }));
    }
    set = setFeature(set, id, parsed.value);
    origins[id] = itemSpan;
  });
  return { model, modelSpan, items, set, origins, diagnostics, style: legacy ? 'legacy' : 'modern' };
}

function expectation(kind: string): string {
  switch (kind) {
    case 'bool':
      return 'QEMU accepts on, off, yes, no, true, false, y or n; a bare name means on';
    case 'on-off-auto':
      return 'QEMU accepts on, off or auto';
    case 'int32':
      return 'QEMU accepts a signed 32-bit number, decimal, 0x hex or 0-prefixed octal';
    default:
      return `QEMU accepts a ${kind.replace('uint', '')}-bit unsigned number, decimal, 0x hex or 0-prefixed octal`;
  }
}

function unknownProperty(key: string, model: string | null, span: Span): Diagnostic {
  const names = qemuNames().filter((n) => n.includes('_') === key.includes('_'));
  const hints = suggest(key, names);
  const typeName = `${model ?? 'qemu64'}-x86_64-cpu`;
  const message = `unknown Hyper-V property '${key}' (QEMU: Property '${typeName}.${key.replaceAll('_', '-')}' not found)`;
  return makeDiagnostic('UNKNOWN_FEATURE', message, {
    span,
    notes: hints.length ? [`did you mean ${hints.map((h) => `'${h}'`).join(', ')}?`] : ['run `enlighten list` to see every property'],
  });
}
