// One bounded reader for every input, and decoding as libvirt reads: UTF-8, or UTF-16 with a BOM.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeInput, encodeLike, firstInvalidUtf8 } from '../../src/cli/input-encoding.js';
import { parseSize } from '../../src/cli/max-bytes.js';
import { readFileBounded, readStreamBounded } from '../../src/cli/read-bounded.js';
import { parseXml } from '../../src/syntax/xml/index.js';
import { runCapture } from '../support/run-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'enlighten.cjs');
const dir = mkdtempSync(join(tmpdir(), 'enlighten-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DOMAIN = readFileSync(join(ROOT, 'examples', 'win10-virt-install.xml'), 'utf8');

describe('the input cap', () => {
  it('refuses a file over --max-bytes, naming the option, with no code frame', async () => {
    writeFileSync(join(dir, 'big.args'), `-cpu host,${'hv_relaxed,'.repeat(1000)}`);
    const r = await runCapture(['check', '--max-bytes', '4K', 'big.args'], { cwd: dir });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'enlighten: big.args is over the 4096-byte limit; pass --max-bytes to raise it\n',
    });
    expect((await runCapture(['check', '--max-bytes', '16KiB', 'big.args'], { cwd: dir })).code).toBe(0);
  });

  it('applies to stdin, text arguments and pseudo-files that report size 0', async () => {
    const over = 'enlighten: <stdin> is over the 4194304-byte limit; pass --max-bytes to raise it\n';
    expect((await runCapture(['check', '-'], { stdin: Buffer.alloc(5 * 1024 * 1024, 'a') })).stderr).toBe(over);
    expect((await runCapture(['check', '--max-bytes', '10', 'host,hv_relaxed'])).stderr).toContain(
      '<argument> is over the 10-byte limit',
    );
    const proc = await runCapture(['check', '/proc/self/pagemap']);
    expect(proc).toMatchObject({
      code: 2,
      stderr: 'enlighten: /proc/self/pagemap is over the 4194304-byte limit; pass --max-bytes to raise it\n',
    });
  });

  it('stops reading a stream one byte past the cap', async () => {
    let produced = 0;
    const endless = Readable.from(
      (function* () {
        for (;;) {
          produced++;
          yield Buffer.alloc(65536, 'x');
        }
      })(),
    );
    const bytes = await readStreamBounded(endless, 100_000);
    expect(bytes.length).toBe(100_001);
    expect(produced).toBeLessThanOrEqual(4);
  });

  it('stops reading real stdin of a real process (300 MB would run out of heap)', () => {
    const r = spawnSync(
      'sh',
      [
        '-c',
        `head -c 300000000 /dev/zero | tr '\\0' a | ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check -`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('enlighten: <stdin> is over the 4194304-byte limit; pass --max-bytes to raise it\n');
    expect(r.status).toBe(2);
  });

  it('reads a FIFO', async () => {
    const fifo = join(dir, 'vm.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `printf '%s' '-cpu host,hv_stimer' > ${fifo}`]);
    const r = await runCapture(['check', fifo]);
    writer.kill();
    expect(r.stdout).toContain('MISSING_DEPENDENCY');
  });

  it('parses sizes with suffixes', () => {
    expect([parseSize('4194304'), parseSize('4M'), parseSize('16MiB'), parseSize('512k'), parseSize('1MB')]).toEqual([
      4194304, 4194304, 16777216, 524288, 1000000,
    ]);
    expect(() => parseSize('4X')).toThrow(/4M, 16MiB/);
    expect(() => parseSize('0')).toThrow(/between 1 byte/);
  });

  it('rejects a bad --max-bytes as bad usage', async () => {
    const r = await runCapture(['check', '--max-bytes', 'lots', 'host']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--max-bytes <size>' argument 'lots' is invalid");
  });

  it('is an option of every command that reads input', async () => {
    for (const command of ['check', 'audit', 'fix', 'recommend', 'set', 'convert', 'cpuid', 'decode']) {
      expect((await runCapture([command, '--help'])).stdout, command).toContain('--max-bytes <size>');
    }
  });
});

describe('decoding', () => {
  const utf16 = (text: string, le: boolean) => {
    const body = Buffer.from(`\uFEFF${text}`, 'utf16le');
    return le ? body : Buffer.from(body).swap16();
  };

  it('reads a UTF-16 domain file (LE and BE, with a BOM) as libvirt XML', async () => {
    for (const le of [true, false]) {
      writeFileSync(join(dir, 'u16.xml'), utf16(DOMAIN, le));
      const r = await runCapture(['check', '--json', 'u16.xml'], { cwd: dir });
      expect(JSON.parse(r.stdout).format).toBe('libvirt');
    }
  });

  it('refuses invalid UTF-8 with the byte and its offset', async () => {
    writeFileSync(
      join(dir, 'latin1.xml'),
      Buffer.concat([Buffer.from('<domain><name>caf'), Buffer.from([0xe9]), Buffer.from('</name></domain>')]),
    );
    const r = await runCapture(['check', 'latin1.xml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^enlighten: latin1\.xml is not valid UTF-8: byte 0xE9 at byte offset 17 does not begin a valid UTF-8 sequence/,
    );
  });

  it('refuses NUL bytes (binary data, UTF-16 without a BOM)', async () => {
    writeFileSync(join(dir, 'nobom.xml'), Buffer.from(DOMAIN, 'utf16le'));
    const r = await runCapture(['check', 'nobom.xml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'nobom.xml holds a NUL byte at byte offset 1: binary data, or UTF-16 without a byte-order mark',
    );
  });

  it('refuses an XML declaration naming another encoding, even when the bytes are ASCII', async () => {
    writeFileSync(join(dir, 'declared.xml'), DOMAIN.replace(/^/, "<?xml version='1.0' encoding='ISO-8859-1'?>\n"));
    const r = await runCapture(['check', 'declared.xml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("error[XML_ENCODING_REFUSED]: the XML declaration names the encoding 'ISO-8859-1'");
    expect(r.stdout).toContain('--> declared.xml:1:31');
    for (const ok of ['UTF-8', 'utf8', 'UTF-16'])
      expect(parseXml(`<?xml version='1.0' encoding='${ok}'?><a/>`).ok).toBe(true);
  });

  it('finds the first byte that begins no valid sequence', () => {
    const at = (...b: number[]) => firstInvalidUtf8(Uint8Array.from(b));
    expect(at(0x41, 0xc3, 0xa9)).toBe(-1);
    expect(at(0x41, 0xc0, 0x80)).toBe(1); // overlong
    expect(at(0x41, 0xed, 0xa0, 0x80)).toBe(1); // surrogate
    expect(at(0x41, 0x42, 0xe2, 0x82)).toBe(2); // cut short
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // past U+10FFFF
  });

  it('records the encoding and BOM, and encodeLike writes the same bytes back', () => {
    const samples = [
      Buffer.from(DOMAIN),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DOMAIN)]),
      utf16(DOMAIN, true),
      utf16(DOMAIN, false),
    ];
    expect(samples.map((b) => decodeInput(b, 'x')).map((d) => [d.encoding, d.bom])).toEqual([
      ['utf-8', false],
      ['utf-8', true],
      ['utf-16le', true],
      ['utf-16be', true],
    ]);
    for (const bytes of samples) {
      const input = decodeInput(bytes, 'x');
      expect(encodeLike(input, input.text).equals(bytes)).toBe(true);
      // A writer that dropped the BOM from its text still gets it back, once.
      expect(encodeLike(input, input.text.replace(/^\uFEFF/, '')).equals(bytes)).toBe(true);
    }
  });
});

describe('the reader of regular files', () => {
  it('reads files of every size in turn into its reused buffer, each whole and only itself', () => {
    // Sizes around the buffer's first size (64 KiB), its limit (1 MiB), a small file after a large one.
    const sizes = [10, 5000, 64 * 1024, 64 * 1024 + 1, 300_000, 1024 * 1024 - 1, 1024 * 1024, 2_000_000, 7, 0];
    const texts = sizes.map((n, i) =>
      Array.from({ length: n }, (_, k) => String.fromCharCode(97 + ((i + k) % 26))).join(''),
    );
    for (const [i, t] of texts.entries()) writeFileSync(join(dir, `size${i}.txt`), t);
    texts.forEach((t, i) => {
      const bytes = readFileBounded(join(dir, `size${i}.txt`), 4 * 1024 * 1024);
      expect(bytes.length).toBe(t.length);
      expect(bytes.toString('latin1') === t).toBe(true);
    });
    // Over the limit: limit + 1 bytes, enough to tell.
    expect(readFileBounded(join(dir, 'size4.txt'), 1000).length).toBe(1001);
  });
});
