// The shell's expansions in a heredoc's body: none when the delimiter is quoted; `$NAME`, `${...}`,
// `$(...)`, `$((...))` and backquotes when it is not, quotes in the body being plain characters and
// a backslash keeping `$` literal. Checked against the real bash, and through the CLI on launch
// scripts that write a domain or a QEMU command with a heredoc.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heredocExpansions, heredocs } from '../../src/syntax/shell/heredoc.js';
import { runCapture } from '../support/run-cli.js';
import { findOnPath, itReal, makeTempDir } from '../support/tools.js';

const script = (delimiter: string, body: string) => `cat <<${delimiter}\n${body}\nEOF\n`;
const found = (delimiter: string, body: string) => {
  const text = script(delimiter, body);
  return heredocExpansions(text, heredocs(text)[0]!).map((e) => e.text);
};

const BODIES: [string, string[]][] = [
  ["value='$VENDOR'", ['$VENDOR']],
  ['-cpu host,hv_relaxed,${EXTRA}', ['${EXTRA}']],
  ['-cpu host,$(extra flags),hv_vapic', ['$(extra flags)']],
  ['-smp $((N * 2)) -cpu `cpu-of host`', ['$((N * 2))', '`cpu-of host`']],
  ['${A:-${B}} and $1 and $@', ['${A:-${B}}', '$1', '$@']],
  ['\\$VENDOR stays, \\\\$X expands', ['$X']],
  ['price: 5$ and a lone $ sign', []],
];

describe('expansions in a heredoc body', () => {
  it('finds each one in an unquoted heredoc, none in a quoted one', () => {
    for (const [body, expected] of BODIES) {
      expect(found('EOF', body), body).toEqual(expected);
      expect(found("'EOF'", body), body).toEqual([]);
      expect(found('"EOF"', body), body).toEqual([]);
    }
  });

  itReal('agrees with bash: what it finds is exactly what bash changes', () => {
    const bash = findOnPath('bash')!;
    for (const [body] of BODIES) {
      const run = (env: Record<string, string>) =>
        spawnSync(
          bash,
          ['--noprofile', '--norc', '-c', `extra() { echo X; }; cpu-of() { echo X; }\n${script('EOF', body)}`],
          {
            encoding: 'utf8',
            env: { PATH: process.env['PATH'] ?? '', ...env },
          },
        ).stdout;
      // The body with each expansion bash makes replaced by what bash put there, and escapes undone.
      const out = run({ VENDOR: 'X', EXTRA: 'X', A: 'X', B: 'X', X: 'X', N: '1' });
      let expected = body;
      for (const e of found('EOF', body)) expected = expected.replace(e, '\0');
      expected = expected.replace(/\\([$`\\])/g, '$1');
      const pattern = new RegExp(
        `^${expected
          .split('\0')
          .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*?')}\\n$`,
        's',
      );
      expect(out, body).toMatch(pattern);
    }
  });
});

describe('launch scripts that write with a heredoc', () => {
  const dir = makeTempDir('enlighten-heredoc-');
  const domain = (vendor: string) =>
    [
      "<domain type='kvm'>",
      '  <name>win</name>',
      '  <memory>4194304</memory>',
      "  <os><type arch='x86_64' machine='q35'>hvm</type></os>",
      "  <features><hyperv mode='custom'><relaxed state='on'/><vendor_id state='on' value='" +
        vendor +
        "'/></hyperv></features>",
      "  <clock offset='localtime'><timer name='hypervclock' present='yes'/></clock>",
      '</domain>',
    ].join('\n');
  const write = (name: string, delimiter: string, vendor: string) => {
    const text = `#!/bin/sh\nVENDOR=KVMKVMKVM\ncat > win.xml <<${delimiter}\n${domain(vendor)}\nEOF\nvirsh define win.xml\n`;
    writeFileSync(join(dir, name), text);
    return text;
  };
  const json = async (name: string) =>
    JSON.parse((await runCapture(['convert', '--to', 'json', name], { cwd: dir })).stdout) as {
      features: Record<string, unknown>;
    };

  it('reads no value the shell builds in an unquoted heredoc, says so at the expansion, and checks the rest', async () => {
    for (const vendor of ['$VENDOR', '${VENDOR}', '$(vendor-of host)', '`vendor-of host`']) {
      const text = write('u.sh', 'EOF', vendor);
      const r = await runCapture(['check', '--json', 'u.sh'], { cwd: dir });
      const out = JSON.parse(r.stdout) as {
        diagnostics: { code: string; line: number; column: number; notes: string[] }[];
      };
      const shell = out.diagnostics.filter((d) => d.code === 'SHELL_EXPANSION');
      expect(shell, vendor).toHaveLength(1);
      const line = text.split('\n').findIndex((l) => l.includes(vendor)) + 1;
      expect(shell[0]).toMatchObject({ line, column: text.split('\n')[line - 1]!.indexOf(vendor) + 1 });
      expect(shell[0]!.notes.join('\n')).toContain('vendor-id is not checked');
      expect((await json('u.sh')).features).toEqual({ relaxed: true, time: true });
    }
  });

  it('reads a quoted heredoc, and an escaped $ in an unquoted one, as written', async () => {
    write('q.sh', "'EOF'", '$VENDOR');
    expect((await json('q.sh')).features['vendor-id']).toBe('$VENDOR');
    write('e.sh', 'EOF', '\\$VENDOR');
    const r = await runCapture(['check', '--json', 'e.sh'], { cwd: dir });
    expect(r.stdout).not.toContain('SHELL_EXPANSION');
  });

  it('edits neither: exit 2, the file untouched', async () => {
    for (const [name, delimiter] of [
      ['u.sh', 'EOF'],
      ['q.sh', "'EOF'"],
    ] as const) {
      const before = write(name, delimiter, '$VENDOR');
      for (const argv of [
        ['fix', name],
        ['set', name, 'stimer=on'],
      ]) {
        const r = await runCapture(argv, { cwd: dir });
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.stderr).toContain('does not edit text inside a script');
        expect(readFileSync(join(dir, name), 'utf8')).toBe(before);
      }
    }
  });

  it('with --from qemu, reads no -cpu out of a heredoc either: the script is no -cpu value (it was read as one)', async () => {
    const text =
      '#!/bin/sh\nEXTRA=hv_synic\nbash <<EOF\nqemu-system-x86_64 -machine q35 -cpu host,hv_stimer,$EXTRA -m 4G\nEOF\n';
    writeFileSync(join(dir, 'fed.sh'), text);
    const r = await runCapture(['check', '--from', 'qemu', 'fed.sh'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('MISSING_DEPENDENCY'); // $EXTRA may well be the hv_synic it asked for
    expect(r.stdout).toContain('NO_CONFIGURATION');
    expect(r.stdout).toContain('a QEMU command in a heredoc');
    const fixed = await runCapture(['fix', '--from', 'qemu', 'fed.sh'], { cwd: dir });
    expect(fixed.code).toBe(2);
    expect(readFileSync(join(dir, 'fed.sh'), 'utf8')).toBe(text);
  });

  it('takes a QEMU command in a heredoc for text: no configuration, nothing edited', async () => {
    for (const cpu of ['host,hv_relaxed,$EXTRA', 'host,hv_relaxed,${EXTRA}', 'host,hv_relaxed,$(extra)']) {
      for (const delimiter of ['EOF', "'EOF'"]) {
        const text = `#!/bin/sh\nEXTRA=hv_vapic\ncat > run.sh <<${delimiter}\nqemu-system-x86_64 -machine q35 -cpu ${cpu} -m 4G\nEOF\n`;
        writeFileSync(join(dir, 'run-writer.sh'), text);
        for (const argv of [
          ['check', 'run-writer.sh'],
          ['fix', 'run-writer.sh'],
        ]) {
          const r = await runCapture(argv, { cwd: dir });
          expect(r.code, `${argv[0]} ${cpu} ${delimiter}`).toBe(2);
          expect(r.stderr).toContain('no configuration found');
        }
        expect(readFileSync(join(dir, 'run-writer.sh'), 'utf8')).toBe(text);
      }
    }
  });
});
