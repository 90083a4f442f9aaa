// Fleets against real libvirt daemons (bench/libvirt-daemons.mjs): Debian's libvirtd, one per
// host, each in its own mount namespace with tmpfs state, on a loopback TCP port, serving the
// test driver. Checked: the audit's totals (against virsh's own listing), a host that never
// answers, a host killed halfway, fix through a daemon with its diff, and a journal resumed after
// the fix was killed with SIGKILL. Every daemon is stopped by its pid in afterAll, and at exit.
// Hosts are read over libvirt's RPC protocol (the default for tcp and unix URIs); the same fleet
// read with ENLIGHTEN_FLEET_CLIENT=virsh must give the same bytes, and a server that is no libvirt
// daemon (garbage, a huge length, a wrong program) must become a row, never a crash.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import { createConnection, createServer } from 'node:net';
import { LibvirtClient } from '../../src/host/libvirt-rpc/remote.js';
import { RemoteCallError } from '../../src/host/libvirt-rpc/client.js';
import { planUri } from '../../src/host/libvirt-rpc/remote.js';
import { defineRpc } from '../../src/cli/fleet/rpc-host.js';
import { defineXml } from '../../src/cli/fleet/virsh-batch.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROKEN_EVERY,
  daemonsUnavailable,
  domainXml,
  freePort,
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

/**
 * A TCP relay in front of a daemon's port that counts the connections made through it: how many
 * connections a command opens, seen from outside enlighten and with the real daemon behind it.
 */
async function countingRelay(
  port: number,
): Promise<{ port: number; count: () => number; open: () => number; close: () => Promise<void> }> {
  let count = 0;
  let open = 0;
  const sockets: Socket[] = [];
  const server = createServer((client) => {
    count += 1;
    open += 1;
    client.on('close', () => void (open -= 1));
    const daemon = createConnection({ host: '127.0.0.1', port });
    sockets.push(client, daemon);
    client.pipe(daemon).pipe(client);
    client.on('error', () => daemon.destroy());
    daemon.on('error', () => client.destroy());
    client.on('close', () => daemon.destroy());
    daemon.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    count: () => count,
    open: () => open,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
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
    // Hosts 3 and 4 are killed halfway (through RPC, through virsh); host 5 asks for SASL on its
    // read-only unix socket.
    for (let h = 0; h < 6; h++) {
      const home = join(dir, `host${h}`);
      mkdirSync(home);
      nodes.push(join(home, 'node.xml'));
      writeFileSync(nodes[h]!, nodeXml(h, PER_HOST));
      daemons.push(await startDaemon(home, h === 5 ? ['auth_unix_ro = "sasl"'] : []));
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

  for (const [client, h] of [
    ['rpc', 3],
    ['virsh', 4],
  ] as const)
    it(`reports what it read of a host killed halfway, and the reason (${client})`, async () => {
      const pause = join(dir, `pause-${client}`);
      mkdirSync(pause);
      writeFileSync(join(pause, 'go-0'), '');
      const audit = cli(['audit', '--json', '--jobs', '2', '--connect', uri(1), '--connect', uri(h)], {
        ENLIGHTEN_TEST_PAUSE_DIR: pause,
        ENLIGHTEN_FLEET_BATCH: '50',
        ENLIGHTEN_FLEET_CLIENT: client,
      });
      // Host h has read its first batch of 50 and waits: kill its daemon, then let it go on.
      await until(() => existsSync(join(pause, 'paused-1')));
      process.kill(daemons[h]!.pid, 'SIGKILL');
      await daemons[h]!.exited;
      writeFileSync(join(pause, 'go-1'), '');
      const r = await audit;
      const out = JSON.parse(r.stdout) as { configurations: Row[] };
      expect(out.configurations.filter((x) => x.host === uri(1) && !x.error)).toHaveLength(PER_HOST);
      const lost = out.configurations.filter((x) => x.host === uri(h));
      expect(lost.filter((x) => !x.error)).toHaveLength(50);
      expect(lost.filter((x) => x.error)).toEqual([
        expect.objectContaining({
          input: `127.0.0.1:${daemons[h]!.port}`,
          error: expect.stringMatching(/^lost after 50 of 200 domains: /),
        }),
      ]);
      expect(r.code).toBe(2);
    });

  it('gives the same bytes through RPC and through virsh: domains, a bad path, a closed port', async () => {
    const closed = await freePort();
    const argv = [
      'audit',
      '--json',
      '--connect',
      uri(0),
      '--connect',
      uri(2),
      '--connect',
      daemons[1]!.uri('/no/such/node.xml'),
      '--connect',
      `test+tcp://127.0.0.1:${closed}/x.xml`,
    ];
    const rpc = await cli(argv, { ENLIGHTEN_FLEET_CLIENT: 'rpc' });
    const virsh = await cli(argv, { ENLIGHTEN_FLEET_CLIENT: 'virsh' });
    expect(rpc.stdout).toBe(virsh.stdout);
    expect(rpc.stderr).toBe(virsh.stderr);
    expect(rpc.code).toBe(virsh.code);
    const rows = (JSON.parse(rpc.stdout) as { configurations: Row[] }).configurations.filter((x) => x.error);
    expect(rows.map((x) => x.error)).toEqual([
      "cannot read the host: failed to connect to the hypervisor; XML error: failed to parse xml document '/no/such/node.xml'",
      `cannot read the host: failed to connect to the hypervisor; unable to connect to server at '127.0.0.1:${closed}': Connection refused`,
    ]);
  });

  it('measures --max-bytes in UTF-8 bytes through RPC and through virsh alike', async () => {
    // One domain whose description is 1500 two-byte characters: about 2100 string units, 3600 bytes.
    const node = join(dir, 'multibyte.xml');
    const domain = domainXml('accents', uuidOf(7, 0), '', false).replace(
      '</name>',
      `</name>\n  <description>${'é'.repeat(1500)}</description>`,
    );
    writeFileSync(node, `<node>\n${domain}\n</node>\n`);
    const argv = ['audit', '--json', '--max-bytes', '3000', '--connect', daemons[1]!.uri(node)];
    const rpc = await cli(argv, { ENLIGHTEN_FLEET_CLIENT: 'rpc' });
    const virsh = await cli(argv, { ENLIGHTEN_FLEET_CLIENT: 'virsh' });
    expect(rpc.stdout).toContain('over the 3000-byte limit');
    expect(virsh.stdout).toBe(rpc.stdout);
    expect(virsh.code).toBe(rpc.code);
    // Raised over its byte length, both read it.
    const raised = await cli([...argv.slice(0, 2), '--max-bytes', '8000', ...argv.slice(4)], {
      ENLIGHTEN_FLEET_CLIENT: 'virsh',
    });
    expect(raised.stdout).not.toContain('-byte limit');
    expect(JSON.parse(raised.stdout).summary.total).toBe(1);
  });

  it('reads a unix socket, and leaves one that asks for SASL to virsh (-v says so)', async () => {
    const sock = (h: number) => `test+unix://${nodes[h]}?socket=${join(dir, `host${h}`, 'sock', 'libvirt-sock-ro')}`;
    const r = await cli(['audit', '--json', '-v', '--connect', sock(0)], { ENLIGHTEN_FLEET_CLIENT: 'rpc' });
    expect(JSON.parse(r.stdout).summary.total).toBe(PER_HOST);
    expect(r.stderr).not.toContain('virsh');
    const sasl = await cli(['audit', '--json', '-v', '--connect', sock(5)], { ENLIGHTEN_FLEET_CLIENT: 'rpc' });
    expect(sasl.stderr).toContain('localhost: read with virsh: the daemon asks for authentication (sasl)');
    const rows = (JSON.parse(sasl.stdout) as { configurations: Row[] }).configurations;
    expect(rows).toEqual([expect.objectContaining({ error: expect.stringMatching(/^cannot read the host: .*SASL/) })]);
  });

  it("turns libvirt's error reply into the call's error, and the connection goes on", async () => {
    const plan = planUri(uri(0), true);
    if (!plan.ok) throw new Error(plan.why);
    const client = await LibvirtClient.open(plan, true, undefined, () => 'stopped');
    try {
      const [first] = await client.listAll();
      const ghost = { ...first!, remote: { ...first!.remote, name: 'ghost', uuid: Buffer.alloc(16, 0xee) } };
      const e = await client.xml(ghost, 2, 1 << 20).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(RemoteCallError);
      expect((e as Error).message).toMatch(/^Domain not found: /);
      expect(await client.xml(first!, 2, 1 << 20)).toContain(`<name>${first!.name}</name>`);
      expect(await client.xml(first!, 2, 100)).toEqual({ over: expect.any(Number) });
    } finally {
      await client.close();
    }
  });

  describe('a server that is no libvirt daemon', () => {
    // Each answers the first call with `reply`, then holds the connection open.
    const servers: Server[] = [];
    const sockets: Socket[] = [];
    const serve = async (reply: Buffer) => {
      const s = createServer((c) => {
        sockets.push(c);
        c.once('data', () => c.write(reply));
      });
      servers.push(s);
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      return `test+tcp://127.0.0.1:${(s.address() as { port: number }).port}/node.xml`;
    };
    afterAll(async () => {
      for (const c of sockets) c.destroy();
      for (const s of servers) await new Promise((r) => s.close(r));
    });
    // A reply's header: to AUTH_LIST (procedure 66), the first call, unless `serial` says otherwise.
    const header = (prog: number, length: number, serial = 1) => {
      const b = Buffer.alloc(28);
      b.writeUInt32BE(length, 0);
      b.writeUInt32BE(prog, 4);
      b.writeUInt32BE(1, 8);
      b.writeUInt32BE(66, 12);
      b.writeUInt32BE(1, 16);
      b.writeUInt32BE(serial, 20);
      return b;
    };

    it('refuses a garbage, an oversized, a foreign, a truncated or an unasked-for message with a row, at once', async () => {
      const garbage = await serve(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
      const huge = await serve(Buffer.from([0xff, 0xff, 0xff, 0xff]));
      const foreign = await serve(header(0x12345678, 28));
      const truncated = await serve(header(0x20008086, 28));
      const unasked = await serve(header(0x20008086, 28, 9));
      const started = Date.now();
      const hosts = [garbage, huge, foreign, truncated, unasked].flatMap((u) => ['--connect', u]);
      const r = await cli(['audit', '--json', ...hosts], { ENLIGHTEN_FLEET_CLIENT: 'rpc' });
      expect(Date.now() - started).toBeLessThan(5000);
      const rows = (JSON.parse(r.stdout) as { configurations: Row[] }).configurations;
      expect(rows.map((x) => x.error)).toEqual([
        expect.stringMatching(/sent a message of 1213486160 bytes, where libvirt's are 28 to 16777220 bytes/),
        expect.stringMatching(/sent a message of 4294967295 bytes, where libvirt's are 28 to 16777220 bytes/),
        expect.stringMatching(/sent program 0x12345678 version 1, not libvirt's remote program/),
        expect.stringMatching(/libvirt protocol error: an unsigned integer: 4 bytes needed, 0 left in the message$/),
        expect.stringMatching(/answered call 9 \(procedure 66\), which was not made$/),
      ]);
      expect(r.code).toBe(2);
    });

    it('bounds a reply that says it is long and never ends by --timeout', async () => {
      // A length within libvirt's maximum, then nothing: the client waits for the rest, no longer than the host's time.
      const slow = await serve(header(0x20008086, 1 << 20));
      const r = await cli(['audit', '--json', '--timeout', '1', '--connect', slow], { ENLIGHTEN_FLEET_CLIENT: 'rpc' });
      const rows = (JSON.parse(r.stdout) as { configurations: Row[] }).configurations;
      expect(rows.map((x) => x.error)).toEqual(['cannot read the host: no answer within 1 s (--timeout)']);
    });
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

    it('is refused by libvirt through RPC with the words virsh define gets', async () => {
      // win0's name with another UUID: libvirt refuses it, and writes nothing.
      const clash = domainXml('win0', uuidOf(9, 99), '', false);
      const plan = planUri(target, false);
      if (!plan.ok) throw new Error(plan.why);
      const rpc = await defineRpc(plan, clash, undefined, () => 'stopped');
      const virsh = await defineXml(target, clash, undefined, () => 'stopped');
      expect(rpc).toEqual(virsh);
      expect(rpc).toEqual({ ok: false, error: expect.stringMatching(/win0.*already exists/) });
      expect(await saved('win0')).toContain(uuidOf(9, 0));
    });

    for (const client of ['rpc', 'virsh'])
      it(`prints the plan as a diff per domain, and writes nothing (${client})`, async () => {
        const r = await cli(['fix', '--connect', target, '--domain', 'win*', '--dry-run'], {
          ENLIGHTEN_FLEET_CLIENT: client,
        });
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

    it("defines all of a host's domains over one RPC connection, and closes it", async () => {
      const names = Array.from({ length: 6 }, (_, i) => `many${i}`);
      const files = names.map((name, i) => {
        const file = join(dir, `${name}.xml`);
        writeFileSync(file, domainXml(name, uuidOf(8, i), "<relaxed state='on'/><stimer state='on'/>", false));
        return file;
      });
      const defined = await run('virsh', ['-c', target, files.map((f) => `define ${f}`).join('; ')]);
      expect(defined.code).toBe(0);
      const relay = await countingRelay(daemons[0]!.port);
      try {
        const cwd = join(dir, 'fix-one-connection');
        mkdirSync(cwd);
        const through = target.replace(`:${daemons[0]!.port}/`, `:${relay.port}/`);
        const r = await cli(['fix', '--connect', through, '--domain', 'many*', '--journal', 'j'], {}, cwd);
        expect(r.stderr).toContain('defined 6 domains');
        expect(r.code).toBe(0);
        for (const name of names) expect(await saved(name)).toContain('synic');
        // One connection reads the host, one defines its six domains.
        expect(relay.count()).toBe(2);
        // Both closed by enlighten when it was done.
        await until(() => relay.open() === 0);
      } finally {
        await relay.close();
      }
    });
  });
});
