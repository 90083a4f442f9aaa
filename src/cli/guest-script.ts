import { LINUX_GUEST_SCRIPT } from '../guest/scripts/linux.js';
import { WINDOWS_GUEST_SCRIPT } from '../guest/scripts/windows.js';
import { printJsonOrText, unknownName } from './common.js';
import type { Io } from './io.js';
import { jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { argument } from './spec.js';

const SCRIPTS: Record<string, { file: string; text: string }> = {
  linux: { file: 'enlighten-guest.sh', text: LINUX_GUEST_SCRIPT },
  windows: { file: 'enlighten-guest.ps1', text: WINDOWS_GUEST_SCRIPT },
};

export async function runGuestScript(os: string, flags: { json?: boolean }, io: Io): Promise<number> {
  const script = SCRIPTS[os.toLowerCase()];
  if (!script) {
    throw unknownName(`no guest script for '${os}'`, os, Object.keys(SCRIPTS), ' or ', 'choose linux or windows');
  }
  const json = () => ({ os: os.toLowerCase(), file: script.file, script: script.text });
  return printJsonOrText(io, flags.json, json, () => script.text);
}

export const guestScriptCommand: CommandSpec = {
  name: 'guest-script',
  summary: 'print a script to run inside a guest; its output goes straight into `enlighten decode`',
  arguments: [
    argument('os', 'linux (a POSIX sh script) or windows (a PowerShell script)', {
      values: () => Object.keys(SCRIPTS),
      closed: true,
    }),
  ],
  options: [jsonOption('print {"os", "file", "script"} as JSON')],
  examples: [
    'enlighten guest-script linux > enlighten-guest.sh     # in the guest: sudo sh enlighten-guest.sh > report.txt',
    'enlighten guest-script windows > enlighten-guest.ps1  # in the guest: powershell -ExecutionPolicy Bypass -File enlighten-guest.ps1 > report.txt',
    'enlighten decode report.txt',
  ],
  notes: `The Windows script supports Windows PowerShell 5.1 (stock Windows 10/11, Server 2016+) and
PowerShell 7.1+, 64-bit, outside Constrained Language Mode.`,
  run: (args, flags, io) => runGuestScript(args[0]!, flags as { json?: boolean }, io),
};
