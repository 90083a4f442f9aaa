// `set` killed with SIGKILL at random moments, 300 times: the file is always entirely the old or
// entirely the new version, every backup is a whole earlier version, and a final clean run leaves
// no temporary file behind (and is not stuck behind the dead runs' lock).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapture } from '../support/run-cli.js';
import { makeTempDir } from '../support/tools.js';
import { backupsOf, cli, CLI, leftovers, seeded } from './support.js';

const RUNS = 300;
const LANES = 3; // independent files side by side, to use both cores

/** Starts `set`, kills it with SIGKILL after `delayMs` unless it ended first. Resolves with how it ended. */
function setKilledAfter(args: string[], delayMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

describe('set killed at random moments', () => {
  it(`${RUNS} runs killed with SIGKILL leave whole files and backups`, async () => {
    const { random } = seeded(20240607);
    const moments = Array.from({ length: RUNS }, random); // drawn up front: the lanes interleave
    // The run's typical duration, from unkilled runs with the lanes' load; kills land anywhere inside it.
    const took: number[] = [];
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        const probe = makeTempDir('enlighten-trust-');
        writeFileSync(join(probe, 'vm.args'), '-cpu host\n');
        for (const word of ['hv-relaxed', 'hv-vapic', 'hv-time'])
          took.push((await cli(['set', join(probe, 'vm.args'), word])).ms);
      }),
    );
    const typical = took.sort((a, b) => a - b)[Math.floor(took.length / 2)]!;

    const counts = { runs: 0, killed: 0, old: 0, new: 0, backups: 0, checks: 0, tempsSeen: 0 };
    const lane = async (l: number) => {
      const dir = makeTempDir('enlighten-trust-');
      const file = join(dir, 'vm.args');
      writeFileSync(file, '-cpu host,hv-relaxed\n');
      const history = new Set([readFileSync(file, 'latin1')]);
      for (let i = l; i < RUNS; i += LANES) {
        const before = readFileSync(file, 'latin1');
        const args = ['set', file, `hv-spinlocks=${4096 + i}`];
        const expected = (await runCapture(['set', '--stdout', file, args[2]!])).stdout;
        const delay = moments[i]! * typical;
        const end = await setKilledAfter(args, delay);
        counts.runs++;
        if (end.killed) counts.killed++;
        else expect(end.code, `run ${i} ended by itself`).toBe(0);
        const after = readFileSync(file, 'latin1');
        expect(
          [before, expected],
          `run ${i} (killed after ${delay.toFixed(0)} ms) left a file that is neither old nor new`,
        ).toContain(after);
        counts[after === before ? 'old' : 'new']++;
        history.add(after);
        if (leftovers(dir).length) counts.tempsSeen++; // killed mid-write: the next run cleans it
        for (const b of backupsOf(dir, 'vm.args')) {
          counts.checks++;
          expect(history.has(readFileSync(b, 'latin1')), `${b} is not a whole earlier version`).toBe(true);
        }
      }
      counts.backups += backupsOf(dir, 'vm.args').length;
      const final = await cli(['set', file, 'hv-vapic'], { timeoutMs: 30_000 });
      expect(final.code, final.stderr).toBe(0);
      expect(leftovers(dir), readdirSync(dir).join(' ')).toEqual([]);
    };
    await Promise.all(Array.from({ length: LANES }, (_, l) => lane(l)));
    console.log(
      `kill test: typical run ${typical.toFixed(0)} ms; ${counts.runs} runs, ${counts.killed} killed; file old ${counts.old}, new ${counts.new}; ${counts.backups} backups, checked ${counts.checks} times; temporary files seen after ${counts.tempsSeen} kills; 0 leftovers after the clean run`,
    );
    expect(counts.runs).toBe(RUNS);
    expect(counts.killed).toBeGreaterThan(RUNS / 2);
    expect(counts.new).toBeGreaterThan(0);
  }, 900_000);
});
