// Real libvirt daemons for the fleet tests and the fleet bench: Debian's libvirtd, each in its
// own mount namespace (unshare --mount --propagation private) with tmpfs on libvirt's state
// folders, listening on a loopback TCP port without authentication, serving libvirt's test
// driver. `test+tcp://127.0.0.1:PORT/ABS/node.xml` makes the daemon load the domains of that
// file (one fresh copy per connection: libvirt src/test/test_driver.c, testConnectOpen and
// testOpenFromFile, at v9.0.0); `test+tcp://127.0.0.1:PORT/default` is one state shared by the
// connections open at the same time.
//
// The daemon loads no driver module (LIBVIRT_DRIVER_DIR is an empty folder: libvirt
// src/driver.c, virDriverLoadModule, skips a module it does not find), so it starts in about
// 0.2 s, probes no QEMU and writes nothing outside its tmpfs and its temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

/** Why real daemons cannot run here, or undefined when they can. */
export function daemonsUnavailable() {
  if (process.platform !== 'linux') return 'libvirtd test daemons need Linux';
  if (process.getuid?.() !== 0) return 'libvirtd test daemons need root (unshare --mount and tmpfs mounts)';
  for (const tool of ['libvirtd', 'unshare', 'virsh']) {
    const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    if (r.status !== 0)
      return `${tool} not found: install libvirt-daemon and libvirt-clients (scripts/ensure-virt-stack.sh)`;
  }
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true'], { encoding: 'utf8' });
  if (r.status !== 0) return `unshare --mount does not work here: ${r.stderr.trim()}`;
  return undefined;
}

/** A free loopback TCP port (the kernel's choice). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function accepts(port) {
  return new Promise((resolve) => {
    const c = connect({ port, host: '127.0.0.1' });
    c.on('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.on('error', () => resolve(false));
  });
}

/** Libvirt's state folders: each gets a tmpfs in the daemon's namespace, when it exists. */
const STATE_DIRS = ['/run/libvirt', '/var/lib/libvirt', '/var/cache/libvirt', '/etc/libvirt'];

/**
 * Starts one daemon in `dir` (a private temporary folder). Returns its pid, port, `uri(path)`
 * and `stop()`. The pid is libvirtd's own (unshare and sh exec it), so `kill -9 pid` kills it.
 * `extra` is more lines of libvirtd.conf (a test's `auth_unix_ro = "sasl"`).
 */
export async function startDaemon(dir, extra = []) {
  mkdirSync(join(dir, 'sock'), { recursive: true });
  mkdirSync(join(dir, 'no-drivers'), { recursive: true });
  const port = await freePort();
  const conf = join(dir, 'libvirtd.conf');
  writeFileSync(
    conf,
    [
      'listen_tls = 0',
      'listen_tcp = 1',
      'auth_tcp = "none"',
      'listen_addr = "127.0.0.1"',
      `tcp_port = "${port}"`,
      `unix_sock_dir = "${join(dir, 'sock')}"`,
      `log_outputs = "1:file:${join(dir, 'libvirtd.log')}"`,
      'max_clients = 200',
      'max_workers = 8',
      ...extra,
      '',
    ].join('\n'),
  );
  const mounts = STATE_DIRS.filter((d) => existsSync(d))
    .map((d) => `mount -t tmpfs tmpfs ${d}`)
    .join(' && ');
  const child = spawn(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      `${mounts} && exec libvirtd --listen -f '${conf}' -p '${join(dir, 'libvirtd.pid')}'`,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LIBVIRT_DRIVER_DIR: join(dir, 'no-drivers'), LC_ALL: 'C' },
    },
  );
  let stderr = '';
  child.stderr.on('data', (b) => {
    stderr += b;
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      const log = existsSync(join(dir, 'libvirtd.log')) ? readFileSync(join(dir, 'libvirtd.log'), 'utf8') : '';
      throw new Error(`libvirtd did not start on port ${port}: ${stderr}${log.split('\n').slice(-5).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    pid: child.pid,
    port,
    uri: (path) => `test+tcp://127.0.0.1:${port}${path}`,
    exited,
    /** Stops the daemon by its pid (SIGTERM, then SIGKILL after 5 s); resolves when it is gone. */
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** A UUID made from two numbers, the same on every run. */
export function uuidOf(host, i) {
  const h = (host + 1).toString(16).padStart(8, '0');
  const n = (i + 1).toString(16).padStart(12, '0');
  return `${h}-0000-4000-8000-${n}`;
}

/**
 * The Hyper-V sets of the generated domains, in turn: good ones, a broken one (stimer without
 * synic and vpindex, which QEMU refuses: MISSING_DEPENDENCY), and one with nothing set.
 */
const SETS = [
  "<relaxed state='on'/><vapic state='on'/><spinlocks state='on' retries='8191'/><vpindex state='on'/><runtime state='on'/><synic state='on'/><stimer state='on'/><frequencies state='on'/>",
  "<relaxed state='on'/><vapic state='on'/><spinlocks state='on' retries='8191'/>",
  "<relaxed state='on'/><stimer state='on'/>",
  "<relaxed state='on'/><vapic state='on'/><vpindex state='on'/><synic state='on'/><stimer state='on'/><tlbflush state='on'/><ipi state='on'/>",
  '',
];

/** Which generated domains are broken (the third set): i % SETS.length === 2. */
export const BROKEN_EVERY = { period: SETS.length, at: 2 };

/** One domain of the test driver; `off` makes it shut off (test:runstate 5). */
export function domainXml(name, uuid, set, off) {
  const hyperv = set ? `<hyperv mode='custom'>${set}</hyperv>` : '';
  return [
    `<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>`,
    `  <name>${name}</name>`,
    `  <uuid>${uuid}</uuid>`,
    '  <memory>4194304</memory>',
    '  <vcpu>4</vcpu>',
    "  <os><type arch='x86_64'>hvm</type></os>",
    `  <features><acpi/>${hyperv}</features>`,
    "  <clock offset='localtime'><timer name='hypervclock' present='yes'/></clock>",
    ...(off ? ['  <test:runstate>5</test:runstate>'] : []),
    '</domain>',
  ].join('\n');
}

/** A node file of `count` domains for host number `host`: every set in turn, every third domain shut off. */
export function nodeXml(host, count) {
  const domains = [];
  for (let i = 0; i < count; i++)
    domains.push(domainXml(`h${host}-vm${i}`, uuidOf(host, i), SETS[i % SETS.length], i % 3 === 1));
  return [
    '<node>',
    '<cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads><active>4</active><mhz>2000</mhz><model>x86_64</model></cpu>',
    '<memory>67108864</memory>',
    ...domains,
    '</node>',
    '',
  ].join('\n');
}
