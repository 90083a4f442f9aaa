import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { bundleFile } from './bundle-file.js';

/** A stack frame's place: `(FILE:LINE:COLUMN)` or, for a frame without a function name, `at FILE:LINE:COLUMN`. */
const FRAME = /(\(|at )([^()\s][^()]*):(\d+):(\d+)(\)?)$/;

/**
 * The stack of an internal error (ENLIGHTEN_DEBUG=1) with the places the sources give. The bundle
 * is minified, names included (scripts/build.mjs), so its frames read `at Yw (dist/cli.cjs:30:1234)`;
 * the build writes its source map beside it, dist/cli.cjs.map, and each frame in the bundle gets
 * its file, line and column in src/ appended: `at Yw (dist/cli.cjs:30:1234 = src/cli/audit.ts:88:5)`.
 * Without the map (or from the sources) the stack is as V8 wrote it. Only an internal error reads
 * the map; no start does.
 */
export function sourceStack(stack: string, bundle: string | undefined = bundleFile()): string {
  if (!bundle) return stack;
  let map: SourceMap;
  try {
    map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
  } catch {
    return stack;
  }
  return stack
    .split('\n')
    .map((line) => {
      const m = FRAME.exec(line);
      if (!m || m[2] !== bundle) return line;
      const entry = map.findEntry(Number(m[3]) - 1, Number(m[4]) - 1) as Partial<{
        originalSource: string;
        originalLine: number;
        originalColumn: number;
      }>;
      if (entry.originalSource === undefined || entry.originalLine === undefined) return line;
      const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
      const place = `${m[2]}:${m[3]}:${m[4]} = ${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
      return `${line.slice(0, m.index)}${m[1]}${place}${m[5]}`;
    })
    .join('\n');
}
