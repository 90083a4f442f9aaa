/**
 * The lines a Linux guest prints about Hyper-V, by kernel era (Linux arch/x86/kernel/cpu/mshyperv.c): the
 * format, which registers each field is, and a pattern that reads it back. `%#x` and `0x%x` both
 * print `0x0` for zero in the kernel's vsprintf, so one hex pattern reads both.
 */
import type { Register } from '../catalog/index.js';

export type Era = '2025' | '6.x' | 'interim' | '5.x' | '4.x';

export interface Field {
  name: string;
  leaf: number;
  reg: Register;
}

export interface FeatureLineFormat {
  era: Era;
  label: string;
  prefix: string;
  fields: Field[];
}

const low: Field = { name: 'low', leaf: 0x40000003, reg: 'eax' };
const high: Field = { name: 'high', leaf: 0x40000003, reg: 'ebx' };
const ext: Field = { name: 'ext', leaf: 0x40000003, reg: 'ecx' };
const misc: Field = { name: 'misc', leaf: 0x40000003, reg: 'edx' };
const hints: Field = { name: 'hints', leaf: 0x40000004, reg: 'eax' };
const features: Field = { ...low, name: 'features' };

/**
 * Newest first. The labels say what the reference could establish: the kernel releases that
 * switched formats were not verified (Linux arch/x86/kernel/cpu/mshyperv.c).
 */
export const FEATURE_LINES: FeatureLineFormat[] = [
  {
    era: '2025',
    label: '2025+ (ext added)',
    prefix: 'Hyper-V: privilege flags',
    fields: [low, high, ext, hints, misc],
  },
  { era: '6.x', label: '6.x', prefix: 'Hyper-V: privilege flags', fields: [low, high, hints, misc] },
  { era: 'interim', label: 'between 5.x and 6.x', prefix: 'Hyper-V:', fields: [features, hints, misc] },
  { era: '5.x', label: 'v5.x', prefix: 'Hyper-V:', fields: [features, hints] },
  { era: '4.x', label: 'v4.x', prefix: 'HyperV:', fields: [features, hints] },
];

const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;

/** The line in this format for these register values. */
export function printFeatureLine(f: FeatureLineFormat, value: (field: Field) => number): string {
  return `${f.prefix} ${f.fields.map((x) => `${x.name} ${hex(value(x))}`).join(', ')}`;
}

/** A pattern that matches this format anywhere in a line and captures each field's hex value. */
export function featureLinePattern(f: FeatureLineFormat): RegExp {
  let pattern = patterns.get(f);
  if (!pattern) {
    const fields = f.fields.map((x) => `${x.name} (0x[0-9a-fA-F]+|0)`).join(', ');
    pattern = new RegExp(`${f.prefix} ${fields}\\s*$`);
    patterns.set(f, pattern);
  }
  return pattern;
}

/** Each format's pattern, made once: a log is read line by line, and making them per line was most of `decode`. */
const patterns = new WeakMap<FeatureLineFormat, RegExp>();

/** "Hyper-V: Host Build 10.0.14393.0-0-0" (hv_common_init, 6.x): major.minor.build.snumber-spack-sbranch. */
export const HOST_BUILD_NEW = /Hyper-V: (?:Host|Hypervisor) Build (\d+)\.(\d+)\.(\d+)\.(\d+)-(\d+)-(\d+)\s*$/;
/** "Hyper-V Host Build:14393-10.0-0-0.0" (v5.x): eax-major.minor-ecx-sbranch.snumber. */
export const HOST_BUILD_OLD = /Hyper-V Host Build:(\d+)-(\d+)\.(\d+)-(\d+)-(\d+)\.(\d+)\s*$/;
export const NESTED_LINE = /Hyper-V: Nested features: (0x[0-9a-fA-F]+|0)\s*$/;
export const HYPERVISOR_DETECTED = /Hypervisor detected: (.+?)\s*$/;
export const NOT_AVAILABLE = /x86\/hyperv: (HYPERCALL|VP_INDEX) MSR not available/;
export const CLOCKSOURCE_SWITCH = /clocksource: Switched to clocksource (\S+)/;
