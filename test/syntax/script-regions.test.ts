// Where a script's QEMU commands are: heredoc bodies and markdown code fences are text, not
// commands (src/formats/qemu/commands.ts, src/syntax/shell/heredoc.ts), and a command ends at an
// unescaped ;, &, && or |. Fences after Unicode blanks, here-strings beside heredocs, CRLF lines
// and separators glued to a word had no case of their own.
import { describe, expect, it } from 'vitest';
import { qemuCommands, scriptWords, textRegions } from '../../src/formats/qemu/commands.js';
import { heredocAt, sourceLines } from '../../src/syntax/shell/heredoc.js';

const regions = (text: string) => textRegions(text).map((r) => text.slice(r.start, r.end));
const commands = (text: string) =>
  qemuCommands(text, scriptWords(text).words).map((c) => c.words.map((w) => w.value).join(' '));

describe('lines and heredocs', () => {
  it('takes one CR off a CRLF line, and only one', () => {
    expect(sourceLines('a\r\nb\r\r\nc\r').map((l) => l.text)).toEqual(['a', 'b\r', 'c']);
  });

  it('finds a heredoc, with CRLF lines and <<- tabs, but no here-string', () => {
    const crlf = 'cat <<EOF\r\nqemu-system-x86_64 -cpu host\r\nEOF\r\n';
    expect(heredocAt(sourceLines(crlf), 0)?.heredoc.delimiter).toBe('EOF');
    expect(heredocAt(sourceLines(crlf), 0)?.last).toBe(2);
    expect(heredocAt(sourceLines('cat <<< "$X"\n'), 0)).toBeUndefined();
    expect(heredocAt(sourceLines('cat <<< x <<END\nbody\nEND\n'), 0)?.heredoc.delimiter).toBe('END');
    expect(heredocAt(sourceLines("cat <<-'T'\n\tbody\n\t\tT\n"), 0)?.heredoc).toMatchObject({
      delimiter: 'T',
      quoted: true,
      closed: true,
    });
    expect(heredocAt(sourceLines('echo a < b\n'), 0)).toBeUndefined();
  });
});

describe('text regions of a script', () => {
  it('reads fenced blocks after any blank, ``` or ~~~, as text', () => {
    for (const blank of ['', '  ', '\t', '\u00a0', '\u3000'])
      expect(regions(`x\n${blank}\`\`\`\nqemu -cpu host\n\`\`\`\ny\n`)).toEqual([
        `${blank}\`\`\`\nqemu -cpu host\n\`\`\``,
      ]);
    expect(regions('~~~\na\n~~~\n')).toEqual(['~~~\na\n~~~']);
    expect(regions('`` not a fence\nqemu -cpu host\n')).toEqual([]);
    expect(commands('```\nqemu-system-x86_64 -cpu host\n```\nqemu-system-x86_64 -cpu max\n')).toEqual([
      'qemu-system-x86_64 -cpu max',
    ]);
  });

  it('ends a command at an unescaped ;, &, && or |, and at a word that ends with ; or &', () => {
    // The separator is a word of its own (splitScript), not part of the command's last word.
    expect(commands('qemu-system-x86_64 -cpu host; echo done')).toEqual(['qemu-system-x86_64 -cpu host']);
    expect(commands('qemu-system-x86_64 -cpu host;echo done')).toEqual(['qemu-system-x86_64 -cpu host']);
    expect(commands('qemu-system-x86_64 -cpu host & wait')).toEqual(['qemu-system-x86_64 -cpu host']);
    expect(commands('true && qemu-system-x86_64 -cpu host || exit 1')).toEqual(['qemu-system-x86_64 -cpu host']);
    expect(commands('qemu-system-x86_64 -cpu host&\nqemu-kvm -cpu max')).toEqual([
      'qemu-system-x86_64 -cpu host',
      'qemu-kvm -cpu max',
    ]);
    // a backslash the value keeps (single quotes) before the ; does not end it
    expect(commands("qemu-system-x86_64 -cpu 'host\\;' -m 1G")).toEqual(['qemu-system-x86_64 -cpu host\\; -m 1G']);
    expect(commands('qemu-system-x86_64 -name "a;b" -cpu host -m 1G')).toEqual([
      'qemu-system-x86_64 -name a;b -cpu host -m 1G',
    ]);
  });
});
