// The pieces of fleets that need no daemon: splitting virsh's batched output at its markers, the
// hosts file, labels, globs, the bounded pool, the journal and the progress line. The same code
// against real libvirt daemons: test/cli/fleet.real.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { globMatcher, hostOf, mapBounded, parseHostsFile, readHosts } from '../../src/cli/fleet/hosts.js';
import { Journal, defaultJournalName, keyOf, readJournal } from '../../src/cli/fleet/journal.js';
import { Progress, stderrColor } from '../../src/cli/fleet/progress.js';
import { forcedClient } from '../../src/cli/fleet/options.js';
import { chooseClient, defineRpc } from '../../src/cli/fleet/rpc-host.js';
import { runCli } from '../../src/cli/main.js';
import { parseLists, splitAtMarkers, virshMessage, xmlOverLimit } from '../../src/cli/fleet/virsh-batch.js';
import { STRING_MAX } from '../../src/host/libvirt-rpc/protocol.js';
import { makeTempDir } from '../support/tools.js';

function io(over: Partial<Io> = {}): Io & { err: string } {
  const out = {
    err: '',
    stdout: () => undefined,
    stderr: (t: string) => {
      out.err += t;
    },
    readStdin: async () => Buffer.from(''),
    isTty: false,
    cwd: process.cwd(),
    env: {},
    ...over,
  };
  return out;
}

describe('virsh batch output', () => {
  it('splits at marker lines, each section the text up to the next marker', () => {
    const out = '@@enlighten n1 0 live\n<domain>\n</domain>\n\n@@enlighten n1 0 saved\n\n@@enlighten n1 end\n\n';
    const parts = splitAtMarkers(out, 'n1');
    expect([...parts.keys()]).toEqual(['0 live', '0 saved', 'end']);
    expect(parts.get('0 live')).toBe('<domain>\n</domain>\n\n');
    expect(parts.get('0 saved')).toBe('\n');
  });

  it('ignores a marker of another nonce and a marker that is not at a line start', () => {
    const out = '@@enlighten n1 0 saved\n  @@enlighten n1 1 saved\n@@enlighten n2 2 saved\n';
    expect([...splitAtMarkers(out, 'n1').keys()]).toEqual(['0 saved']);
  });

  it('reads the two listings: every domain with its name, and which are active, sorted by name', () => {
    const out =
      '11111111-1111-1111-1111-111111111112 web 2\n11111111-1111-1111-1111-111111111111 db\n\n@@enlighten n active\n11111111-1111-1111-1111-111111111112\n\n';
    expect(parseLists(out, 'n')).toEqual([
      { uuid: '11111111-1111-1111-1111-111111111111', name: 'db', active: false },
      { uuid: '11111111-1111-1111-1111-111111111112', name: 'web 2', active: true },
    ]);
    expect(parseLists('no marker\n', 'n')).toBeUndefined();
  });
});

describe('the hosts of a fleet', () => {
  it('reads a hosts file: one URI a line, comments and blank lines skipped', () => {
    expect(parseHostsFile('# fleet\nqemu+ssh://kvm1/system\n\n  qemu+tcp://kvm2/system # rack 2\n')).toEqual([
      'qemu+ssh://kvm1/system',
      'qemu+tcp://kvm2/system',
    ]);
  });

  it('labels a host by host[:port], or by its URI when two share one', () => {
    expect(hostOf('qemu+ssh://root@kvm1.example:2222/system')).toBe('kvm1.example:2222');
    expect(hostOf('qemu:///system')).toBe('localhost');
    const dir = makeTempDir('enlighten-fleet-');
    writeFileSync(join(dir, 'hosts'), 'qemu+ssh://kvm2/system\nqemu+ssh://kvm1/session\n');
    const hosts = readHosts(['qemu+ssh://kvm1/system', 'qemu+ssh://kvm1/system'], 'hosts', io({ cwd: dir }));
    expect(hosts).toEqual([
      { uri: 'qemu+ssh://kvm1/system', label: 'qemu+ssh://kvm1/system' },
      { uri: 'qemu+ssh://kvm2/system', label: 'kvm2' },
      { uri: 'qemu+ssh://kvm1/session', label: 'qemu+ssh://kvm1/session' },
    ]);
  });

  it('matches domain names with shell globs, whole names only', () => {
    const win = globMatcher('win*');
    expect(['win10', 'win', 'xwin10', 'linux'].filter(win)).toEqual(['win10', 'win']);
    expect(['vm1', 'vm12', 'vm.1'].filter(globMatcher('vm?'))).toEqual(['vm1']);
    expect(['a1', 'b1', 'c1'].filter(globMatcher('[ab]1'))).toEqual(['a1', 'b1']);
    expect(['a1', 'b1', 'c1'].filter(globMatcher('[!ab]1'))).toEqual(['c1']);
    expect(['a.b', 'axb'].filter(globMatcher('a.b'))).toEqual(['a.b']);
  });

  it('runs at most N at a time and keeps the order of the items', async () => {
    let running = 0;
    let most = 0;
    const out = await mapBounded([5, 1, 4, 2, 3], 2, async (x) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setImmediate(r));
      running -= 1;
      return x * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});

describe('the fix journal', () => {
  it('reads back its options, what was planned and what is done; a line cut by a kill is ignored', () => {
    const dir = makeTempDir('enlighten-fleet-');
    const path = join(dir, 'j');
    const j = Journal.open(path, false);
    j.append({ journal: 'enlighten-fix', version: 1, started: 'now', flags: { connect: ['u'], preset: 'p' } });
    j.append({ planned: { host: 'u', uuid: 'A', domain: 'a', before: '1', after: '2', running: false } });
    j.append({ done: { host: 'u', uuid: 'A', domain: 'a', how: 'defined' } });
    j.close();
    writeFileSync(path, '{"done":{"host":"u","uu', { flag: 'a' });
    const state = readJournal('j', io({ cwd: dir }));
    expect(state.flags).toEqual({ connect: ['u'], preset: 'p' });
    expect([...state.done]).toEqual([keyOf('u', 'a')]);
    expect(state.planned.get(keyOf('u', 'A'))).toBe('2');
    expect(() => Journal.open(path, false)).toThrow(/it exists/);
  });

  it('refuses a file that is not a journal', () => {
    const dir = makeTempDir('enlighten-fleet-');
    writeFileSync(join(dir, 'x'), '{"planned":{}}\n');
    expect(() => readJournal('x', io({ cwd: dir }))).toThrow(/no journal header/);
    writeFileSync(join(dir, 'y'), 'garbage\n{}\n');
    expect(() => readJournal('y', io({ cwd: dir }))).toThrow(/y:1: not a journal line/);
    writeFileSync(join(dir, 'z'), '{"journal":"enlighten-fix","version":1,"flags":{}}\n{"planned":{}}\n');
    expect(() => readJournal('z', io({ cwd: dir }))).toThrow(/z:2: not a journal line/);
  });

  it('is named after the time, in the current folder', () => {
    expect(defaultJournalName(new Date('2026-01-02T03:04:05Z'))).toBe('enlighten-fix-20260102-030405.journal');
  });
});

describe('the progress line', () => {
  it('is drawn on a stderr terminal only, and not with --quiet', () => {
    const tty = io({ stderrIsTty: true });
    const p = new Progress(tty, {}, 2);
    p.hostListed(10);
    p.read(10);
    p.hostDone('h1: 10 domains');
    p.clear();
    expect(tty.err).toMatch(/hosts 1\/2, 10 domains read/);
    expect(tty.err.endsWith('\r\x1b[2K')).toBe(true);
    for (const [over, flags] of [[{}, {}] as const, [{ stderrIsTty: true }, { quiet: true }] as const]) {
      const quiet = io(over);
      const q = new Progress(quiet, flags, 1);
      q.read(5);
      q.hostDone('h1');
      expect(quiet.err).toBe('');
    }
  });

  it('prints a line per host with -v, and colour as --color and NO_COLOR say', () => {
    const pipe = io();
    const p = new Progress(pipe, { verbose: true }, 1);
    p.hostDone('kvm1: 3 domains in 0.1 s');
    expect(pipe.err).toBe('kvm1: 3 domains in 0.1 s\n');
    expect(stderrColor({}, io({ stderrIsTty: true }))).toBe(true);
    expect(stderrColor({}, io({ stderrIsTty: true, env: { NO_COLOR: '1' } }))).toBe(false);
    expect(stderrColor({ color: 'always' }, io())).toBe(true);
    expect(stderrColor({ color: 'never' }, io({ stderrIsTty: true }))).toBe(false);
    expect(() => stderrColor({ color: 'sometimes' }, io())).toThrow(/auto, always or never/);
  });
});

describe('the --max-bytes limit of one domain XML', () => {
  it('counts UTF-8 bytes, as libvirt sends them, not string units (both readers use it)', () => {
    // 1000 units, 1956 bytes: over a 1500-byte limit though 1000 units would fit in it.
    const xml = `<domain><description>${'é'.repeat(956)}</description></domain>`;
    expect(xml.length).toBe(1000);
    expect(Buffer.byteLength(xml, 'utf8')).toBe(1956);
    expect(xmlOverLimit(xml, 1500)).toBe(true);
    expect(xmlOverLimit(xml, 1956)).toBe(false);
    expect(xmlOverLimit(xml, 1955)).toBe(true);
    // A character outside the BMP: 2 string units, 4 bytes.
    expect(xmlOverLimit('𝄞'.repeat(10), 39)).toBe(true);
    expect(xmlOverLimit('𝄞'.repeat(10), 40)).toBe(false);
    expect(xmlOverLimit('x'.repeat(100), 100)).toBe(false);
    expect(xmlOverLimit('x'.repeat(101), 100)).toBe(true);
  });
});

describe("virsh's messages", () => {
  it('become one line, without error: prefixes, repeats or the polkit note', () => {
    const stderr =
      "Authorization not available. Check if polkit service is running or see debug message for more information.\nerror: failed to connect to the hypervisor\nerror: unable to connect to server at '127.0.0.1:1': Connection refused\nerror: failed to connect to the hypervisor\n";
    expect(virshMessage(stderr)).toBe(
      "failed to connect to the hypervisor; unable to connect to server at '127.0.0.1:1': Connection refused",
    );
    expect(virshMessage('')).toBe('virsh failed without a message');
  });
});

describe('the fleet client of a host', () => {
  it('is RPC for tcp URIs unless ENLIGHTEN_FLEET_CLIENT=virsh, and virsh for what RPC cannot reach', () => {
    expect(chooseClient('qemu+tcp://kvm1/system', undefined, true)).toMatchObject({
      client: 'rpc',
      name: 'qemu:///system',
    });
    expect(chooseClient('qemu+tcp://kvm1/system', 'virsh', true)).toEqual({
      client: 'virsh',
      why: 'ENLIGHTEN_FLEET_CLIENT=virsh',
    });
    expect(chooseClient('qemu+ssh://root@kvm1/system', undefined, true)).toEqual({
      client: 'virsh',
      why: 'the ssh transport',
    });
  });

  it('refuses an ENLIGHTEN_FLEET_CLIENT it does not know before reading any host, naming virsh and rpc', async () => {
    for (const command of [['audit'], ['fix', '--dry-run']]) {
      let stdout = '';
      const out = io({ env: { ENLIGHTEN_FLEET_CLIENT: 'rcp' }, stdout: (t: string) => void (stdout += t) });
      // Port 1 refuses connections: had the host been read, its row would say so on stdout.
      const code = await runCli([...command, '--connect', 'test+tcp://127.0.0.1:1/x.xml'], out);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(out.err).toContain('ENLIGHTEN_FLEET_CLIENT=rcp names no fleet client');
      expect(out.err).toContain('did you mean rpc?');
      expect(out.err).toContain('set it to virsh or rpc');
    }
    expect(forcedClient({})).toBeUndefined();
    expect(forcedClient({ ENLIGHTEN_FLEET_CLIENT: '' })).toBeUndefined();
    expect(forcedClient({ ENLIGHTEN_FLEET_CLIENT: 'virsh' })).toBe('virsh');
    expect(forcedClient({ ENLIGHTEN_FLEET_CLIENT: 'rpc' })).toBe('rpc');
  });

  it("refuses a define over libvirt's string limit before connecting (port 1 would refuse the connection)", async () => {
    const plan = { target: { kind: 'tcp' as const, host: '127.0.0.1', port: 1 }, name: 'test:///x' };
    const r = await defineRpc(plan, 'x'.repeat(STRING_MAX + 1), undefined, () => 'stopped');
    expect(r).toEqual({
      ok: false,
      error: `the XML is ${STRING_MAX + 1} bytes, over libvirt's 4194304-byte limit (REMOTE_STRING_MAX)`,
    });
  });
});
