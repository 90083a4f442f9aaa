// No control character from the input reaches the terminal: names, messages, summaries.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCapture } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-escape-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f]/;

describe('control characters from the input', () => {
  it('are escaped in the file name of the summary and the code frames', async () => {
    const name = 'vm\x1b]0;owned\x07.args';
    writeFileSync(join(dir, name), '-cpu host,hv_\x1b[2Jfoo\n');
    const r = await runCapture(['check', name], { cwd: dir });
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).toContain("unknown Hyper-V property 'hv_\\u001b[2Jfoo'");
    expect(r.stdout).toContain('vm\\u001b]0;owned\\u0007.args (qemu): 1 error, 0 warnings');
  });

  it('are escaped in usage errors', async () => {
    const r = await runCapture(['check', 'no/such\x1b[2J/vm.xml']);
    expect(r.stderr).toBe(
      'enlighten: no such file: no/such\\u001b[2J/vm.xml\nhint: check the path, or quote the configuration text if you meant to pass it directly\n',
    );
  });

  it('stay as they are in JSON, which escapes them itself', async () => {
    const r = await runCapture(['check', '--json', '-cpu host,hv_\x1bfoo']);
    expect(r.stdout).toContain('hv_\\u001bfoo');
    expect(JSON.parse(r.stdout).diagnostics[0].message).toContain('hv_\x1bfoo');
  });
});
