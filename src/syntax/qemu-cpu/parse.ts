import type { FeatureDef, FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, featureByQemuName, isHvPropertyName, qemuNames } from '../../catalog/index.js';
import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet, Origins } from '../../model/index.js';
import { emptySet, getValue, setFeature } from '../../model/index.js';
import { suggest } from '../../util/suggest.js';
import type { ValueProblem } from './values.js';
import { parseQemuValue } from './values.js';

/** One comma-separated item of a -cpu value. */
export interface CpuItem {
  raw: string;
  key: string;
  value: string | null;
  span: Span;
  /** '+' or '-' for the old `+feature` / `-feature` syntax. */
  sign?: '+' | '-';
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

/** Splits `value` on commas as QEMU's strtok does, with each item's offset. Empty items are skipped. */
function splitItems(value: string): { raw: string; from: number }[] {
  const out: { raw: string; from: number }[] = [];
  let pos = 0;
  for (const raw of value.split(',')) {
    if (raw !== '') out.push({ raw, from: pos });
    pos += raw.length + 1;
  }
  return out;
}

/** Splits an item into key, value and sign. */
function readItem(raw: string, span: Span): CpuItem {
  if (raw[0] === '+' || raw[0] === '-') return { raw, key: raw.slice(1), value: null, span, sign: raw[0] };
  const eq = raw.indexOf('=');
  return eq < 0 ? { raw, key: raw, value: null, span } : { raw, key: raw.slice(0, eq), value: raw.slice(eq + 1), span };
}

/** Looks like a Hyper-V property, whatever its case or stray spaces (QEMU would not find it). */
function looksHv(key: string): boolean {
  return isHvPropertyName(key.trim().toLowerCase());
}

/**
 * Parses a -cpu value as QEMU 7.2's x86_cpu_parse_featurestr does (test/support/qemu.ts has the
 * measured behaviour): `KEY=VALUE` and bare `KEY` (= on) apply in order, the last one winning;
 * `+KEY` / `-KEY` apply afterwards, plus before minus, without the underscore conversion.
 * `span(from, to)` maps offsets in `value` to source spans.
 */
export function parseCpuValue(value: string, span: (from: number, to: number) => Span): CpuParse {
  const diagnostics: Diagnostic[] = [];
  let set = emptySet();
  const origins: Origins = {};
  const items: CpuItem[] = [];
  let model: string | null = null;
  let modelSpan: Span | undefined;
  let legacy = false;
  const signed: { item: CpuItem; id: FeatureId; at: number }[] = [];
  /** Where the first KEY / KEY=VALUE item of each feature is, among the items. */
  const firstPlain = new Map<FeatureId, number>();
  const split = splitItems(value);
  split.forEach(({ raw, from }, index) => {
    const itemSpan = span(from, from + raw.length);
    if (index === 0 && from === 0 && !raw.includes('=') && !/^[+-]/.test(raw) && !looksHv(raw)) {
      model = raw;
      modelSpan = itemSpan;
      return;
    }
    const item = readItem(raw, itemSpan);
    items.push(item);
    if (!looksHv(item.key) && !featureByQemuName(item.key)) return;
    const id = item.sign ? exactFeature(item.key) : featureByQemuName(item.key);
    if (!id) {
      diagnostics.push(unknownProperty(item, model));
      return;
    }
    item.feature = id;
    if (item.sign) {
      signed.push({ item, id, at: items.length - 1 });
      return;
    }
    if (!firstPlain.has(id)) firstPlain.set(id, items.length - 1);
    if (item.key.includes('_')) legacy = true;
    const def = CATALOG[id];
    const read = parseQemuValue(def, def.qemu.name, item.value);
    if (!read.ok) {
      diagnostics.push(valueProblem(item, id, read.problem));
      return;
    }
    const parsed = { ...read, value: settingOf(def, read.value) };
    const previous = getValue(set, id);
    if (previous !== undefined && origins[id]) {
      const conflicting = typeof previous === 'boolean' && previous !== parsed.value;
      diagnostics.push(
        makeDiagnostic(
          conflicting ? 'CONFLICTING_FEATURE' : 'DUPLICATE_FEATURE',
          `${def.qemu.name} is given more than once; the last one (${raw}) wins`,
          {
            feature: id,
            span: itemSpan,
          },
        ),
      );
    }
    if (def.experimental) {
      diagnostics.push(
        makeDiagnostic(
          'EXPERIMENTAL_PROPERTY',
          `${item.key} is an experimental QEMU property; it may change or go away`,
          { feature: id, span: itemSpan },
        ),
      );
    }
    set = setFeature(set, id, parsed.value);
    origins[id] = itemSpan;
  });
  // The old +feature/-feature items apply after every other item: plus first, then minus.
  for (const sign of ['+', '-'] as const) {
    for (const { item, id, at } of signed.filter((s) => s.item.sign === sign)) {
      const def = CATALOG[id];
      if (def.kind !== 'bool') {
        diagnostics.push(signedNonBoolean(item, id, def));
        continue;
      }
      if (origins[id] && at < (firstPlain.get(id) ?? -1)) {
        diagnostics.push(
          makeDiagnostic(
            'AMBIGUOUS_CPU_STRING',
            `${item.raw} comes before ${def.qemu.name}=...; QEMU applies ${item.raw} last anyway and warns (QEMU: warning: Ambiguous CPU model string. Don't mix both "${item.raw}" and "${def.qemu.name}=...")`,
            {
              feature: id,
              span: item.span,
            },
          ),
        );
      }
      set = setFeature(set, id, settingOf(def, sign === '+'));
      origins[id] = item.span;
    }
  }
  return { model, modelSpan, items, set, origins, diagnostics, style: legacy ? 'legacy' : 'modern' };
}

/** The setting a QEMU value gives: an inverted property's boolean is turned around (kvm=off hides KVM). */
function settingOf(def: FeatureDef, value: FeatureValue): FeatureValue {
  return def.qemu.inverted && typeof value === 'boolean' ? !value : value;
}

/** +KEY / -KEY get no underscore conversion: only the exact modern name or an alias works. */
function exactFeature(key: string): FeatureId | undefined {
  const id = featureByQemuName(key);
  return id && (CATALOG[id].qemu.name === key || CATALOG[id].qemu.aliases.includes(key)) ? id : undefined;
}

function valueProblem(item: CpuItem, id: FeatureId, problem: ValueProblem): Diagnostic {
  const code =
    problem.kind === 'boolean'
      ? 'INVALID_BOOLEAN'
      : problem.kind === 'number'
        ? item.value === null
          ? 'MISSING_VALUE'
          : 'INVALID_NUMBER'
        : problem.kind === 'range'
          ? 'NUMBER_OUT_OF_RANGE'
          : 'INVALID_VALUE';
  const shown = item.value === null ? '(none)' : `'${item.value}'`;
  return makeDiagnostic(code, `${item.key}: invalid value ${shown} (QEMU: ${problem.qemuMessage})`, {
    feature: id,
    span: item.span,
    notes: [expectation(CATALOG[id].kind)],
  });
}

function signedNonBoolean(item: CpuItem, id: FeatureId, def: FeatureDef): Diagnostic {
  const numeric = def.kind !== 'string' && def.kind !== 'on-off-auto';
  const qemu = numeric
    ? `Parameter '${def.qemu.name}' expects ${def.kind === 'int32' ? 'int64' : 'uint64'}`
    : `Invalid parameter type for '${def.qemu.name}', expected: string`;
  return makeDiagnostic(
    numeric ? 'MISSING_VALUE' : 'INVALID_VALUE',
    `${item.raw}: ${def.qemu.name} takes a value, not ${item.sign}/${item.sign === '+' ? '-' : '+'} (QEMU: ${qemu})`,
    {
      feature: id,
      span: item.span,
      notes: [`write ${def.qemu.name}=VALUE`, expectation(def.kind)],
    },
  );
}

function expectation(kind: string): string {
  switch (kind) {
    case 'bool':
      return 'QEMU accepts on, off, yes, no, true, false, y or n (lower case); a bare name means on';
    case 'on-off-auto':
      return 'QEMU accepts on, off or auto (lower case)';
    case 'string':
      return 'QEMU accepts any text without a comma';
    case 'int32':
      return 'QEMU accepts a signed 32-bit number, decimal, 0x hex or 0-prefixed octal';
    default:
      return `QEMU accepts a ${kind.replace('uint', '')}-bit unsigned number, decimal, 0x hex or 0-prefixed octal`;
  }
}

let spellings: { legacy: string[]; modern: string[] } | undefined;

/** The QEMU names spelled like `key` (with underscores, or with dashes), to suggest from. */
function namesLike(key: string): string[] {
  spellings ??= {
    legacy: qemuNames().filter((n) => n.includes('_')),
    modern: qemuNames().filter((n) => !n.includes('_')),
  };
  return key.includes('_') ? spellings.legacy : spellings.modern;
}

function unknownProperty(item: CpuItem, model: string | null): Diagnostic {
  const key = item.key;
  const clean = key.trim().toLowerCase();
  // +KEY/-KEY keep the underscores; QEMU reports KEY=VALUE after a sign as part of the name.
  const qemuName = item.sign ? item.raw.slice(1) : key.replaceAll('_', '-');
  const message = `unknown Hyper-V property '${item.sign ? item.raw.slice(1) : key}' (QEMU: Property '${model ?? 'qemu64'}-x86_64-cpu.${qemuName}' not found)`;
  const notes: string[] = [];
  if (clean !== key) {
    const known = featureByQemuName(clean);
    notes.push(
      known
        ? `QEMU property names are lower case and spaces count: write '${clean}'`
        : 'QEMU property names are lower case and spaces count',
    );
  } else if (item.sign && key.includes('_')) {
    notes.push(`after + or -, QEMU does not turn _ into -: write ${item.sign}${key.replaceAll('_', '-')}`);
  }
  if (!notes.length) {
    const hints = suggest(clean, namesLike(clean));
    notes.push(
      hints.length
        ? `did you mean ${hints.map((h) => `'${h}'`).join(', ')}?`
        : 'run `enlighten list` to see every property',
    );
  }
  return makeDiagnostic('UNKNOWN_FEATURE', message, { span: item.span, notes });
}
