import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitShell } from '../src/syntax/shell/split.js';
import { runCapture } from './support/run-cli.js';

const ROOT = join(import.meta.dirname, '..');
const README = join(ROOT, 'README.md');

/** ```console blocks whose first line is `$ enlighten ...`: the command, and the output shown. */
function tourBlocks(text: string) {
  const re = /```console\n\$ enlighten ([^\n]*)\n([\s\S]*?)```/g;
  return [...text.matchAll(re)].map((m) => ({ whole: m[0], command: m[1]!, shown: m[2]! }));
}

async function realOutput(command: string): Promise<string> {
  const argv = splitShell(command).words.map((w) => w.value);
  const examples = readdirSync(join(ROOT, 'examples'))
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => `examples/${f}`);
  const expanded = argv.flatMap((a) => (a === 'examples/*' ? examples : [a]));
  const run = await runCapture(expanded, { cwd: ROOT });
  // A CRLF example file gives CRLF lines in diffs; Markdown shows them as LF.
  return `${run.stdout}${run.stderr}`.replaceAll('\r\n', '\n');
}

describe('README', () => {
  it('starts with the install-and-run command and the test command', () => {
    const lines = readFileSync(README, 'utf8').split('\n');
    expect(lines[0]!.trimEnd()).toBe('npm ci && npx enlighten check examples/*');
    expect(lines[1]).toBe('npm test');
  });

  it('shows real output in its tour (UPDATE_README=1 rewrites it)', async () => {
    let text = readFileSync(README, 'utf8');
    const blocks = tourBlocks(text);
    expect(blocks.length).toBeGreaterThan(3);
    for (const b of blocks) {
      const real = await realOutput(b.command);
      if (process.env.UPDATE_README)
        text = text.replace(b.whole, `\`\`\`console\n$ enlighten ${b.command}\n${real}\`\`\``);
      else expect(b.shown, b.command).toBe(real);
    }
    if (process.env.UPDATE_README) writeFileSync(README, text);
  });
});
