import { VERSION } from './version.js';
import type { CommandSpec, ProgramSpec } from './spec.js';
import { listCommand } from './list.js';
import { explainCommand } from './explain.js';
import { convertCommand } from './convert.js';
import { checkCommand } from './check.js';
import { auditCommand } from './audit.js';
import { fixCommand } from './fix.js';
import { recommendCommand } from './recommend.js';
import { setCommand } from './set.js';
import { cpuidCommand } from './cpuid.js';
import { decodeCommand } from './decode.js';
import { guestScriptCommand } from './guest-script.js';
import { probeCommand } from './probe.js';
import { completionCommand } from './completion.js';
import { serveCommand } from './serve.js';

/** Every command, in the order `enlighten --help` lists them: one line each. */
export const COMMANDS: CommandSpec[] = [
  listCommand,
  explainCommand,
  convertCommand,
  checkCommand,
  auditCommand,
  fixCommand,
  recommendCommand,
  setCommand,
  cpuidCommand,
  decodeCommand,
  guestScriptCommand,
  probeCommand,
  serveCommand,
  completionCommand(() => PROGRAM),
];

/** The program: what `enlighten --help` says, and its commands. */
export const PROGRAM: ProgramSpec = {
  name: 'enlighten',
  version: VERSION,
  summary:
    'Hyper-V enlightenments for Windows guests on KVM: explain, translate, check and fix QEMU, libvirt and virt-xml configurations',
  examples: [
    'enlighten list',
    'enlighten explain stimer',
    "enlighten check '-cpu host,hv_stimer'",
    "enlighten convert --to json 'host,hv_relaxed,hv_spinlocks=0x1fff'",
  ],
  notes: `Exit status: 0 fine, 1 errors found, 2 bad usage or unreadable input; 141 when the reader
of the output went away (| head), as for a program killed by SIGPIPE.`,
  commands: COMMANDS,
};
