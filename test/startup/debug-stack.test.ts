// The CLI bundle is minified, names included; an internal error's stack (ENLIGHTEN_DEBUG=1) gets
// its places in src/ back from the source map the build writes beside it (src/cli/debug-stack.ts).
// Checked on the real build: a frame at a string literal of the bundle must map to the line of
// src/ that holds the literal.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFile } from '../../src/cli/bundle-file.js';
import { sourceStack } from '../../src/cli/debug-stack.js';
import { ROOT } from '../trust/support.js';

const BUNDLE = join(ROOT, 'dist', 'cli.cjs');
const dir = mkdtempSync(join(tmpdir(), 'enlighten-stack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Line and column (1-based) of a text's first occurrence. */
function placeOf(text: string, what: string): [number, number] {
  const at = text.indexOf(what);
  expect(at, what).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return [before.length, before.at(-1)!.length + 1];
}

describe('stacks of the minified bundle', () => {
  const bundle = readFileSync(BUNDLE, 'latin1');

  it('names no function of the sources: names are minified', () => {
    // the bundle's longest own function names would be here with names kept
    expect(bundle).not.toContain('function sourceStack(');
    expect(bundle).not.toContain('function readStartTag(');
  });

  for (const [literal, file] of [
    ['no problems found', 'src/cli/check.ts'],
    ['a link to something that is not a regular file', 'src/cli/audit-inputs.ts'],
    ['between attributes', 'src/syntax/xml/parse-tag.ts'],
  ] as const) {
    it(`a frame in the bundle gets the place in ${file}`, () => {
      const [line, column] = placeOf(bundle, literal);
      const source = readFileSync(join(ROOT, file), 'utf8');
      const [srcLine] = placeOf(source, literal);
      const stack = `Error: boom\n    at Yw (${BUNDLE}:${line}:${column})\n    at ${BUNDLE}:${line}:${column}\n    at run (/elsewhere/x.js:3:4)`;
      const lines = sourceStack(stack, BUNDLE).split('\n');
      expect(lines[0]).toBe('Error: boom');
      expect(lines[1]).toMatch(
        new RegExp(`^    at Yw \\(${BUNDLE}:${line}:${column} = ${file}:${srcLine}:\\d+\\)$`.replaceAll('/', '\\/')),
      );
      expect(lines[2]).toMatch(
        new RegExp(`^    at ${BUNDLE}:${line}:${column} = ${file}:${srcLine}:\\d+$`.replaceAll('/', '\\/')),
      );
      expect(lines[3]).toBe('    at run (/elsewhere/x.js:3:4)');
    });
  }

  it('without a map beside the bundle, the stack is as V8 wrote it', () => {
    const copy = join(dir, 'cli.cjs');
    copyFileSync(BUNDLE, copy);
    const stack = `Error: boom\n    at Yw (${copy}:1:10)`;
    expect(sourceStack(stack, copy)).toBe(stack);
  });

  it('a map that is not JSON changes nothing', () => {
    const copy = join(dir, 'bad.cjs');
    copyFileSync(BUNDLE, copy);
    copyFileSync(BUNDLE, `${copy}.map`);
    const stack = `Error: boom\n    at Yw (${copy}:1:10)`;
    expect(sourceStack(stack, copy)).toBe(stack);
  });

  it('from the sources (no bundle) the stack is left alone', () => {
    expect(bundleFile()).toBeUndefined();
    const stack = `Error: boom\n    at f (${BUNDLE}:1:10)`;
    expect(sourceStack(stack)).toBe(stack);
  });
});
