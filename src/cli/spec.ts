import type { Command } from 'commander';
import type { Io } from './io.js';

/** One CLI command: its options and what it does. One file per command (DESIGN.md convention 8). */
export interface CommandSpec {
  name: string;
  configure(cmd: Command): Command;
  run(args: string[], flags: Record<string, unknown>, io: Io): Promise<number>;
}
