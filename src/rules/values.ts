/**
 * Values that QEMU takes but another tool refuses, that mean something special, or that do not fit
 * where they land: spinlock retries below libvirt's 4095, 0xffffffff (never notify), a vendor id
 * over 12 bytes or with a comma, a version field wider than its CPUID bits. All from the catalog
 * (minimum, specialValues, stringLimits, cpuidValue).
 */
import type { FeatureDef, FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, SRC, sourceNote } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { ParsedConfig } from '../formats/types.js';
import { getValue, listedFeatures } from '../model/index.js';
import { readByLibvirt, nameFeature, nameSetting, showValue } from './names.js';
import type { Rule } from './types.js';

const utf8 = new TextEncoder();

/** The first `max` bytes of a UTF-8 string, without a broken last character. */
export function truncateBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (utf8.encode(out + ch).length > max) break;
    out += ch;
  }
  return out;
}

/** What each value check is given: one listed feature, its entry and value, the configuration, and whether libvirt reads it. */
interface Checked {
  id: FeatureId;
  def: FeatureDef;
  value: FeatureValue;
  config: ParsedConfig;
  libvirt: boolean;
}

function fixValue(id: FeatureId, value: FeatureValue, config: ParsedConfig, why: string) {
  return {
    description: `${why}: ${nameSetting(id, value, config.format, config.context.spelling)}`,
    changes: [{ feature: id, value }],
  };
}

function checkMinimum({ id, def, value, config, libvirt }: Checked): Diagnostic[] {
  const min = def.minimum;
  if (!min || typeof value !== 'number' || value >= min.value) return [];
  const span = config.origins[id];
  const setting = nameSetting(id, value, config.format, config.context.spelling);
  const fix = fixValue(id, min.value, config, `raise it to ${showValue(id, min.value)}`);
  if (libvirt) {
    return [
      makeDiagnostic('LIBVIRT_REFUSES_VALUE', `libvirt refuses ${setting}: "${min.message}"`, {
        feature: id,
        ...(span ? { span } : {}),
        notes: [sourceNote(min.source)],
        cites: min.source,
        fix,
      }),
    ];
  }
  return [
    makeDiagnostic(
      'VALUE_BELOW_MINIMUM',
      `${setting}${setting.endsWith(String(value)) ? '' : ` (${value})`} is below ${showValue(id, min.value)} (${min.value}): ${min.effect}`,
      {
        feature: id,
        ...(span ? { span } : {}),
        notes: [`QEMU takes it; libvirt refuses it ("${min.message}")`, sourceNote(min.source)],
        cites: min.source,
        fix,
      },
    ),
  ];
}

function checkSpecial({ id, def, value, config }: Checked): Diagnostic[] {
  const span = config.origins[id];
  const example = def.example;
  return (def.specialValues ?? [])
    .filter((s) => s.value === value)
    .map((s) =>
      makeDiagnostic(
        'SPECIAL_VALUE',
        `${nameSetting(id, value, config.format, config.context.spelling)} means ${s.meaning}`,
        {
          feature: id,
          ...(span ? { span } : {}),
          notes: [
            ...(example !== undefined ? [`the usual value is ${showValue(id, example)} (${String(example)})`] : []),
            sourceNote(s.source),
          ],
          cites: s.source,
        },
      ),
    );
}

function checkString({ id, def, value, config, libvirt }: Checked): Diagnostic[] {
  const lim = def.stringLimits;
  if (!lim || typeof value !== 'string') return [];
  const span = config.origins[id];
  const at = span ? { span } : {};
  const name = nameFeature(id, config.format, config.context.spelling);
  const out: Diagnostic[] = [];
  const forbidden = [...lim.forbidden].filter((c) => value.includes(c));
  let clean = value;
  for (const c of forbidden) clean = clean.replaceAll(c, '');
  if (forbidden.length) {
    out.push(
      makeDiagnostic(
        'FORBIDDEN_CHARACTER',
        `${name} '${value}' holds ${forbidden.map((c) => `'${c}'`).join(', ')}, which no syntax can carry`,
        {
          feature: id,
          ...at,
          notes: [
            'QEMU splits -cpu on commas, so the rest becomes another property',
            `libvirt refuses it: "${lim.libvirtForbidden}"`,
            sourceNote(lim.source),
          ],
          cites: lim.source,
          fix: fixValue(id, truncateBytes(clean, lim.maxBytes), config, 'drop it'),
        },
      ),
    );
  }
  if (utf8.encode(value).length > lim.maxBytes) {
    const short = truncateBytes(clean, lim.maxBytes);
    if (libvirt) {
      out.push(
        makeDiagnostic('LIBVIRT_REFUSES_VALUE', `libvirt refuses ${name} '${value}': "${lim.libvirtTooLong}"`, {
          feature: id,
          ...at,
          notes: [sourceNote(lim.source)],
          cites: lim.source,
          fix: fixValue(id, short, config, `keep the first ${lim.maxBytes} bytes`),
        }),
      );
    } else {
      // The one finding for a value too long (the QEMU parser judges no length: it does not know who reads it).
      // The fix writes what QEMU keeps, so the guest sees the same; when QEMU's cut falls inside a
      // character there is no such text, and the note says what to write instead.
      const exact = utf8.encode(truncateBytes(value, lim.maxBytes)).length === lim.maxBytes;
      out.push(
        makeDiagnostic(
          'VENDOR_ID_TRUNCATED',
          `${name} '${value}' is longer than ${lim.maxBytes} bytes; QEMU keeps only the first ${lim.maxBytes} (QEMU: warning: ${lim.qemuTooLong})`,
          {
            feature: id,
            ...at,
            notes: [
              ...(exact
                ? []
                : [`QEMU's cut falls inside a character: write at most ${lim.maxBytes} bytes, e.g. '${short}'`]),
              'libvirt refuses it outright',
              sourceNote(lim.qemuSource),
              sourceNote(lim.source),
            ],
            cites: [...lim.qemuSource, ...lim.source],
            ...(exact ? { fix: fixValue(id, short, config, `keep the first ${lim.maxBytes} bytes`) } : {}),
          },
        ),
      );
    }
  }
  return out;
}

function checkWidth({ id, def, value, config }: Checked): Diagnostic[] {
  const field = def.cpuidValue;
  if (!field || field.encoding === 'string12' || typeof value !== 'number' || field.width >= 32) return [];
  const limit = 2 ** field.width;
  if (value >= 0 && value < limit) return [];
  const seen = ((value % limit) + limit) % limit;
  const span = config.origins[id];
  return [
    makeDiagnostic(
      'VALUE_EXCEEDS_FIELD',
      `${nameSetting(id, value, config.format, config.context.spelling)} does not fit the ${field.width} bits it gets in CPUID 0x${field.leaf.toString(16).toUpperCase()}.${field.reg.toUpperCase()}: the guest sees ${seen} (0x${seen.toString(16)})`,
      {
        feature: id,
        ...(span ? { span } : {}),
        notes: [sourceNote(def.sources.cpuid ?? SRC.qemuFill)],
        cites: def.sources.cpuid ?? SRC.qemuFill,
        fix: fixValue(id, seen, config, 'write what the guest sees'),
      },
    ),
  ];
}

/** The parser already refused this feature's value (libvirt's own checks; low retries with this rule's code, LIBVIRT_REFUSES_VALUE): do not say it twice. */
function parserRefused(config: ParsedConfig, id: FeatureId): boolean {
  return config.diagnostics.some((d) => d.feature === id && d.severity === 'error');
}

type ValueCheck = (c: Checked) => Diagnostic[];
/** The checks libvirt also makes: skipped where the parser already refused the value. */
const LIBVIRT_CHECKS: ValueCheck[] = [checkMinimum, checkString];
/** The checks only this rule makes. */
const OWN_CHECKS: ValueCheck[] = [checkSpecial, checkWidth];

export const valueRule: Rule = {
  id: 'values',
  run({ config, options }) {
    if (config.set.mode === 'passthrough') return [];
    const libvirt = readByLibvirt(options.target ?? config.format);
    const out: Diagnostic[] = [];
    for (const id of listedFeatures(config.set)) {
      const def = CATALOG[id];
      const value = getValue(config.set, id)!;
      const checked: Checked = { id, def, value, config, libvirt };
      const checks = parserRefused(config, id) ? OWN_CHECKS : [...LIBVIRT_CHECKS, ...OWN_CHECKS];
      for (const check of checks) out.push(...check(checked));
    }
    return out;
  },
};
