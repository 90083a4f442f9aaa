// `enlighten help TOPIC`, `--version`, and the manual page made from the command definitions.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAM } from '../../src/cli/commands.js';
import { manPage } from '../../src/cli/help-topics.js';
import { CODES } from '../../src/diagnostics/index.js';
import { runCapture } from '../support/run-cli.js';
import { itReal, requireTool } from '../support/tools.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('enlighten help TOPIC', () => {
  it('explains the exit codes', async () => {
    const r = await runCapture(['help', 'exit-codes']);
    expect(r.code).toBe(0);
    for (const status of ['0', '1', '2', '70', '141']) expect(r.stdout).toMatch(new RegExp(`^ +${status}  \\w`, 'm'));
  });

  it('lists every diagnostic code, and explains one in any case', async () => {
    const all = await runCapture(['help', 'codes']);
    for (const code of Object.keys(CODES)) expect(all.stdout).toContain(`  ${code} `);
    const one = await runCapture(['help', 'missing_dependency']);
    expect(one.stdout).toMatch(/^MISSING_DEPENDENCY \(error by default\)\n\n {2}A feature is on but/);
  });

  it('still gives the help of a command, and refuses what is neither with the choices', async () => {
    expect((await runCapture(['help', 'audit'])).stdout).toMatch(/^Usage: enlighten audit/);
    const bad = await runCapture(['help', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /no command or help topic 'nope'\nhint: commands: list, .*; topics: exit-codes, codes, man/,
    );
  });

  it('--version gives the release alone on its first line, then what it follows', async () => {
    const r = await runCapture(['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(pkg.version);
    expect(lines[1]).toMatch(/^syntaxes: qemu \(QEMU [\d.]+\), .*libvirt \(libvirt [\d.]+ to [\d.]+\)/);
    expect(lines[2]).toMatch(/^catalog: \d+ features; the newest came with QEMU \d+\.\d+ and libvirt \d+\.\d+\.\d+$/);
  });
});

describe('the manual page', () => {
  const page = manPage(PROGRAM);

  it('has every command, option and example of --help', () => {
    for (const c of PROGRAM.commands) {
      expect(page).toContain(`.SS\n\\fB${c.name.replace(/-/g, '\\-')}\\fR`);
      for (const o of c.options) expect(page).toContain(`\\fB${o.flags.replace(/-/g, '\\-')}\\fR`);
    }
    expect(page).toMatch(/^\.TH ENLIGHTEN 1 /);
    expect(page).toContain('.SH EXIT STATUS');
  });

  it('is the committed man/enlighten.1 (npm run build && node scripts/gen-docs.mjs writes it)', () => {
    expect(readFileSync(join(ROOT, 'man', 'enlighten.1'), 'utf8')).toBe(page);
  });

  itReal('renders with groff without a warning, and man reads it', () => {
    requireTool('groff');
    requireTool('man');
    const groff = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z'], { input: page, encoding: 'utf8' });
    expect(groff.stderr).toBe('');
    expect(groff.status).toBe(0);
    const text = execFileSync('man', ['-l', join(ROOT, 'man', 'enlighten.1')], {
      encoding: 'utf8',
      env: { ...process.env, MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '100' },
    });
    expect(text).toMatch(/NAME\s+enlighten\s+-\s+Hyper-V\s+enlightenments/);
    expect(text).toMatch(/--fail-on <level>/);
  });
});
