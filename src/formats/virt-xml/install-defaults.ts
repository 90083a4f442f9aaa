import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import { findOs, findOsByLibosinfoId } from '../../model/os-table.js';
import type { CpuRequest, GuestOsFact } from '../types.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import type { VirtXmlEdit } from './edits.js';
import { readCpuOption } from './read-cpu.js';
import { readXmlOption } from './read-option.js';
import { KVM_CPU_DEFAULT, WINDOWS_CLOCK_DEFAULT, WINDOWS_FEATURES_DEFAULT } from './virtinst-options.js';

/** What a virt-install command gives itself, besides what it writes. */
export interface InstallFacts {
  guestOs?: GuestOsFact;
  /** --cpu as read (null: cleared), or undefined when not given. */
  cpu?: CpuRequest | null;
  cpuAppDefault: boolean;
  /** --virt-type, else kvm. */
  domainType: string;
  /** The --clock sub-options given (their names). */
  clockNames: string[];
  /** Where the defaults are said to come from: the --osinfo word, else the program. */
  span: Span;
}

export interface InstallDefaults {
  /** Edits virt-install makes before the command's own (they lose to them). */
  edits: VirtXmlEdit[];
  cpu?: CpuRequest;
  /** virt-install's Windows clock: offset localtime, rtc, pit, hpet timers. */
  windowsClock: boolean;
  diagnostics: Diagnostic[];
}

/** A word holding `text` whose every character sits at `span` (for defaults the command does not write). */
function wordAt(text: string, span: Span): ShellWord {
  return { value: text, span, offsets: [...text].map(() => span.start) };
}

function isWindows(os: GuestOsFact | undefined): boolean {
  const entry = os
    ? os.libosinfo.includes('://')
      ? findOsByLibosinfoId(os.libosinfo)
      : findOs(os.libosinfo)
    : undefined;
  return entry?.family === 'windows';
}

/**
 * What virt-install 4.1 fills in that the command leaves out, as the options it would take to write
 * it: the Hyper-V set and clock of a Windows guest, and host-passthrough for a KVM guest without
 * --cpu (a TCG guest gets no <cpu>, so libvirt's default model). One note says what was added.
 */
export function installDefaults(facts: InstallFacts, ownEdits: readonly VirtXmlEdit[]): InstallDefaults {
  const out: InstallDefaults = { edits: [], windowsClock: false, diagnostics: [] };
  const added: string[] = [];
  const span = facts.span;
  const sink = { edits: [] as VirtXmlEdit[], diagnostics: [] as Diagnostic[], editing: false };
  if (isWindows(facts.guestOs)) {
    readXmlOption('--features', wordAt(WINDOWS_FEATURES_DEFAULT, span), sink, new Set());
    const hasTimer = facts.clockNames.some((n) => /_present$|_tickpolicy$|^timer\d*\./.test(n));
    if (!hasTimer) readXmlOption('--clock', wordAt(WINDOWS_CLOCK_DEFAULT, span), sink, new Set());
    out.windowsClock = !hasTimer && !facts.clockNames.includes('offset');
    // features.py sets a property only where the command left it unset.
    const own = (e: VirtXmlEdit) =>
      ownEdits.some((o) => o.op === e.op && 'feature' in o && 'feature' in e && o.feature === e.feature);
    out.edits = sink.edits.map((e) => ({ ...e, span })).filter((e) => !own(e));
    const words = out.edits.map((e) => e.text);
    if (words.length) added.push(`${words.join(',')} (for a Windows guest)`);
  }
  if ((facts.cpu === undefined || facts.cpuAppDefault) && facts.domainType === 'kvm') {
    const cpu = readCpuOption(wordAt(KVM_CPU_DEFAULT, span), out.diagnostics).cpu;
    if (cpu) out.cpu = cpu;
    added.push(`--cpu ${KVM_CPU_DEFAULT} (for a KVM guest without --cpu)`);
  }
  if (added.length) {
    out.diagnostics.push(
      makeDiagnostic(
        'VIRT_INSTALL_DEFAULT',
        `virt-install 4.1 fills in what the command leaves out: ${added.join('; ')}`,
        {
          span,
          notes: [
            'virtinst domain/features.py, clock.py and cpu.py set_defaults(); enlighten reads the command with them',
          ],
        },
      ),
    );
  }
  return out;
}
