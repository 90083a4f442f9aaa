// `set --connect URI DOMAIN` against a real libvirt (the embedded QEMU driver keeps its domains in a
// folder, so what `virsh define` wrote is there for the next `virsh dumpxml`).
import { afterAll, describe, expect, it } from 'vitest';
import { parseLibvirt } from '../../src/formats/libvirt/index.js';
import { EmbeddedQemuDriver } from '../support/libvirt.js';
import { goldenText, runCapture } from '../support/run-cli.js';
import { removeTempDir, requireTool, run } from '../support/tools.js';
import { readFixture } from './support.js';
import { okValue } from '../support/parse-result.js';

const driver = new EmbeddedQemuDriver();
afterAll(() => removeTempDir(driver.root));

async function virsh(...args: string[]): Promise<string> {
  const r = await run(requireTool('virsh'), ['-c', driver.uri, ...args], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`virsh ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('set --connect', () => {
  it('reads with virsh dumpxml, writes with virsh define, and libvirt validates', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = `${driver.root}/bare.xml`;
    writeFileSync(file, readFixture('no-features.xml'));
    await virsh('define', file);

    const dry = await runCapture(['set', '--connect', driver.uri, '--dry-run', 'bare', 'relaxed']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("+      <relaxed state='on'/>");
    expect(okValue(parseLibvirt(await virsh('dumpxml', '--inactive', 'bare'))).set.features).toEqual({});

    const done = await runCapture([
      'set',
      '--connect',
      driver.uri,
      'bare',
      'relaxed',
      'spinlocks=8191',
      'vpindex',
      'synic',
      'stimer',
      'time',
      'crash',
    ]);
    expect(goldenText(done, []).replaceAll(driver.uri, 'URI')).toContain('bare (URI): defined with the change');
    expect(done.code).toBe(0);
    const after = okValue(parseLibvirt(await virsh('dumpxml', '--inactive', 'bare')));
    expect(after.set.features).toEqual({
      relaxed: true,
      spinlocks: 8191,
      vpindex: true,
      synic: true,
      stimer: true,
      time: true,
      crash: true,
    });

    // Told it is libvirt 12.1, enlighten writes <xmm_input>; the real 9.0 refuses it on define.
    const refused = await runCapture([
      'set',
      '--connect',
      driver.uri,
      '--libvirt-version',
      '12.1',
      'bare',
      'xmm-input',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'libvirt refused the edited domain: unsupported configuration: unsupported HyperV Enlightenment feature: xmm_input',
    );
    expect(okValue(parseLibvirt(await virsh('dumpxml', '--inactive', 'bare'))).set.features).not.toHaveProperty(
      'xmm-input',
    );

    const clean = await runCapture(['check', '--connect', driver.uri, 'bare']);
    expect([clean.code, clean.stdout.replaceAll(driver.uri, 'URI')]).toEqual([
      0,
      'bare (URI) (libvirt): no problems found\n',
    ]);
    await runCapture(['set', '--connect', driver.uri, 'bare', 'synic=off']);
    const broken = await runCapture(['check', '--connect', driver.uri, 'bare']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      'error[MISSING_DEPENDENCY]: Hyper-V synthetic timers (hv-stimer) requires Hyper-V synthetic interrupt controller (hv-synic)',
    );
    expect(broken.stdout).toMatch(/= fix: .*<(synic|stimer)/);

    const missing = await runCapture(['set', '--connect', driver.uri, 'nosuchdomain', 'relaxed']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nosuchdomain');
  }, 120_000);
});
