/**
 * `set` and `fix` on a Proxmox VM configuration: only what Proxmox lets a VM say changes, in the
 * current configuration's `cpu:` line (the VM flags for the TLB flush and eVMCS enlightenments,
 * the vendor id key, `hidden=`), or `ostype:` when asked. Every other byte stays, `[PENDING]` and
 * snapshot sections included. A feature Proxmox gives only through `ostype` or `args` is refused,
 * with the choices spelled out.
 */
import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue } from '../../model/index.js';
import type { PrintResult } from '../types.js';
import { entryOf } from './conf.js';
import { CPU_KEYS, DERIVED, howGiven, VM_HV_FLAGS } from './express.js';
import type { ProxmoxParsed } from './parse.js';
import { partOf } from './property-string.js';
import { OSTYPES } from './ostypes.js';
import { windowsVersion } from './machine.js';

interface Splice {
  start: number;
  end: number;
  text: string;
}

function apply(text: string, splices: Splice[]): string {
  let out = '';
  let at = 0;
  for (const s of [...splices].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

const name = (f: FeatureId) => CATALOG[f].qemu.name;

function refuse(parsed: ProxmoxParsed, message: string, span: Span | undefined, notes: string[]): PrintResult {
  return {
    text: parsed.source,
    diagnostics: [makeDiagnostic('NOT_EDITABLE', message, { severity: 'error', ...(span ? { span } : {}), notes })],
  };
}

/** Why Proxmox cannot give the feature this value through the cpu: line, with the choices. */
function refusal(parsed: ProxmoxParsed, feature: FeatureId, value: FeatureValue | undefined): string {
  const ostype = entryOf(parsed.conf.current, 'ostype')?.value ?? 'other';
  const gate = DERIVED[feature];
  const machine = parsed.built.machine.type;
  if (value === undefined || value === false) {
    if (gate)
      return `${name(feature)} comes with ${howGiven(feature)}, and a VM has no setting to turn it off (Proxmox's VM flags hold only ${VM_HV_FLAGS.tlbflush} and ${VM_HV_FLAGS.evmcs}); this VM is ${ostype} at machine ${machine}. Change ostype to one below ${gate.ostype} (which drops others too), or write the whole -cpu through args, which replaces Proxmox's -cpu.`;
    return `${name(feature)} is set here by something other than the cpu: line; remove it where it is set, or write the whole -cpu through args, which replaces Proxmox's -cpu.`;
  }
  if (gate) {
    const base = machine.startsWith('pc-q35') ? 'pc-q35' : 'pc-i440fx';
    const change =
      parsed.built.windows >= gate.win
        ? `Set machine: ${base}-${gate.machine} or newer (with the VM shut down: Windows sees new hardware)`
        : `Change ostype (enlighten set FILE ostype=${gate.win >= 11 ? 'win11' : 'win10'})${gate.machine ? `, with machine ${gate.machine} or newer` : ''}`;
    return `${name(feature)} comes with ${howGiven(feature)}; this VM is ${ostype} at machine ${machine}. ${change}, or add it through args, which replaces Proxmox's -cpu.`;
  }
  return `${name(feature)}: Proxmox never sets it (${howGiven(feature)}); add it through args, which replaces Proxmox's -cpu (enlighten convert --to proxmox prints that line).`;
}

/** Rewrites the cpu: line so the set holds `set`; refuses what the line cannot hold. */
export function editProxmox(parsed: ProxmoxParsed, set: EnlightenmentSet): PrintResult {
  const changed = (Object.keys(CATALOG) as FeatureId[]).filter((f) => getValue(parsed.set, f) !== getValue(set, f));
  if (set.mode !== parsed.set.mode)
    return refuse(parsed, `Proxmox has no Hyper-V mode setting (${set.mode}); nothing was written`, undefined, [
      "a passthrough set can only be written through args, which replaces Proxmox's -cpu",
    ]);
  if (!changed.length) return { text: parsed.source, diagnostics: [] };
  if (parsed.argsCpu)
    return refuse(
      parsed,
      "this VM's -cpu comes from args:, which replaces the one qemu-server builds; enlighten does not edit args",
      parsed.argsCpu.span,
      ['edit the -cpu in args: by hand, or remove it and let ostype: and cpu: decide (enlighten set then edits cpu:)'],
    );
  const other = changed.filter((f) => !VM_HV_FLAGS[f] && !CPU_KEYS[f]);
  if (other.length) {
    const f = other[0]!;
    return refuse(
      parsed,
      refusal(parsed, f, getValue(set, f)),
      parsed.origins[f] ?? entryOf(parsed.conf.current, 'ostype')?.line,
      [...other.slice(1).map((g) => refusal(parsed, g, getValue(set, g))), 'nothing was written'],
    );
  }
  if (parsed.built.windows < 6)
    return refuse(
      parsed,
      `qemu-server adds no Hyper-V item for ostype ${entryOf(parsed.conf.current, 'ostype')?.value ?? 'other'}, so ${changed.map(name).join(', ')} would not reach QEMU; nothing was written`,
      entryOf(parsed.conf.current, 'ostype')?.line,
      ['set a Windows ostype first (enlighten set FILE ostype=win11), or write the whole -cpu through args'],
    );
  const parts = parsed.cpuParts ?? [];
  if (parts.some((p) => p.quoted))
    return refuse(
      parsed,
      'the cpu: line holds a quoted value, which enlighten does not rewrite',
      parsed.cpuEntry?.valueSpan,
      ['edit the line by hand'],
    );
  const splices: Splice[] = [];
  const additions: string[] = [];
  const diagnostics: Diagnostic[] = [];
  // VM flags: the new list keeps every other entry in its place.
  const flagsPart = partOf(parts, 'flags');
  let entries = flagsPart ? flagsPart.value.split(';').filter((e) => e !== '') : [];
  let flagsChanged = false;
  for (const f of changed) {
    const flag = VM_HV_FLAGS[f];
    if (!flag) continue;
    const want = getValue(set, f);
    const derived = f === 'evmcs' && parsed.built.items.some((i) => i.text === CATALOG.evmcs.qemu.legacy);
    entries = entries.filter((e) => e.slice(1) !== flag);
    if (want === true && !derived) entries.push(`+${flag}`);
    else if (want === false) entries.push(`-${flag}`);
    else if (want === undefined && derived) {
      // Removing a flag the ostype gives: only -FLAG takes it out.
      entries.push(`-${flag}`);
      diagnostics.push(
        makeDiagnostic(
          'DERIVED_SETTING',
          `${name(f)} comes with ${howGiven(f)}: only -${flag} in cpu: flags= takes it out, so that is written`,
          {
            ...(parsed.origins[f] ? { span: parsed.origins[f] } : {}),
          },
        ),
      );
    }
    flagsChanged = true;
  }
  if (flagsChanged) {
    const value = entries.join(';');
    if (flagsPart && value) splices.push({ ...flagsPart.valueSpan, text: value });
    else if (flagsPart) splices.push(removal(parsed.source, flagsPart.span, parsed.cpuEntry!.valueSpan));
    else if (value) additions.push(`flags=${value}`);
  }
  for (const f of changed) {
    const key = CPU_KEYS[f];
    if (!key) continue;
    const want = getValue(set, f);
    const part = partOf(parts, key);
    let text: string | undefined;
    if (f === 'vendor-id' && typeof want === 'string') {
      if (!/^[a-zA-Z0-9]{1,12}$/.test(want))
        return refuse(
          parsed,
          `Proxmox's ${CPU_KEYS['vendor-id']} takes 1 to 12 letters and digits, not '${want}'; nothing was written`,
          part?.valueSpan ?? parsed.cpuEntry?.valueSpan,
          ['choose a vendor id of letters and digits (QEMU itself takes any 12 bytes, through args only)'],
        );
      text = want;
    } else if (f === 'kvm-hidden' && want === true) text = '1';
    else if (f === 'kvm-hidden' && want === false) text = part ? '0' : undefined;
    if (text !== undefined) {
      if (part) splices.push({ ...part.valueSpan, text });
      else additions.push(`${key}=${text}`);
    } else if (part) splices.push(removal(parsed.source, part.span, parsed.cpuEntry!.valueSpan));
  }
  if (additions.length) {
    if (parsed.cpuEntry)
      splices.push({
        start: parsed.cpuEntry.valueSpan.end,
        end: parsed.cpuEntry.valueSpan.end,
        text: `,${additions.join(',')}`,
      });
    else {
      // No cpu: line: one goes after the current configuration's last line, with qemu-server's default model.
      const last = parsed.conf.current.entries.at(-1)!;
      const end = parsed.source[last.line.end - 1] === '\r' ? last.line.end - 1 : last.line.end;
      splices.push({ start: end, end, text: `${parsed.conf.newline}cpu: kvm64,${additions.join(',')}` });
      diagnostics.push(
        makeDiagnostic(
          'DERIVED_SETTING',
          "added a cpu: line with kvm64, qemu-server's default model, so the VM's CPU stays what it was",
          {
            span: last.line,
            notes: ['write another model in it if the VM should have one'],
          },
        ),
      );
    }
  }
  return { text: apply(parsed.source, splices), diagnostics };
}

/** Removes a part of a property string with the comma that joins it. */
function removal(source: string, part: Span, whole: Span): Splice {
  if (part.start > whole.start && source[part.start - 1] === ',')
    return { start: part.start - 1, end: part.end, text: '' };
  if (source[part.end] === ',' && part.end < whole.end) return { start: part.start, end: part.end + 1, text: '' };
  return { start: part.start, end: part.end, text: '' };
}

/** `set VMID.conf ostype=win11`: the ostype line of the current configuration, or a new one. */
export function editOstype(parsed: ProxmoxParsed, value: string): PrintResult {
  if (!(OSTYPES as readonly string[]).includes(value))
    return refuse(
      parsed,
      `ostype ${value}: qemu-server knows no such OS type; nothing was written`,
      entryOf(parsed.conf.current, 'ostype')?.valueSpan,
      [`choose one of ${OSTYPES.join(', ')} (win10 is 10/2016/2019, win11 is 11/2022/2025)`],
    );
  const entry = entryOf(parsed.conf.current, 'ostype');
  const diagnostics: Diagnostic[] = [];
  const pinned = !entryOf(parsed.conf.current, 'machine') && windowsVersion(value) > 0;
  if (pinned)
    diagnostics.push(
      makeDiagnostic(
        'DERIVED_SETTING',
        `a Windows VM without machine: runs machine 5.1 (or its creating QEMU's version), which gates what ${value} gets`,
        {
          ...(entry ? { span: entry.line } : {}),
          notes: [
            'qm set pins the machine when it creates a Windows VM; set machine: to the version the VM should keep',
          ],
        },
      ),
    );
  if (entry) return { text: apply(parsed.source, [{ ...entry.valueSpan, text: value }]), diagnostics };
  const last = parsed.conf.current.entries.at(-1)!;
  const end = parsed.source[last.line.end - 1] === '\r' ? last.line.end - 1 : last.line.end;
  return {
    text: apply(parsed.source, [{ start: end, end, text: `${parsed.conf.newline}ostype: ${value}` }]),
    diagnostics,
  };
}
