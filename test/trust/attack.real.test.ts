// Root runs `set` in a folder another user can write to (1777, like /tmp), where that user planted
// symlinks at every name enlighten could predict, all pointing at a root-only file elsewhere.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/tools.js';
import { backupsOf, cli, featuresOf, leftovers, needsRoot } from './support.js';

const NOBODY = 65534;

/** Plants a symlink as user nobody, the way an attacker would (so the folder's sticky bit applies). */
function plant(target: string, at: string): void {
  const r = spawnSync('ln', ['-s', target, at], { uid: NOBODY, gid: NOBODY });
  if (r.status !== 0) throw new Error(`ln -s ${target} ${at} as nobody failed: ${String(r.stderr)}`);
}

function lastPid(): number {
  return Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'));
}

describe('symlinks planted in a shared folder', () => {
  it.skipIf(needsRoot('the symlink attack test'))('root writes through none of them', async () => {
    const vault = makeTempDir('enlighten-trust-');
    chmodSync(vault, 0o700);
    const secret = join(vault, 'shadow');
    writeFileSync(secret, 'root:secret\n', { mode: 0o600 });
    const dangling = join(vault, 'created-by-enlighten');
    const shared = makeTempDir('enlighten-trust-');
    chmodSync(shared, 0o1777);
    const file = join(shared, 'vm.args');
    writeFileSync(file, '-cpu host,hv-relaxed\n');

    // The old temporary name (.FILE.enlighten-PID.tmp) for the next 400 process ids, the backup
    // names, and one name in the new temporary pattern (which the next run removes, not follows).
    const pid = lastPid();
    for (let p = pid; p < pid + 400; p++) plant(secret, join(shared, `.vm.args.enlighten-${p}.tmp`));
    plant(secret, join(shared, 'vm.args.enlighten.bak'));
    for (let n = 1; n < 10; n++) plant(n % 2 ? secret : dangling, join(shared, `vm.args.enlighten.${n}.bak`));
    plant(secret, join(shared, '.vm.args.enlighten-0123456789abcdef.tmp'));

    const run = await cli(['set', file, 'hv-vapic', 'hv-time']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(`${file}: updated (backup: ${file}.enlighten.10.bak)\n`);
    expect(readFileSync(secret, 'utf8')).toBe('root:secret\n');
    expect(statSync(secret).mode & 0o7777).toBe(0o600);
    expect(existsSync(dangling)).toBe(false);
    expect(lstatSync(file).isFile()).toBe(true);
    expect(featuresOf(file)).toEqual({ relaxed: true, vapic: true, time: true });
    expect(readFileSync(`${file}.enlighten.10.bak`, 'utf8')).toBe('-cpu host,hv-relaxed\n');
    expect(backupsOf(shared, 'vm.args').filter((b) => lstatSync(b).isSymbolicLink())).toHaveLength(10);
    expect(existsSync(join(shared, '.vm.args.enlighten-0123456789abcdef.tmp'))).toBe(false);
    expect(leftovers(shared).filter((n) => !/enlighten-\d+\.tmp$/.test(n))).toEqual([]); // only the planted old-style names

    // A symlink at the lock name is refused, not followed.
    const other = join(shared, 'other.args');
    writeFileSync(other, '-cpu host\n');
    plant(secret, join(shared, '.other.args.enlighten.lock'));
    const refused = await cli(['set', other, 'hv-vapic']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /cannot lock .*other\.args: .*\.other\.args\.enlighten\.lock is a symbolic link; nothing was written/,
    );
    expect(readFileSync(other, 'utf8')).toBe('-cpu host\n');
    expect(readFileSync(secret, 'utf8')).toBe('root:secret\n');
    expect(readdirSync(vault)).toEqual(['shadow']);
  });
});
