/**
 * Reads a Proxmox VE VM configuration into the set QEMU gets: the `-cpu` value qemu-server builds
 * (cfg2cpu.ts), or the one an `args: -cpu` puts after it, read by QEMU's own rules
 * (`src/syntax/qemu-cpu/`). Every feature points at the line responsible for it.
 */
import type { Diagnostic, ParseResult, Span } from '../../diagnostics/index.js';
import { makeDiagnostic, readResult } from '../../diagnostics/index.js';
import { emptySet } from '../../model/index.js';
import type { CpuParse } from '../../syntax/qemu-cpu/parse.js';
import { parseCpuValue } from '../../syntax/qemu-cpu/parse.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import { splitShell, wordSpan } from '../../syntax/shell/split.js';
import type { ConfigContext, ParsedConfig, ParseOptions } from '../types.js';
import type { BuiltCpu, CpuInputs } from './cfg2cpu.js';
import { buildCpu } from './cfg2cpu.js';
import type { ConfEntry, ConfFile } from './conf.js';
import { entryOf, readConf } from './conf.js';
import { readCpuModels, VM_FLAG_NOTES } from './cpu-models.js';
import { PVE_VENDOR_ID, VENDOR_KEY, VM_HV_FLAGS } from './express.js';
import type { FeatureId } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';

/** QEMU's legacy name of a feature (hv_synic), the spelling qemu-server writes. */
const legacy = (id: FeatureId) => CATALOG[id].qemu.legacy;
import { compareVersions, highestRevision, NEWEST_QEMU, parseVersion, showVersion } from './machine.js';
import type { PropertyPart } from './property-string.js';
import { partOf, pveBoolean, readPropertyString } from './property-string.js';
import { ostypeGuest } from './ostypes.js';

/** The largest configuration read unless the caller gives another cap (pmxcfs limits a file to 512 KiB). */
export const PROXMOX_MAX_CHARS = 1024 * 1024;

export interface ProxmoxParsed extends ParsedConfig {
  format: 'proxmox';
  conf: ConfFile;
  /** The `cpu:` line's parts, when it has one. */
  cpuParts?: PropertyPart[];
  cpuEntry?: ConfEntry;
  built: BuiltCpu;
  /** The -cpu an `args:` line gives, which replaces qemu-server's. */
  argsCpu?: { value: string; span: Span };
  /** The -cpu QEMU gets: the args one, else qemu-server's (undefined when qemu-server would refuse). */
  effective?: string;
  assumptions: { hostVendor: string; vendorGiven: boolean; qemu: string; qemuGiven: boolean; companion: boolean };
}

const VENDORS = { intel: 'GenuineIntel', amd: 'AuthenticAMD' } as const;

export function parseProxmox(text: string, opts: ParseOptions = {}): ParseResult<ProxmoxParsed> {
  return readResult(readProxmox(text, opts));
}

/** The -cpu of an `args:` line: the last `-cpu`/`--cpu` word pair, with source spans. */
function argsCpu(entry: ConfEntry | undefined): { word: ShellWord; option: ShellWord; offset: number } | undefined {
  if (!entry) return undefined;
  const split = splitShell(entry.value);
  let found: { word: ShellWord; option: ShellWord; offset: number } | undefined;
  for (let i = 0; i + 1 < split.words.length; i++) {
    const w = split.words[i]!;
    if (w.value === '-cpu' || w.value === '--cpu')
      found = { option: w, word: split.words[i + 1]!, offset: entry.valueSpan.start };
  }
  return found;
}

function readProxmox(text: string, opts: ParseOptions): ProxmoxParsed {
  const cap = opts.maxChars ?? PROXMOX_MAX_CHARS;
  const hostVendor = VENDORS[opts.hostVendor ?? 'intel'];
  const qemuText = opts.qemuVersion ?? NEWEST_QEMU;
  const qemu = parseVersion(qemuText) ?? parseVersion(NEWEST_QEMU)!;
  const assumptions = {
    hostVendor,
    vendorGiven: opts.hostVendor !== undefined,
    qemu: showVersion(qemu),
    qemuGiven: opts.qemuVersion !== undefined,
    companion: opts.companion !== undefined,
  };
  const empty = (diagnostics: Diagnostic[]): ProxmoxParsed => ({
    format: 'proxmox',
    source: text,
    set: emptySet(),
    origins: {},
    context: {},
    diagnostics,
    conf: readConf(''),
    built: buildCpu({}, { hostVendor, qemu }),
    assumptions,
  });
  if (text.length > cap)
    return empty([
      makeDiagnostic('UNREADABLE_INPUT', `the configuration is larger than ${cap} characters`, {
        span: { start: 0, end: 0 },
        notes: [
          'a VM configuration is a few kilobytes (pmxcfs holds files up to 512 KiB); give --max-bytes to read a larger one',
        ],
      }),
    ]);
  const conf = readConf(text);
  const diagnostics: Diagnostic[] = [];
  const all = conf.sections.reduce((n, s) => n + s.entries.length, 0);
  if (!all)
    return empty([
      makeDiagnostic('UNREADABLE_INPUT', 'no `key: value` line: this is not a Proxmox VM configuration', {
        span: { start: 0, end: 0 },
        notes: ['a VM configuration is /etc/pve/qemu-server/VMID.conf (or /etc/pve/nodes/NODE/qemu-server/VMID.conf)'],
      }),
    ]);
  for (const span of conf.unreadable.slice(0, 5))
    diagnostics.push(
      makeDiagnostic(
        'CONFIG_LINE_SKIPPED',
        'qemu-server cannot parse this line and skips it ("unable to parse config")',
        {
          span,
          notes: ['write it as `key: value` (a lower-case key), a `#` comment, or a `[section]` header'],
        },
      ),
    );
  const cur = conf.current;
  const at = (e: ConfEntry | undefined) => (e ? { value: e.value, span: e.valueSpan } : undefined);
  const input: CpuInputs = {};
  const ostype = entryOf(cur, 'ostype');
  if (ostype) input.ostype = at(ostype)!;
  const machineEntry = entryOf(cur, 'machine');
  if (machineEntry) {
    const parts = readPropertyString(machineEntry.value, machineEntry.valueSpan.start, 'type');
    const type = partOf(parts, 'type');
    if (type) input.machine = { value: type.value, span: machineEntry.valueSpan };
  }
  const meta = entryOf(cur, 'meta');
  const created = meta ? partOf(readPropertyString(meta.value, meta.valueSpan.start, 'x'), 'creation-qemu') : undefined;
  if (created) input.creationQemu = created.value;
  const bios = entryOf(cur, 'bios');
  if (bios) input.bios = at(bios)!;
  const kvm = entryOf(cur, 'kvm');
  if (kvm) input.kvm = { on: pveBoolean(kvm.value) !== false, span: kvm.valueSpan };
  const arch = entryOf(cur, 'arch');
  if (arch) input.arch = arch.value;
  for (let i = 0; i < 16; i++) {
    const e = entryOf(cur, `hostpci${i}`);
    if (!e) continue;
    const xvga = partOf(readPropertyString(e.value, e.valueSpan.start, 'host'), 'x-vga');
    if (xvga && pveBoolean(xvga.value)) {
      input.xvga = xvga.span;
      break;
    }
  }
  const cpuEntry = entryOf(cur, 'cpu');
  let cpuParts: PropertyPart[] | undefined;
  if (cpuEntry) {
    cpuParts = readPropertyString(cpuEntry.value, cpuEntry.valueSpan.start, 'cputype');
    const type = partOf(cpuParts, 'cputype');
    const flags = partOf(cpuParts, 'flags');
    const hidden = partOf(cpuParts, 'hidden');
    const vendor = partOf(cpuParts, VENDOR_KEY);
    const level = partOf(cpuParts, 'level');
    const cpu: NonNullable<CpuInputs['cpu']> = {
      span: cpuEntry.valueSpan,
      cputype: type?.value ?? 'kvm64',
      cputypeSpan: type?.valueSpan ?? cpuEntry.valueSpan,
    };
    if (flags) {
      const entries: { text: string; span: Span }[] = [];
      let pos = flags.valueSpan.start;
      for (const t of flags.value.split(';')) {
        entries.push({ text: t, span: { start: pos, end: pos + t.length } });
        pos += t.length + 1;
      }
      cpu.flags = { entries };
    }
    const hiddenValue = pveBoolean(hidden?.value);
    if (hidden && hiddenValue !== undefined) cpu.hidden = { value: hiddenValue, span: hidden.span };
    if (vendor) cpu.hvVendorId = { value: vendor.value, span: vendor.span };
    if (level) cpu.level = { value: level.value, span: level.span };
    const phys = partOf(cpuParts, 'phys-bits');
    if (phys) cpu.physBits = phys.value;
    const guestPhys = partOf(cpuParts, 'guest-phys-bits');
    if (guestPhys) cpu.guestPhysBits = guestPhys.value;
    if (vendor && !PVE_VENDOR_ID.test(vendor.value))
      diagnostics.push(
        makeDiagnostic('INVALID_VALUE', `${VENDOR_KEY}=${vendor.value}: Proxmox takes 1 to 12 letters and digits`, {
          // The feature it refuses, so the value checks do not judge it a second time (rules/values.ts).
          feature: 'vendor-id',
          span: vendor.valueSpan,
          notes: [
            `qemu-server's schema refuses the configuration (CPUConfig.pm, '${VENDOR_KEY}' pattern); write e.g. ${VENDOR_KEY}=proxmox`,
          ],
        }),
      );
    input.cpu = cpu;
  }
  const models = opts.companion !== undefined ? readCpuModels(opts.companion) : undefined;
  const built = buildCpu(input, { hostVendor, qemu, ...(models ? { models } : {}) });
  // config_to_command refuses a machine the node cannot run (QemuServer.pm, before any -cpu is built).
  const mv = built.machine.version;
  if (input.machine && built.machine.why === 'written') {
    const refuse = (message: string, note: string) =>
      diagnostics.push(makeDiagnostic('INVALID_VALUE', message, { span: input.machine!.span, notes: [note] }));
    if (compareVersions({ ...mv, pve: 0 }, { ...qemu, pve: 0 }) > 0)
      refuse(
        `machine ${built.machine.type} needs QEMU ${mv.major}.${mv.minor} or newer; on a node with QEMU ${assumptions.qemu} qemu-server refuses to start the VM ("Installed QEMU version ... is too old to run machine type")`,
        `run the VM on a node with QEMU ${mv.major}.${mv.minor} or newer, or give the node's version with --qemu-version`,
      );
    else if (mv.pve > highestRevision(mv.major, mv.minor))
      refuse(
        `machine ${built.machine.type}: qemu-server @e6352be6 knows revisions up to +pve${highestRevision(mv.major, mv.minor)} for ${mv.major}.${mv.minor} and refuses a newer one ("Installed qemu-server ... is too old to run machine type")`,
        'write a revision this qemu-server has (Machine.pm $PVE_MACHINE_VERSION), or update enlighten if a newer qemu-server added it',
      );
  }
  for (const p of built.problems)
    diagnostics.push(
      makeDiagnostic('INVALID_VALUE', p.message, { ...(p.span ? { span: p.span } : {}), notes: [p.hint] }),
    );

  const anchor: Span = ostype?.line ?? cpuEntry?.line ?? cur.entries[0]?.line ?? { start: 0, end: 0 };
  const args = entryOf(cur, 'args');
  const fromArgs = argsCpu(args);
  let cpu: CpuParse | null = null;
  let effective: string | undefined;
  let argsValue: ProxmoxParsed['argsCpu'];
  if (fromArgs) {
    const { word, option, offset } = fromArgs;
    const shift = (s: Span): Span => ({ start: s.start + offset, end: s.end + offset });
    effective = word.value;
    argsValue = { value: word.value, span: shift(word.span) };
    cpu = parseCpuValue(word.value, (from, to) => shift(wordSpan(word, from, to)));
    diagnostics.push(
      makeDiagnostic(
        'CPU_OVERRIDDEN',
        `args: -cpu ${word.value} comes after the -cpu qemu-server builds, so QEMU uses it: qemu-server's whole -cpu${built.value ? ` (${built.value})` : ''} is replaced, its enlightenments included`,
        {
          span: { start: shift(option.span).start, end: shift(word.span).end },
          notes: [
            'qemu-server appends args: to its command line (QemuServer.pm config_to_command), and QEMU takes the last -cpu',
            'remove -cpu from args: and set the CPU with cpu: and ostype:, or keep it and list every enlightenment in it yourself',
          ],
        },
      ),
    );
  } else if (built.value) {
    effective = built.value;
    const starts: number[] = [];
    let pos = 0;
    for (const item of built.items) {
      starts.push(pos);
      pos += item.text.length + 1;
    }
    const originAt = (from: number): Span => {
      let k = 0;
      while (k + 1 < starts.length && starts[k + 1]! <= from) k++;
      return built.items[k]?.origin ?? anchor;
    };
    cpu = parseCpuValue(built.value, (from) => originAt(from));
  }
  if (built.value || fromArgs) diagnostics.push(derivedNote(built, assumptions, anchor, input, fromArgs !== undefined));
  for (const f of built.vmFlags) {
    const note = VM_FLAG_NOTES[f.name];
    if (f.op === '+' && note)
      diagnostics.push(
        makeDiagnostic('FLAG_CAVEAT', `${f.name}: "${note}"`, {
          span: f.span,
          notes: [
            `qemu-server's own description of the flag (CPUFlags.pm); ${f.name === VM_HV_FLAGS.tlbflush ? 'it was on by default once and made opt-in because it caused such issues (qemu-server commit 3a040a0e)' : 'on an AMD host QEMU refuses to start the VM'}`,
          ],
        }),
      );
  }
  if (!fromArgs && built.windows >= 7) diagnostics.push(...unreachable(built, input, anchor, assumptions.hostVendor));
  const context: ConfigContext = {
    machine: built.machine.type,
    decidedAt: fromArgs && argsValue ? argsValue.span : anchor,
  };
  if (cpu?.model) {
    context.cpuModel = cpu.model;
    if (cpu.modelSpan) context.cpuModelSpan = cpu.modelSpan;
  }
  const guest = ostype ? ostypeGuest(ostype.value, ostype.valueSpan) : undefined;
  if (guest) context.guestOs = guest;
  return {
    format: 'proxmox',
    source: text,
    set: cpu?.set ?? emptySet(),
    origins: cpu?.origins ?? {},
    context,
    diagnostics: [...diagnostics, ...(cpu?.diagnostics ?? [])],
    conf,
    ...(cpuParts ? { cpuParts } : {}),
    ...(cpuEntry ? { cpuEntry } : {}),
    built,
    ...(argsValue ? { argsCpu: argsValue } : {}),
    ...(effective ? { effective } : {}),
    assumptions,
  };
}

/** The note that says what qemu-server builds and what enlighten assumed to build it. */
function derivedNote(
  built: BuiltCpu,
  a: ProxmoxParsed['assumptions'],
  anchor: Span,
  input: CpuInputs,
  replaced: boolean,
): Diagnostic {
  const m = built.machine;
  const machine =
    m.why === 'written'
      ? `machine ${m.type} as written`
      : m.why === 'windows-pinned'
        ? `machine ${m.type}: ${m.pinReason} (Machine.pm get_vm_machine)`
        : `machine ${showVersion(m.version)}: a VM without a machine version runs the newest the node's QEMU has`;
  const notes = [
    machine,
    `QEMU ${a.qemu} on the node${a.qemuGiven ? ' (--qemu-version)' : ', assumed: the newest enlighten knows (give --qemu-version)'}`,
  ];
  if (built.windows >= 11 || input.cpu?.flags)
    notes.push(
      `host CPU ${a.hostVendor}${a.vendorGiven ? ' (--cpu-vendor)' : ", assumed as qemu-server's tests do (give --cpu-vendor)"}: ${legacy('evmcs')} is for Intel hosts only`,
    );
  if (built.requiredRevision)
    notes.push(
      `the guarded feature needs machine revision +pve${built.requiredRevision}, which qemu-server writes into the machine type`,
    );
  if (input.bios?.value === 'ovmf' && built.windows > 0 && built.windows < 8)
    notes.push(
      'OVMF with an ostype below win8: qemu-server adds no Hyper-V enlightenment (CPUConfig.pm get_hyperv_enlightenments)',
    );
  return makeDiagnostic(
    'DERIVED_SETTING',
    `qemu-server builds -cpu ${built.value ?? '(none: it refuses the VM)'}${replaced ? ' (replaced by args: -cpu)' : ''}`,
    { span: anchor, notes },
  );
}

/** What a Windows VM would get with a newer machine (or on Intel), said once per missing gate. */
function unreachable(built: BuiltCpu, input: CpuInputs, anchor: Span, vendor: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const v = built.machine.version;
  const base = built.machine.type.startsWith('pc-q35') || input.machine?.value === 'q35' ? 'pc-q35' : 'pc-i440fx';
  const where = input.machine?.span ?? anchor;
  const gate = (major: number, minor: number, pve: number, what: string) => {
    if (
      v.major > major ||
      (v.major === major && v.minor > minor) ||
      (v.major === major && v.minor === minor && v.pve >= pve)
    )
      return;
    const target = `${major}.${minor}${pve ? `+pve${pve}` : ''}`;
    out.push(
      makeDiagnostic(
        'FEATURE_UNREACHABLE',
        `${what} come${what.includes(' and ') ? '' : 's'} with machine ${target} or newer; this VM runs ${built.machine.type}${built.machine.why === 'windows-pinned' ? ' (pinned for Windows)' : ''}`,
        {
          span: where,
          notes: [
            `set machine: ${base}-${target} (or newer) to get it; a newer machine version changes the virtual hardware Windows sees, so do it with the VM shut down (qemu-server pins Windows VMs for that reason)`,
          ],
        },
      ),
    );
  };
  if (!built.hypervSet) return out;
  gate(2, 12, 0, `${legacy('synic')} and ${legacy('stimer')}`);
  gate(3, 1, 0, legacy('ipi'));
  if (built.windows >= 11 && vendor === 'GenuineIntel') gate(11, 0, 2, `${legacy('evmcs')} (for Windows 11 on Intel)`);
  return out;
}
