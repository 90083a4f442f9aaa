// editFileSafely itself, in process: the compare-and-swap against writers that take no lock (made
// to happen deterministically, from inside the edit), bytes in and out, and the leftover cleanup.
import { appendFileSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/io.js';
import { ConflictError, editFileSafely } from '../../src/cli/write-file.js';
import { makeTempDir } from '../support/tools.js';

const START = '-cpu host,hv-relaxed\n';
const EDITED = Buffer.from('-cpu host,hv-relaxed,hv-vapic=on\n');

function fileIn(dir: string, content: string | Buffer = START): string {
  const file = join(dir, 'vm.args');
  writeFileSync(file, content);
  return file;
}

describe('editFileSafely', () => {
  it('refuses when a writer appended after the read, and keeps the append', async () => {
    const dir = makeTempDir('enlighten-trust-');
    const file = fileIn(dir);
    const edit = editFileSafely(file, (bytes) => {
      appendFileSync(file, 'appended meanwhile\n');
      return Buffer.concat([EDITED, bytes.subarray(START.length)]);
    });
    await expect(edit).rejects.toThrow(ConflictError);
    await expect(edit).rejects.toThrow(`${file} changed since enlighten read it; nothing was written`);
    expect(readFileSync(file, 'utf8')).toBe(`${START}appended meanwhile\n`);
    expect(readdirSync(dir).sort()).toEqual(['.vm.args.enlighten.lock', 'vm.args']);
  });

  it('refuses when a writer replaced the file (rename, as editors do) after the read', async () => {
    const dir = makeTempDir('enlighten-trust-');
    const file = fileIn(dir);
    const edit = editFileSafely(file, () => {
      writeFileSync(join(dir, 'editor.swp'), '-cpu host\n');
      renameSync(join(dir, 'editor.swp'), file);
      return EDITED;
    });
    await expect(edit).rejects.toThrow(/changed since enlighten read it/);
    expect(readFileSync(file, 'utf8')).toBe('-cpu host\n');
    expect(readdirSync(dir).sort()).toEqual(['.vm.args.enlighten.lock', 'vm.args']);
  });

  it('hands over and writes bytes, not text (UTF-16 stays byte for byte)', async () => {
    const dir = makeTempDir('enlighten-trust-');
    const before = Buffer.from(`\ufeff${START}`, 'utf16le');
    const after = Buffer.from(`\ufeff${EDITED.toString()}`, 'utf16le');
    const file = fileIn(dir, before);
    let seen: Buffer | undefined;
    const result = await editFileSafely(file, (bytes) => {
      seen = bytes;
      return after;
    });
    expect(seen!.equals(before)).toBe(true);
    expect(result).toEqual({ backup: `${file}.enlighten.bak`, written: true });
    expect(readFileSync(file).equals(after)).toBe(true);
    expect(readFileSync(`${file}.enlighten.bak`).equals(before)).toBe(true);
  });

  it('writes nothing and makes no backup when the edit returns null or the same bytes', async () => {
    const dir = makeTempDir('enlighten-trust-');
    const file = fileIn(dir);
    expect(await editFileSafely(file, () => null)).toEqual({ backup: null, written: false });
    expect(await editFileSafely(file, (b) => Buffer.from(b))).toEqual({ backup: null, written: false });
    expect(readdirSync(dir).sort()).toEqual(['.vm.args.enlighten.lock', 'vm.args']);
  });

  it("removes a killed run's temporary files for this target, and only those", async () => {
    const dir = makeTempDir('enlighten-trust-');
    const file = fileIn(dir);
    const ours = ['.vm.args.enlighten-0123456789abcdef.tmp', '.vm.args.enlighten-fedcba9876543210.tmp'];
    const others = [
      '.other.args.enlighten-0123456789abcdef.tmp',
      '.vm.args.enlighten-1234.tmp',
      'vm.args.enlighten-0123456789abcdef.tmp',
      '.vm.args.enlighten-0123456789ABCDEF.tmp',
    ];
    for (const n of [...ours, ...others]) writeFileSync(join(dir, n), 'partial');
    await editFileSafely(file, () => null);
    expect(readdirSync(dir).sort()).toEqual(['.vm.args.enlighten.lock', 'vm.args', ...others].sort());
  });

  it('an error inside the edit is passed on as it is, and nothing is written', async () => {
    const dir = makeTempDir('enlighten-trust-');
    const file = fileIn(dir);
    const oops = new UsageError('bad input');
    await expect(editFileSafely(file, () => Promise.reject(oops))).rejects.toBe(oops);
    expect(readFileSync(file, 'utf8')).toBe(START);
    // The lock was released: the next edit goes through at once.
    expect(await editFileSafely(file, () => EDITED)).toEqual({ backup: `${file}.enlighten.bak`, written: true });
  });
});
