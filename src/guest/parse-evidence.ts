/**
 * Reads what a guest reports: a `cpuid -r` dump, a plain table of leaves, a Linux boot log (dmesg or
 * journal, anywhere in a longer text), or the output of `enlighten guest-script`. Never throws.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { Leaves, Regs } from './leaves.js';
import { REGISTERS, hex32 } from './leaves.js';
import type { Era } from './linux-formats.js';
import {
  CLOCKSOURCE_SWITCH,
  FEATURE_LINES,
  HOST_BUILD_NEW,
  HOST_BUILD_OLD,
  HYPERVISOR_DETECTED,
  NESTED_LINE,
  NOT_AVAILABLE,
  featureLinePattern,
} from './linux-formats.js';

export interface LogEvidence {
  /** Registers the Hyper-V lines show. */
  leaves: Leaves;
  /** The era of the feature line, or null when the log has none. */
  era: Era | null;
  /** The hypervisor Linux picked ("Hypervisor detected: ..."). */
  detected: string | null;
  /** "HYPERCALL" / "VP_INDEX": Linux refused Hyper-V because the MSR is missing. */
  notAvailable: string[];
  /** The last "clocksource: Switched to clocksource X". */
  clocksource: string | null;
  /** 1-based line numbers of the lines used. */
  lines: number[];
}

export interface Evidence {
  /** Raw registers, and where they came from (`cpuid -r`, a table, /dev/cpu/0/cpuid). */
  dump: { leaves: Leaves; source: string } | null;
  log: LogEvidence | null;
  clocksource: { current?: string; available?: string[] };
  /** `# key: value` lines of a guest script report (os, kernel, powershell, qpc-frequency...). */
  meta: Record<string, string>;
  diagnostics: Diagnostic[];
}

const HEX = '(?:0x)?([0-9a-fA-F]{1,8})';
const CPUID_R =
  /^\s*0x([0-9a-fA-F]{8}) 0x([0-9a-fA-F]{2}): eax=0x([0-9a-fA-F]{8}) ebx=0x([0-9a-fA-F]{8}) ecx=0x([0-9a-fA-F]{8}) edx=0x([0-9a-fA-F]{8})\s*$/;
const CPU_HEADER = /^CPU(?: (\d+))?:\s*$/;
const reg = (name: string) => `(?:${name}\\s*[=:]\\s*)?${HEX}`;
const TABLE_ROW = new RegExp(
  `^\\s*(?:leaf\\s*)?(?:0x)?(4[0-9a-fA-F]{7})\\s*[:=]?\\s+${reg('eax')}[\\s,]+${reg('ebx')}[\\s,]+${reg('ecx')}[\\s,]+${reg('edx')}\\s*$`,
);
const META = /^#\s*([\w-]+):\s*(.*?)\s*$/;
const SOURCE = /^#\s*cpuid-source:\s*(.+?)\s*$/;
const KEY_VALUE = /^\s*(current|available|qpc-frequency)\s*:\s*(.*?)\s*$/;

const toRegs = (m: RegExpExecArray, from: number): Regs => {
  const [eax, ebx, ecx, edx] = [0, 1, 2, 3].map((i) => parseInt(m[from + i]!, 16) >>> 0) as [
    number,
    number,
    number,
    number,
  ];
  return { eax, ebx, ecx, edx };
};

/**
 * Windows PowerShell 5.1's `>` writes UTF-16LE; read as UTF-8 its ASCII arrives with a NUL after
 * every character (and the byte-order mark as replacement characters). Undo that.
 */
export function normalizeReport(text: string): string {
  const nuls = (text.match(/\0/g) ?? []).length;
  return nuls > text.length / 4
    ? text.replace(/^(\uFFFD\uFFFD|\uFEFF)/, '').replace(/\0/g, '')
    : text.replace(/^\uFEFF/, '');
}

export function parseEvidence(raw: string): Evidence {
  const text = normalizeReport(raw);
  const diagnostics: Diagnostic[] = [];
  const cpus = new Map<string, Leaves>();
  let cpu = '0';
  let dumpKind: string | null = null;
  let declaredSource: string | null = null;
  const table: Leaves = new Map();
  const meta: Record<string, string> = {};
  const clocksource: Evidence['clocksource'] = {};
  const log = newLog();
  let section = '';
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    let m: RegExpExecArray | null;
    if ((m = /^\[([\w-]+)\]\s*$/.exec(line))) {
      section = m[1]!;
      continue;
    }
    if ((m = SOURCE.exec(line))) {
      declaredSource = m[1]!;
      continue;
    }
    if ((m = META.exec(line))) {
      meta[m[1]!.toLowerCase()] = m[2]!;
      continue;
    }
    if ((m = CPU_HEADER.exec(line))) {
      cpu = m[1] ?? '0';
      continue;
    }
    if ((m = CPUID_R.exec(line))) {
      dumpKind = 'cpuid -r';
      if (m[2] !== '00') continue;
      const leaves = cpus.get(cpu) ?? new Map();
      cpus.set(cpu, leaves.set(parseInt(m[1]!, 16), toRegs(m, 3)));
      continue;
    }
    if ((m = TABLE_ROW.exec(line))) {
      table.set(parseInt(m[1]!, 16), toRegs(m, 2));
      continue;
    }
    if ((section === 'clocksource' || section === 'clock') && (m = KEY_VALUE.exec(line))) {
      if (m[1] === 'current') clocksource.current = m[2]!;
      else if (m[1] === 'available') clocksource.available = m[2]!.split(/\s+/).filter(Boolean);
      else meta['qpc-frequency'] = m[2]!;
      continue;
    }
    readLogLine(log, line, i + 1, diagnostics);
  }
  let dump: Evidence['dump'] = null;
  if (cpus.size) {
    const [first, ...others] = [...cpus.entries()].sort((a, b) => Number(a[0]) - Number(b[0]));
    for (const [id, leaves] of others) {
      const differs = [...first![1]].find(
        ([leaf, r]) => (leaf & 0xf0000000) === 0x40000000 && REGISTERS.some((x) => leaves.get(leaf)?.[x] !== r[x]),
      );
      if (differs) {
        diagnostics.push(
          makeDiagnostic(
            'GUEST_EVIDENCE_CONFLICT',
            `CPU ${id} reports other values than CPU ${first![0]} in leaf ${hex32(differs[0])}; CPU ${first![0]} is used`,
          ),
        );
        break;
      }
    }
    dump = {
      leaves: hypervisorLeaves(first![1]),
      source: `${dumpKind}${cpus.size > 1 ? `, CPU ${first![0]} of ${cpus.size}` : ''}`,
    };
  } else if (table.size) {
    dump = { leaves: table, source: declaredSource ?? 'a table of leaves' };
  }
  const fromLog = finishLog(log);
  if (!clocksource.current && fromLog?.clocksource) clocksource.current = fromLog.clocksource;
  return { dump, log: fromLog, clocksource, meta, diagnostics };
}

/** Only the hypervisor range 0x40000000-0x4fffffff matters here. */
function hypervisorLeaves(all: Leaves): Leaves {
  return new Map([...all].filter(([leaf]) => (leaf & 0xf0000000) === 0x40000000));
}

interface LogState extends LogEvidence {
  seen: Map<string, string>;
  anything: boolean;
}

function newLog(): LogState {
  return {
    leaves: new Map(),
    era: null,
    detected: null,
    notAvailable: [],
    clocksource: null,
    lines: [],
    seen: new Map(),
    anything: false,
  };
}

const num = (s: string) => (s === '0' ? 0 : parseInt(s, 16) >>> 0);

/** Leaf 0x40000002 as Hyper-V builds it from a version: build number, major.minor, service pack, service branch and number. */
function buildRegs(build: number, major: number, minor: number, spack: number, sbranch: number, snumber: number) {
  return { eax: build, ebx: ((major << 16) | minor) >>> 0, ecx: spack, edx: ((sbranch << 24) | snumber) >>> 0 };
}

/** Records one log line. A later boot in the same log replaces an earlier one; differing values are reported. */
function readLogLine(log: LogState, line: string, at: number, diagnostics: Diagnostic[]): void {
  const put = (what: string, leaf: number, values: Partial<Regs>) => {
    const shown = JSON.stringify(values);
    const before = log.seen.get(`${what}@${leaf}`);
    if (before !== undefined && before !== shown) {
      diagnostics.push(
        makeDiagnostic(
          'GUEST_EVIDENCE_CONFLICT',
          `line ${at} shows other values for leaf ${hex32(leaf)} than an earlier line (another boot?); the later one is used`,
        ),
      );
    }
    log.seen.set(`${what}@${leaf}`, shown);
    log.leaves.set(leaf, { ...log.leaves.get(leaf), ...values });
    log.lines.push(at);
    log.anything = true;
  };
  let m: RegExpExecArray | null;
  for (const f of FEATURE_LINES) {
    if (!(m = featureLinePattern(f).exec(line))) continue;
    log.era = f.era;
    const byLeaf = new Map<number, Partial<Regs>>();
    f.fields.forEach((x, i) => {
      byLeaf.set(x.leaf, { ...byLeaf.get(x.leaf), [x.reg]: num(m![i + 1]!) });
    });
    for (const [leaf, values] of byLeaf) put('features', leaf, values);
    return;
  }
  if ((m = HOST_BUILD_NEW.exec(line))) {
    const [major, minor, build, snumber, spack, sbranch] = m.slice(1).map(Number) as number[];
    put('build', 0x40000002, buildRegs(build!, major!, minor!, spack!, sbranch!, snumber!));
    return;
  }
  if ((m = HOST_BUILD_OLD.exec(line))) {
    const [eax, major, minor, ecx, sbranch, snumber] = m.slice(1).map(Number) as number[];
    put('build', 0x40000002, buildRegs(eax!, major!, minor!, ecx!, sbranch!, snumber!));
    return;
  }
  if ((m = NESTED_LINE.exec(line))) {
    put('nested', 0x4000000a, { eax: num(m[1]!) });
    return;
  }
  if ((m = HYPERVISOR_DETECTED.exec(line))) {
    log.detected = m[1]!;
    log.lines.push(at);
    log.anything = true;
    return;
  }
  if ((m = NOT_AVAILABLE.exec(line))) {
    if (!log.notAvailable.includes(m[1]!)) log.notAvailable.push(m[1]!);
    log.lines.push(at);
    log.anything = true;
    return;
  }
  if ((m = CLOCKSOURCE_SWITCH.exec(line))) log.clocksource = m[1]!;
}

function finishLog(log: LogState): LogEvidence | null {
  if (!log.anything && !log.clocksource) return null;
  const { leaves, era, detected, notAvailable, clocksource, lines } = log;
  return { leaves, era, detected, notAvailable, clocksource, lines };
}
