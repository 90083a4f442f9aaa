// Fleets against real libvirt daemons (bench/libvirt-daemons.mjs): Debian's libvirtd, one per
// host, each in its own mount namespace with tmpfs state, on a loopback TCP port, serving the
// test driver. Checked: the audit's totals (against virsh's own listing), a host that never
// answers, a host killed halfway, fix through a daemon with its diff, and a journal resumed after
// the fix was killed with SIGKILL. Every daemon is stopped by its pid in afterAll, and at exit.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROKEN_EVERY,
  daemonsUnavailable,
  domainXml,
  nodeXml,
  startDaemon,
  uuidOf,
} from '../../bench/libvirt-daemons.mjs';
import type { TestDaemon } from '../../bench/libvirt-daemons.mjs';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { makeTempDir, removeTempDir, requireTool, run } from '../support/tools.js';
import AjvDraft04 from 'ajv-draft-04';

const ROOT = join(import.meta.dirname, '..', '..');
// As test/cli/audit-report.test.ts spells it: the CommonJS class is also its `default` export.
const Ajv = AjvDraft04.default;
const validSarif = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object,
);
const unavailable = daemonsUnavailable();
if (unavailable) console.warn(`skipped: fleet tests against real libvirt daemons: ${unavailable}`);
const describeDaemons = unavailable ? describe.skip : describe;

/** Domains per host: a few hundred, of every kind (good, broken, shut off). */
const PER_HOST = 200;

type Daemon = TestDaemon;

async function cli(argv: string[], env: Record<string, string> = {}, cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => Buffer.from(''),
    isTty: false,
    cwd,
    env,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

interface Row {
  input: string;
  host?: string;
  domain?: string;
  error?: string;
  errors: number;
  running?: boolean;
  restart?: string;
  codes: Record<string, number>;
}

async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((r) => setTimeout(r, 20));
}

describeDaemons('fleets of real libvirt daemons', () => {
  const dir = makeTempDir('enlighten-fleet-real-');
  const daemons: Daemon[] = [];
  const nodes: string[] = [];
  let silent: Server;
  let silentPort = 0;
  const held: Socket[] = [];
  const children: ChildProcess[] = [];
  const killAll = () => {
    for (const d of daemons) {
      try {
        process.kill(d.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  };

  beforeAll(async () => {
    requireTool('virsh');
    process.on('exit', killAll);
    for (let h = 0; h < 4; h++) {
      const home = join(dir, `host${h}`);
      mkdirSync(home);
      nodes.push(join(home, 'node.xml'));
      writeFileSync(nodes[h]!, nodeXml(h, PER_HOST));
      daemons.push(await startDaemon(home));
    }
    // A host that accepts the connection and never says a word.
    silent = createServer((s) => void held.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentPort = (silent.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const s of held) s.destroy();
    await new Promise((r) => (silent ? silent.close(r) : r(undefined)));
    for (const d of daemons) await d.stop();
    process.off('exit', killAll);
    removeTempDir(dir);
  });

  const uri = (h: number) => daemons[h]!.uri(nodes[h]!);

  it('audits every domain of three hosts: totals, labels, running domains', async () => {
    const r = await cli(['audit', '--json', '--connect', uri(0), '--connect', uri(1), '--connect', uri(2)]);
    const out = JSON.parse(r.stdout) as { configurations: Row[]; summary: { total: number; withErrors: number } };
    expect(r.stderr).toBe('');
    expect(out.summary.total).toBe(3 * PER_HOST);
    const broken = Array.from({ length: PER_HOST }, (_, i) => i).filter(
      (i) => i % BROKEN_EVERY.period === BROKEN_EVERY.at,
    ).length;
    expect(out.summary.withErrors).toBe(3 * broken);
    expect(r.code).toBe(1);
    for (let h = 0; h < 3; h++) {
      const rows = out.configurations.filter((x) => x.host === uri(h));
      // virsh's own listing of the host, and its running domains.
      const all = await run('virsh', ['-c', uri(h), 'list', '--all', '--name']);
      const active = await run('virsh', ['-c', uri(h), 'list', '--name']);
      const names = all.stdout.split('\n').filter(Boolean).sort();
      expect(rows.map((x) => x.domain).sort()).toEqual(names);
      expect(rows.filter((x) => x.running).map((x) => x.domain)).toEqual(
        active.stdout.split('\n').filter(Boolean).sort(),
      );
      expect(rows[0]!.input).toBe(`127.0.0.1:${daemons[h]!.port}/h${h}-vm0`);
      expect(rows.filter((x) => x.codes['MISSING_DEPENDENCY']).length).toBe(broken);
    }
  });

  it('gives SARIF results located by host/domain, and --fail-on for the fleet', async () => {
    const r = await cli(['audit', '--format', 'sarif', '--connect', uri(0)]);
    const sarif = JSON.parse(r.stdout) as {
      runs: {
        results: { ruleId: string; locations: { logicalLocations?: { fullyQualifiedName: string }[] }[] }[];
      }[];
    };
    expect(validSarif(sarif)).toBe(true);
    const broken = sarif.runs[0]!.results.filter((x) => x.ruleId === 'MISSING_DEPENDENCY');
    expect(broken.length).toBeGreaterThan(0);
    const where = broken.map((x) => x.locations[0]!.logicalLocations![0]!.fullyQualifiedName);
    expect(where).toContain(`127.0.0.1:${daemons[0]!.port}/h0-vm2`);
    expect(where.every((w) => /^127\.0\.0\.1:\d+\/h0-vm\d+$/.test(w))).toBe(true);
    expect(r.code).toBe(1);
    expect((await cli(['audit', '--fail-on', 'never', '--connect', uri(0)])).code).toBe(0);
  });

  it('reports a host that never answers as a row with the reason, and the rest of the fleet', async () => {
    const mute = `test+tcp://127.0.0.1:${silentPort}/nowhere.xml`;
    const r = await cli(['audit', '--json', '--timeout', '2', '--connect', uri(0), '--connect', mute]);
    const out = JSON.parse(r.stdout) as { configurations: Row[] };
    expect(out.configurations.filter((x) => x.host === uri(0) && !x.error)).toHaveLength(PER_HOST);
    expect(out.configurations.filter((x) => x.error)).toEqual([
      expect.objectContaining({
        input: `127.0.0.1:${silentPort}`,
        host: mute,
        error: expect.stringMatching(/no answer within 2 s/),
      }),
    ]);
    expect(r.code).toBe(2);
  });

  it('reports what it read of a host killed halfway, and the reason', async () => {
    const pause = join(dir, 'pause');
    mkdirSync(pause);
    writeFileSync(join(pause, 'go-0'), '');
    const audit = cli(['audit', '--json', '--jobs', '2', '--connect', uri(1), '--connect', uri(3)], {
      ENLIGHTEN_TEST_PAUSE_DIR: pause,
      ENLIGHTEN_FLEET_BATCH: '50',
    });
    // Host 3 has read its first batch of 50 and waits: kill its daemon, then let it go on.
    await until(() => existsSync(join(pause, 'paused-1')));
    process.kill(daemons[3]!.pid, 'SIGKILL');
    await daemons[3]!.exited;
    writeFileSync(join(pause, 'go-1'), '');
    const r = await audit;
    const out = JSON.parse(r.stdout) as { configurations: Row[] };
    expect(out.configurations.filter((x) => x.host === uri(1) && !x.error)).toHaveLength(PER_HOST);
    const lost = out.configurations.filter((x) => x.host === uri(3));
    expect(lost.filter((x) => !x.error)).toHaveLength(50);
    expect(lost.filter((x) => x.error)).toEqual([
      expect.objectContaining({
        input: `127.0.0.1:${daemons[3]!.port}`,
        error: expect.stringMatching(/^lost after 50 of 200 domains: /),
      }),
    ]);
    expect(r.code).toBe(2);
  });

  describe('fix through a real daemon', () => {
    // test+tcp://…/default is one state for the connections open at once (the test driver's shared
    // default connection): a keeper connection defines the domains, then holds the state open.
    let target = '';
    const xml = (i: number) =>
      domainXml(
        `win${i}`,
        uuidOf(9, i),
        i < 10 ? "<relaxed state='on'/><stimer state='on'/>" : "<relaxed state='on'/>",
        false,
      );
    const saved = async (name: string) => (await run('virsh', ['-c', target, 'dumpxml', '--inactive', name])).stdout;

    beforeAll(async () => {
      target = daemons[0]!.uri('/default');
      const commands: string[] = [];
      for (let i = 0; i < 12; i++) {
        writeFileSync(join(dir, `win${i}.xml`), xml(i));
        commands.push(`define ${join(dir, `win${i}.xml`)}`);
        if (i % 2) commands.push(`start win${i}`);
      }
      const keeper = spawn('virsh', ['-c', target, `${commands.join('; ')}; echo READY; event --all --loop`], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(keeper);
      let said = '';
      keeper.stdout!.on('data', (b: Buffer) => {
        said += b.toString();
      });
      keeper.stderr!.on('data', (b: Buffer) => {
        said += b.toString();
      });
      await until(() => said.includes('READY') || keeper.exitCode !== null);
      expect(said).toContain('READY');
      expect(said).not.toMatch(/error/);
    });

    it('prints the plan as a diff per domain, and writes nothing', async () => {
      const r = await cli(['fix', '--connect', target, '--domain', 'win*', '--dry-run']);
      expect(r.code).toBe(0);
      const label = `127.0.0.1:${daemons[0]!.port}`;
      expect(r.stdout.match(/^--- .*$/gm)).toEqual(Array.from({ length: 10 }, (_, i) => `--- ${label}/win${i}`));
      expect(r.stdout).toContain("+      <synic state='on'/>");
      expect(r.stderr).toContain('plan: 10 of 12 domains on 1 host to change');
      expect(r.stderr).toContain('5 of them running');
      expect(await saved('win0')).not.toContain('synic');
    });

    it('writes one domain at a time under a journal; killed after 3, --resume does the other 7 once', async () => {
      const cwd = join(dir, 'fix');
      mkdirSync(cwd);
      // The built CLI in a child process, killed (SIGKILL) by its test hook after 3 domains.
      const killed = await run(
        process.execPath,
        [join(ROOT, 'bin', 'enlighten.cjs'), 'fix', '--connect', target, '--domain', 'win*', '--journal', 'j'],
        { cwd, env: { ...process.env, LC_ALL: 'C', ENLIGHTEN_TEST_KILL_AFTER: '3' } },
      );
      expect(killed.signal).toBe('SIGKILL');
      const lines = () =>
        readFileSync(join(cwd, 'j'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, { domain: string }>);
      expect(lines().filter((l) => l['planned'])).toHaveLength(10);
      expect(
        lines()
          .filter((l) => l['done'])
          .map((l) => l['done']!.domain),
      ).toEqual(['win0', 'win1', 'win2']);
      // libvirt persisted the three: their saved XML has the fix, the fourth's not yet.
      for (const name of ['win0', 'win1', 'win2']) expect(await saved(name)).toContain('synic');
      expect(await saved('win3')).not.toContain('synic');

      const r = await cli(['fix', '--resume', 'j'], {}, cwd);
      expect(r.stderr).toContain("plan: 7 of 12 domains on 1 host to change (3 done by the journal's run)");
      expect(r.code).toBe(0);
      const done = lines()
        .filter((l) => l['done'])
        .map((l) => l['done']!.domain);
      expect(done.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `win${i}`).sort());
      for (let i = 0; i < 10; i++) expect(await saved(`win${i}`)).toContain('synic');
      // Running domains were never restarted: they run on, and the output names them.
      expect(r.stderr).toMatch(/running domains keep the old configuration until restarted/);
      const state = await run('virsh', ['-c', target, 'domstate', 'win3']);
      expect(state.stdout.trim()).toBe('running');

      // audit sees the difference between the running and the saved configuration.
      const audit = await cli(['audit', '--json', '--connect', target]);
      const rows = (JSON.parse(audit.stdout) as { configurations: Row[] }).configurations;
      expect(rows.filter((x) => x.restart).map((x) => x.domain)).toEqual(['win1', 'win3', 'win5', 'win7', 'win9']);
      expect(rows.find((x) => x.domain === 'win3')!.restart).toMatch(
        /^restart needed for .*synic \(running: unset, saved: on\)/,
      );
      // A second run finds nothing to do.
      const again = await cli(['fix', '--connect', target, '--domain', 'win*'], {}, cwd);
      expect(again.stderr).toContain('plan: 0 of 12 domains on 1 host to change');
    });
  });
});
