// Output and work grow at most linearly with the input: counted (bytes, diagnostics, steps), never timed.
import { describe, expect, it } from 'vitest';
import { bigCpuLine, bigDomainXml } from '../../bench/big-inputs.mjs';
import { work } from '../../src/util/work.js';
import { runCapture } from '../support/run-cli.js';

const SIZES = [1024, 100 * 1024, 1024 * 1024];
/** How far above linear a measure may grow: a quadratic path grows 10 times more for 10 times the input. */
const SLACK = 1.5;

interface Measure {
  bytes: number;
  output: number;
  steps: number;
}

async function measure(text: string, argv: string[]): Promise<Measure> {
  work.steps = 0;
  const r = await runCapture([...argv, '-'], { stdin: text });
  expect(r.stderr).toBe('');
  return { bytes: text.length, output: r.stdout.length, steps: work.steps };
}

/** Every measure of each larger input is at most SLACK times its input's growth over the smaller one. */
function expectLinear(runs: Measure[]): void {
  for (let i = 1; i < runs.length; i++) {
    const [small, large] = [runs[i - 1]!, runs[i]!];
    const growth = large.bytes / small.bytes;
    expect(large.output / small.output, `output ${small.bytes} -> ${large.bytes} bytes`).toBeLessThanOrEqual(
      growth * SLACK,
    );
    expect(large.steps / small.steps, `steps ${small.bytes} -> ${large.bytes} bytes`).toBeLessThanOrEqual(
      growth * SLACK,
    );
  }
}

describe('cost grows at most linearly with the input', () => {
  it('check on a -cpu value with repeated and unknown items', async () => {
    const runs: Measure[] = [];
    for (const size of SIZES) runs.push(await measure(bigCpuLine(size), ['check']));
    expectLinear(runs);
    // Each of the 1 MiB input's ~39,000 different unknown items prints one windowed frame; repeats print once.
    expect(runs[2]!.output / runs[2]!.bytes).toBeLessThan(50);
  });

  it('check --json on the same', async () => {
    const runs: Measure[] = [];
    for (const size of SIZES) runs.push(await measure(bigCpuLine(size), ['check', '--json']));
    expectLinear(runs);
  });

  it('check on enlighten JSON with many unknown keys', async () => {
    const runs: Measure[] = [];
    for (const size of SIZES) {
      const keys: string[] = [];
      for (let n = 0; n < size; n += keys.at(-1)!.length) keys.push(`"x${keys.length}": true, `);
      runs.push(await measure(`{"features": {${keys.join('')}"relaxed": true}}`, ['check']));
    }
    expectLinear(runs);
  });

  it('check on a domain XML with many elements', async () => {
    const runs: Measure[] = [];
    for (const size of SIZES) runs.push(await measure(bigDomainXml(size), ['check']));
    expectLinear(runs);
  });
});

describe('launch scripts: cost grows at most linearly with the script', () => {
  const fill = (size: number, line: (i: number) => string) => {
    const lines: string[] = [];
    for (let n = 0, i = 0; n < size; n += lines.at(-1)!.length + 1, i++) lines.push(line(i));
    return `${lines.join('\n')}\n`;
  };
  it('a variable that doubles on every line (the expansions are capped by the script size)', async () => {
    const runs: Measure[] = [];
    for (const size of SIZES)
      runs.push(
        await measure(`A=hv_relaxed\n${fill(size, () => 'A="$A,$A"')}qemu-system-x86_64 -cpu "host,$A"\n`, ['check']),
      );
    expectLinear(runs);
  });
  it('many QEMU commands (more than enlighten reports one by one) and many heredocs', async () => {
    for (const line of [
      (i: number) => `qemu-system-x86_64 -name vm${i} -cpu host,hv_relaxed -m 4G`,
      (i: number) => `cat > d${i}.xml <<EOF\n<domain><name>d${i}</name></domain>\nEOF`,
    ]) {
      const runs: Measure[] = [];
      for (const size of SIZES) {
        work.steps = 0;
        const r = await runCapture(['check', '-'], { stdin: fill(size, line) });
        runs.push({ bytes: size, output: r.stdout.length + r.stderr.length, steps: work.steps + 1 }); // refused texts make no pieces: 0 steps
      }
      expectLinear(runs);
    }
  });
});
