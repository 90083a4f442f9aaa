// A fleet of 10 real libvirt daemons x 300 domains (bench/libvirt-daemons.mjs: libvirtd in its own
// mount namespace, loopback TCP, the test driver), audited with `enlighten audit --connect ...`,
// next to the loop a user would otherwise write:
//   for d in $(virsh -c URI list --all --name); do virsh -c URI dumpxml "$d"; done
// The loop starts a virsh (one connection) per domain: it is timed on 30 domains of one host
// and its rate given for the fleet (3,000 domains would take minutes).
// Target: the fleet audited in under 3 s wall, at least 1,000 domains/s.
// The audit runs through each fleet client in turn (ENLIGHTEN_FLEET_CLIENT: libvirt's RPC protocol,
// the default, and virsh), with the CPU each costs: enlighten with its children (GNU time, when
// installed) and the daemons (their /proc/PID/stat, before and after).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, timeRun } from './lib.mjs';
import { daemonsUnavailable, nodeXml, startDaemon } from './libvirt-daemons.mjs';

const HOSTS = 10;
const PER_HOST = 300;
const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;

export async function fleet() {
  const title = `fleet: ${HOSTS} libvirt daemons x ${PER_HOST} domains (test driver, loopback TCP)`;
  const why = daemonsUnavailable();
  if (why) return { title, rows: [['skipped', why]], summary: `skipped: ${why}` };
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-bench-fleet-'));
  const daemons = [];
  try {
    const uris = [];
    for (let h = 0; h < HOSTS; h++) {
      const home = join(dir, `host${h}`);
      mkdirSync(home);
      writeFileSync(join(home, 'node.xml'), nodeXml(h, PER_HOST));
      const d = await startDaemon(home);
      daemons.push(d);
      uris.push(d.uri(join(home, 'node.xml')));
    }
    const args = [CLI, 'audit', '--json', ...uris.flatMap((u) => ['--connect', u])];
    const clients = ['rpc', 'virsh'];
    const times = { rpc: [], virsh: [] };
    const cpu = { rpc: [], virsh: [] };
    const daemonCpu = { rpc: [], virsh: [] };
    let total = 0;
    for (let round = 0; round < 4; round++) {
      for (const client of clients) {
        const before = daemonTicks(daemons);
        const r = timedCpu(process.execPath, args, {
          maxBuffer: 256 * 1024 * 1024,
          env: { ...process.env, ENLIGHTEN_FLEET_CLIENT: client },
        });
        if (r.status !== 1) throw new Error(`enlighten audit (${client}): exit ${r.status}\n${r.stderr}`);
        total = JSON.parse(r.stdout).summary.total;
        if (total !== HOSTS * PER_HOST) throw new Error(`enlighten audit (${client}) read ${total} domains`);
        if (!round) continue; // the first round warms the caches
        times[client].push(r.ms);
        if (r.cpuMs !== undefined) cpu[client].push(r.cpuMs);
        daemonCpu[client].push((daemonTicks(daemons) - before) * 10);
      }
    }
    const wall = median(times.rpc);
    const rate = (total * 1000) / wall;
    const clientRow = (client, label) => [
      `enlighten audit, ${HOSTS} hosts (--jobs 4), ${label}`,
      `${(median(times[client]) / 1000).toFixed(2)} s`,
      `${Math.round((total * 1000) / median(times[client]))} domains/s`,
      `CPU: enlighten ${cpu[client].length ? `${(median(cpu[client]) / 1000).toFixed(2)} s` : '?'}, daemons ${(median(daemonCpu[client]) / 1000).toFixed(2)} s; median of ${times[client].length}`,
    ];

    const loop = `for d in $(virsh -c '${uris[0]}' list --all --name | head -n 30); do virsh -c '${uris[0]}' dumpxml "$d"; done`;
    const loopRun = timeRun('sh', ['-c', loop], { maxBuffer: 64 * 1024 * 1024 });
    if (loopRun.status !== 0) throw new Error(`virsh loop: exit ${loopRun.status}\n${loopRun.stderr}`);
    const loopRate = (30 * 1000) / loopRun.ms;

    const one = timeRun(process.execPath, [CLI, 'audit', '--json', '--connect', uris[0]], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const cores = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
    return {
      title,
      rows: [
        clientRow('rpc', "libvirt's RPC protocol"),
        clientRow('virsh', 'virsh (ENLIGHTEN_FLEET_CLIENT=virsh)'),
        [
          'enlighten audit, 1 host',
          `${(one.ms / 1000).toFixed(2)} s`,
          `${Math.round((PER_HOST * 1000) / one.ms)} domains/s`,
        ],
        [
          'virsh loop (a virsh per domain), 30 domains',
          `${(loopRun.ms / 1000).toFixed(2)} s`,
          `${loopRate.toFixed(1)} domains/s`,
          `about ${Math.round((HOSTS * PER_HOST) / loopRate)} s for the fleet`,
        ],
      ],
      summary: `${HOSTS * PER_HOST} domains in ${(wall / 1000).toFixed(2)} s, ${Math.round(rate)} domains/s (${(median(times.virsh) / wall).toFixed(1)}x faster than through virsh), ${Math.round(rate / loopRate)}x the virsh loop, on ${cores} cores (target under 3 s and at least 1,000 domains/s)`,
      ok: wall < 3000 && rate >= 1000,
    };
  } finally {
    for (const d of daemons) await d.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU ticks (1/100 s) the daemons have used so far: utime + stime of /proc/PID/stat. */
function daemonTicks(daemons) {
  let ticks = 0;
  for (const d of daemons) {
    if (!existsSync(`/proc/${d.pid}/stat`)) continue;
    const stat = readFileSync(`/proc/${d.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

/** timeRun, with the CPU of the run and its children (user + system) when GNU time is installed. */
function timedCpu(cmd, args, opts) {
  if (!existsSync('/usr/bin/time')) return timeRun(cmd, args, opts);
  const r = timeRun('/usr/bin/time', ['-f', '@@cpu %U %S', cmd, ...args], opts);
  const m = /@@cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return {
    ...r,
    stderr: m ? r.stderr.slice(0, m.index) : r.stderr,
    cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined,
  };
}
