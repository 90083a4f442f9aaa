import type { CommandSpec } from './spec.js';
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

/** Every command, in the order `enlighten --help` lists them: one line each. */
export const COMMANDS: CommandSpec[] = [listCommand, explainCommand, convertCommand, checkCommand, auditCommand, fixCommand, recommendCommand, setCommand, cpuidCommand, decodeCommand, guestScriptCommand, probeCommand];
