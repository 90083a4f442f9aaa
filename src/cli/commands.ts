import type { CommandSpec } from './spec.js';
import { listCommand } from './list.js';
import { explainCommand } from './explain.js';
import { convertCommand } from './convert.js';
import { checkCommand } from './check.js';

/** Every command, in the order `enlighten --help` lists them: one line each. */
export const COMMANDS: CommandSpec[] = [listCommand, explainCommand, convertCommand, checkCommand];
