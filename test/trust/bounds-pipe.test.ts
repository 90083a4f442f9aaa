// A closed pipe ends the program quietly: `enlighten check FILE | head -1`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { itReal, requireTool } from '../support/tools.js';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'enlighten.cjs');
const dir = mkdtempSync(join(tmpdir(), 'enlighten-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a closed output pipe', () => {
  // 5,000 different unknown items: far more output than a pipe holds, so the writes after head exits fail.
  const file = join(dir, 'many.args');
  writeFileSync(file, `-cpu host,${Array.from({ length: 5000 }, (_, i) => `hv-unknown${i}`).join(',')}\n`);

  it.each([
    ['stdout', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check ${JSON.stringify(file)} | head -1`],
    [
      'stderr',
      `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} convert --to json ${JSON.stringify(file)} 2>&1 >/dev/null | head -1`,
    ],
  ])('on %s ends the program with 141 and no stack trace', (_, pipeline) => {
    const r = spawnSync('bash', ['-c', `${pipeline}; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('status 141\n');
  });

  // The CLI writes to file descriptor 1 itself (src/cli/io.ts). A descriptor its parent left
  // non-blocking answers EAGAIN once the pipe is full; the rest must still arrive, in order.
  itReal('that its parent left non-blocking and that fills up still gets every byte, in order', () => {
    requireTool('python3');
    const expected = spawnSync(process.execPath, [CLI, 'check', file, '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(expected.stdout.length).toBeGreaterThan(1_000_000);
    const out = join(dir, 'out.json');
    const nonBlocking =
      'import os, subprocess, sys; os.set_blocking(1, False); sys.exit(subprocess.run(sys.argv[1:]).returncode)';
    const pipeline = `python3 -c ${JSON.stringify(nonBlocking)} ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check ${JSON.stringify(file)} --json | (sleep 1; cat > ${JSON.stringify(out)}); echo "status \${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', pipeline], { encoding: 'utf8' });
    expect(r.stderr).toBe('status 1\n');
    expect(readFileSync(out, 'utf8')).toBe(expected.stdout);
  });
});
