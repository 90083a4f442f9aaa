// Diagnostics print a window of a long line, escape control characters, and fold repeats.
import { describe, expect, it } from 'vitest';
import {
  LineIndex,
  groupDiagnostics,
  lineColumnAt,
  lineText,
  makeDiagnostic,
  renderDiagnostic,
} from '../../src/diagnostics/index.js';
import { printable } from '../../src/util/printable.js';
import { runCapture } from '../support/run-cli.js';

describe('LineIndex', () => {
  const text = 'ab\ncd\r\n\nlast';
  const index = new LineIndex(text);

  it('maps offsets to lines and columns as a scan from the start would', () => {
    const scan = (offset: number) => {
      const before = text.slice(0, offset);
      return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
    };
    for (let o = 0; o <= text.length; o++) expect(index.at(o)).toEqual(scan(o));
    expect(index.at(text.length + 5)).toEqual(scan(text.length));
  });

  it('gives each line without its line break', () => {
    expect([1, 2, 3, 4, 5].map((l) => lineText(text, l))).toEqual(['ab', 'cd', '', 'last', '']);
    expect(lineColumnAt(text, 9)).toEqual({ line: 4, column: 2 });
  });
});

describe('code frames', () => {
  const line = `-cpu host,${Array.from({ length: 200 }, (_, i) => `hv-x${i}`).join(',')}`;
  const at = line.indexOf('hv-x100');
  const d = makeDiagnostic('UNKNOWN_FEATURE', "unknown Hyper-V property 'hv-x100'", {
    span: { start: at, end: at + 7 },
  });
  const frame = renderDiagnostic(d, line, { sourceName: 'vm.args' }).split('\n');

  it('show a window of a long line, with the real line and column', () => {
    expect(frame[1]).toBe(` --> vm.args:1:${at + 1}`);
    expect(frame[3]!.length).toBeLessThan(110);
    expect(frame[3]).toMatch(/^1 \| ….*hv-x100.*…$/);
  });

  it('put the carets under the span inside the window', () => {
    const caret = frame[4]!.indexOf('^');
    expect(frame[3]!.slice(caret, caret + 7)).toBe('hv-x100');
    expect(frame[4]!.slice(caret)).toBe('^^^^^^^');
  });

  it('show a short line whole', () => {
    const short = renderDiagnostic(
      makeDiagnostic('UNKNOWN_FEATURE', 'x', { span: { start: 10, end: 16 } }),
      '-cpu host,hv_foo',
      { sourceName: 'a' },
    );
    expect(short.split('\n').slice(3, 5)).toEqual(['1 | -cpu host,hv_foo', '  |           ^^^^^^']);
  });

  it('escape control characters from the input, carets still under the span', () => {
    const source = '-cpu host,\x1b[2Jhv_\x1b]0;x\x07foo';
    const bad = makeDiagnostic('UNKNOWN_FEATURE', `unknown Hyper-V property '${source.slice(10)}'`, {
      span: { start: 10, end: source.length },
      notes: ['line\nbreak'],
    });
    const out = renderDiagnostic(bad, source, { sourceName: 'vm\x1b.args' });
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    const lines = out.split('\n');
    expect(lines[0]).toContain("'\\u001b[2Jhv_\\u001b]0;x\\u0007foo'");
    expect(lines[1]).toBe(' --> vm\\u001b.args:1:11');
    expect(lines[3]).toBe('1 | -cpu host,\\u001b[2Jhv_\\u001b]0;x\\u0007foo');
    expect(lines[4]).toBe(`  | ${' '.repeat(10)}${'^'.repeat(lines[3]!.length - 14)}`);
    expect(lines[5]).toBe('  = note: line\\nbreak');
  });
});

describe('printable', () => {
  it('escapes C0, DEL, C1 and bidi controls, keeps tabs only when asked', () => {
    expect(printable('a\x1bb\x7f\x9b\u202e\n\r\tz')).toBe('a\\u001bb\\u007f\\u009b\\u202e\\n\\r\\tz');
    expect(printable('a\tb', true)).toBe('a\tb');
    expect(printable('plain é ✓')).toBe('plain é ✓');
  });
});

describe('repeated diagnostics', () => {
  const source = `-cpu host,${Array(4000).fill('hv_foo').join(',')},hv_bar`;
  const diagnostics = [...source.matchAll(/hv_foo|hv_bar/g)].map((m) =>
    makeDiagnostic('UNKNOWN_FEATURE', `unknown Hyper-V property '${m[0]}'`, {
      span: { start: m.index, end: m.index + 6 },
    }),
  );

  it('fold into the first, with a count and where the next ones are', () => {
    const groups = groupDiagnostics(diagnostics, source);
    expect(groups.map((g) => g.count)).toEqual([4000, 1]);
    expect(groups[0]!.diagnostic.span).toEqual({ start: 10, end: 16 });
    expect(groups[0]!.diagnostic.notes).toEqual(['and 3,999 more like it (at 1:18, 1:25, 1:32, …)']);
    expect(groups[1]!.diagnostic.notes).toBeUndefined();
  });

  it('print once in check, and carry a count in JSON', async () => {
    const text = await runCapture(['check', source]);
    expect(text.stdout.match(/unknown Hyper-V property 'hv_foo'/g)).toHaveLength(1);
    expect(text.stdout).toContain('and 3,999 more like it');
    expect(text.stdout).toContain('<argument> (qemu): 4001 errors, 0 warnings');
    const json = JSON.parse((await runCapture(['check', '--json', source])).stdout) as {
      diagnostics: { message: string; count?: number; column: number }[];
    };
    expect(json.diagnostics.map((d) => [d.message, d.count, d.column])).toEqual([
      ["unknown Hyper-V property 'hv_foo' (QEMU: Property 'host-x86_64-cpu.hv-foo' not found)", 4000, 11],
      [
        "unknown Hyper-V property 'hv_bar' (QEMU: Property 'host-x86_64-cpu.hv-bar' not found)",
        undefined,
        source.length - 5,
      ],
    ]);
  });
});
