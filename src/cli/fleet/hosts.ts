/**
 * The hosts of a fleet: `--connect URI` (repeatable) and `--hosts FILE` (one URI a line, `#`
 * comments), each named by a short label for the rows (`kvm1.example/win11`).
 */
import { InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import type { Io } from '../io.js';
import { UsageError } from '../io.js';
import { readInputFile } from '../input.js';

/** Most hosts one run takes: every host is a virsh process at a time, and a row at the end. */
export const MAX_HOSTS = 10_000;

export interface Host {
  uri: string;
  /** `host[:port]` of the URI when that names it alone in this fleet, else the whole URI. */
  label: string;
}

/** commander's collector for a repeatable option: each use adds its value. */
export function collect(value: string, previous: unknown): string[] {
  return [...(Array.isArray(previous) ? (previous as string[]) : []), value];
}

/** A positive whole number option (--jobs, --timeout). */
export function positiveInt(max: number): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > max)
      throw new InvalidArgumentError(`give a whole number from 1 to ${max}.`);
    return Number(value);
  };
}

/** The URIs of a hosts file: one a line, blank lines and `#` comments skipped. */
export function parseHostsFile(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}

/** `host[:port]` of a libvirt URI (`qemu+ssh://root@kvm1/system` → `kvm1`); `localhost` when it names none. */
export function hostOf(uri: string): string {
  const m = /^[a-z][\w+.-]*:\/\/(?:[^@/]*@)?([^/?#]*)/i.exec(uri);
  return m?.[1] || 'localhost';
}

/** The fleet: every --connect, then every line of --hosts; duplicates once. */
export function readHosts(connect: string[] | string | undefined, hostsFile: string | undefined, io: Io): Host[] {
  const uris = [...(Array.isArray(connect) ? connect : connect ? [connect] : [])];
  if (hostsFile !== undefined) {
    const text = readInputFile(resolve(io.cwd, hostsFile), `the hosts file ${hostsFile}`, 16 * 1024 * 1024).text;
    const listed = parseHostsFile(text);
    if (!listed.length)
      throw new UsageError(`the hosts file ${hostsFile} names no host`, 'write one libvirt URI a line');
    uris.push(...listed);
  }
  const unique = [...new Set(uris)];
  if (unique.length > MAX_HOSTS)
    throw new UsageError(`${unique.length} hosts: at most ${MAX_HOSTS} in one run`, 'split the hosts file');
  const count = new Map<string, number>();
  for (const u of unique) count.set(hostOf(u), (count.get(hostOf(u)) ?? 0) + 1);
  return unique.map((uri) => ({ uri, label: count.get(hostOf(uri)) === 1 ? hostOf(uri) : uri }));
}

/** A shell-style glob (`*`, `?`, `[abc]`) as a test on whole names. */
export function globMatcher(glob: string): (name: string) => boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const rx = new RegExp(`^${re}$`, 's');
  return (name) => rx.test(name);
}

/** Runs `work` on every item, at most `jobs` at a time; results in the items' order. */
export async function mapBounded<T, R>(items: readonly T[], jobs: number, work: (item: T, i: number) => Promise<R>) {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return out;
}
