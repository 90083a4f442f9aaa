// The commands declared as data (src/cli/spec.ts): each is complete, each example parses, and the
// help built from the data is pinned in test/golden/help.txt.
import { Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { PROGRAM } from '../../src/cli/commands.js';
import type { Io } from '../../src/cli/io.js';
import { parseCommandLine } from '../../src/cli/main.js';
import type { CommandSpec } from '../../src/cli/spec.js';
import { splitShell } from '../../src/syntax/shell/split.js';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';

/** The arguments of the `enlighten ...` command in an example line: after `|`, before `|`, `>`, `<`, `;` or `#`. */
function exampleArgv(line: string): string[] | undefined {
  const words = splitShell(line).words.map((w) => w.value);
  const start = words.indexOf('enlighten');
  if (start < 0) return undefined;
  const end = words.findIndex((w, i) => i > start && /^([|<>;&#]|\d>)/.test(w));
  return words.slice(start + 1, end < 0 ? undefined : end);
}

function quietIo(): Io & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: (t) => void out.push(t),
    stderr: (t) => void out.push(t),
    readStdin: async () => Buffer.from(''),
    isTty: false,
    cwd: process.cwd(),
    env: {},
  };
}

const all: { spec: CommandSpec | typeof PROGRAM; label: string }[] = [
  { spec: PROGRAM, label: 'enlighten' },
  ...PROGRAM.commands.map((c) => ({ spec: c, label: c.name })),
];

describe('commands as data', () => {
  it.each(PROGRAM.commands.map((c) => [c.name, c] as const))(
    '%s has a one-line summary, described arguments and options, and an example of itself',
    (name, c) => {
      expect(c.summary).toMatch(/^[a-z`].*[^.\s]$/);
      expect(c.summary).not.toContain('\n');
      for (const a of c.arguments ?? []) expect(a.description, a.name).not.toBe('');
      const longs = c.options.map((o) => new Option(o.flags).long);
      expect(new Set(longs).size, 'an option declared twice').toBe(longs.length);
      for (const o of c.options) expect(o.description, o.flags).not.toBe('');
      expect(c.examples.length).toBeGreaterThan(0);
      expect(c.examples.some((e) => exampleArgv(e)?.[0] === name)).toBe(true);
    },
  );

  it.each(all.flatMap(({ spec, label }) => spec.examples.map((e) => [label, e] as const)))(
    '%s: `%s` parses',
    async (_label, example) => {
      const argv = exampleArgv(example);
      expect(argv, 'an example runs enlighten').toBeDefined();
      const io = quietIo();
      const parsed = await parseCommandLine(argv!, io);
      expect(io.out.join(''), 'commander said nothing').toBe('');
      expect(parsed?.spec.name).toBe(argv![0]);
      // Values of closed sets are among the values the data declares.
      for (const o of parsed!.spec.options) {
        const value = parsed!.flags[new Option(o.flags).attributeName()];
        if (o.closed && value !== undefined) expect(o.values!(), `${o.flags} in ${example}`).toContain(value);
      }
      (parsed!.spec.arguments ?? []).forEach((a, i) => {
        if (a.closed && parsed!.args[i] !== undefined)
          expect(a.values!(), `${a.name} in ${example}`).toContain(parsed!.args[i]);
      });
    },
  );

  it('declares values for closed sets only from the tables, and they are not empty', () => {
    for (const c of PROGRAM.commands) {
      for (const v of [...c.options, ...(c.arguments ?? [])]) {
        if (v.closed) expect(v.values?.().length, `${c.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('parses without running: unknown options and missing required ones are refused', async () => {
    for (const [argv, said] of [
      [['convert', '--to', 'qemu', '--bogus', 'x'], "unknown option '--bogus'"],
      [['convert', 'x'], "required option '--to <syntax>' not specified"],
      [['set', 'vm.xml'], "missing required argument 'feature'"],
      [['check', '--max-bytes', 'lots', 'x'], 'write a number of bytes'],
    ] as const) {
      const io = quietIo();
      await expect(parseCommandLine([...argv], io), said).rejects.toThrow();
      expect(io.out.join('')).toContain(said);
    }
  });

  it('prints the help built from the data (test/golden/help.txt)', async () => {
    const runs = [];
    for (const argv of [['--help'], ...PROGRAM.commands.map((c) => [c.name, '--help'])])
      runs.push(goldenText(await runCapture(argv), argv));
    const text = runs.join('\n');
    expect(text).toBe(readGolden('help', text));
  });
});
