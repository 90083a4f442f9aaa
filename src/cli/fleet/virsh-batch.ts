/**
 * Reading a whole libvirt host with a few `virsh` processes instead of one per domain.
 *
 * virsh runs several commands, separated by `;`, over one connection (virsh's command parser,
 * libvirt tools/vsh.c, vshCommandParse, read at libvirt v9.0.0; docs/manpages/virsh.rst, "virsh
 * [OPTION]... COMMAND_STRING"), goes on with the next command when one fails (vshCommandRun), and
 * has an `echo` command. So a host is read as:
 *
 *   1. `list --all --uuid --name; echo MARK; list --uuid`: every domain, then the active ones;
 *   2. batches of `echo MARK i live; dumpxml UUID; echo MARK i saved; dumpxml --inactive UUID; ...`
 *      (the live XML only for active domains: an inactive domain's live XML is its saved one),
 *      ending with `uri`, which needs the connection: a batch whose `uri` printed nothing lost
 *      its host halfway (virsh tries to reconnect before each command and goes on when it cannot).
 *
 * The marker lines carry a random nonce, so no domain XML can contain one; what is between two
 * markers is one command's output, and an empty section is a command that failed (its message
 * went to stderr). Domains are named by UUID on the command line: a UUID needs no quoting.
 * Measured on libvirt 9.0 (test driver, 300 domains): one such batch reads 300 domains in about
 * 0.5 s, a `virsh dumpxml` per domain about 0.2 s each.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChildProcess, loadCrypto } from '../../host/lazy-node.js';

export interface VirshRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The run was stopped: the host's time ran out, or the run was cancelled. */
  stopped?: string;
}

/** A run's output is capped: more than this from one virsh process stops it. */
const MAX_OUTPUT = 256 * 1024 * 1024;

/** Runs `virsh -c URI COMMANDS`; `signal` stops it (SIGKILL), with `reason()` as the why. */
export function virsh(
  uri: string,
  commands: string,
  signal: AbortSignal | undefined,
  reason: () => string,
  readonly = false,
  maxOutput = MAX_OUTPUT,
): Promise<VirshRun> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ code: -1, stdout: '', stderr: '', stopped: reason() });
      return;
    }
    // Not -q: without it virsh ends every command's output with a newline of its own (vshCommandRun),
    // which puts each marker on a line of its own; with it, `echo` prints no newline at all.
    const child = loadChildProcess().spawn('virsh', [...(readonly ? ['--readonly'] : []), '-c', uri, commands], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let stopped: string | undefined;
    const stop = (why: string) => {
      stopped ??= why;
      child.kill('SIGKILL');
    };
    const onAbort = () => stop(reason());
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (size > maxOutput) stop(`virsh printed more than ${maxOutput} bytes`);
      else out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 1000) err.push(b);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      resolve({
        code: 127,
        stdout: '',
        stderr: e.code === 'ENOENT' ? 'virsh not found: install libvirt-clients' : e.message,
      });
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ...(stopped ? { stopped } : {}),
      });
    });
  });
}

/**
 * virsh's error lines, one line: `error: ` prefixes dropped, blank lines gone, and virsh's polkit
 * note (printed on a terminal when a connection fails, whatever the reason) left out.
 */
export function virshMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^error: /, '').trim())
    .filter((l) => l && !/^Authorization not available\. /.test(l));
  return [...new Set(lines)].slice(0, 3).join('; ') || 'virsh failed without a message';
}

/** One domain of a host, as listed. */
export interface ListedDomain {
  uuid: string;
  name: string;
  /** Active (running or paused): it has a live XML besides the saved one. */
  active: boolean;
}

/** One domain's XML as read: the saved (inactive) XML, and the live one for an active domain. */
export interface DomainXml extends ListedDomain {
  saved?: string;
  live?: string;
  /** Why it could not be read (it went away since the list, the connection dropped...). */
  error?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A marker's text: virsh's `echo` prints its arguments joined by spaces. */
function marker(nonce: string, ...parts: (string | number)[]): string {
  return ['@@enlighten', nonce, ...parts].join(' ');
}

/**
 * Splits output at marker lines: the text after each marker, keyed by the marker's parts. Cost
 * linear in the output: one pass over its lines.
 */
export function splitAtMarkers(stdout: string, nonce: string): Map<string, string> {
  const head = `@@enlighten ${nonce} `;
  const out = new Map<string, string>();
  let key: string | undefined;
  let start = 0;
  let pos = 0;
  const close = (end: number) => {
    if (key !== undefined) out.set(key, stdout.slice(start, end));
  };
  while (pos <= stdout.length) {
    const nl = stdout.indexOf('\n', pos);
    const end = nl < 0 ? stdout.length : nl;
    if (stdout.startsWith(head, pos)) {
      close(pos);
      key = stdout.slice(pos + head.length, end);
      start = end + 1;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  close(stdout.length);
  return out;
}

/** Parses `list --all --uuid --name` then `list --uuid` (split by a marker). */
export function parseLists(stdout: string, nonce: string): ListedDomain[] | undefined {
  const parts = splitAtMarkers(`${marker(nonce, 'all')}\n${stdout}`, nonce);
  const all = parts.get('all');
  const active = parts.get('active');
  if (all === undefined || active === undefined) return undefined;
  const running = new Set(
    active
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  const out: ListedDomain[] = [];
  for (const line of all.split('\n')) {
    const m = /^\s*(\S+)\s+(.*)$/.exec(line);
    if (!m || !UUID.test(m[1]!)) continue;
    out.push({ uuid: m[1]!, name: m[2]!.trim(), active: running.has(m[1]!) });
  }
  // virsh lists the active domains first; rows come by name, the same on every run.
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface HostReadOptions {
  /** Stops every virsh of this host (its --timeout, or the run's end). */
  signal?: AbortSignal;
  reason: () => string;
  /** Domains per virsh process. */
  batch: number;
  /** Ask for the saved XML with --security-info (fix defines it back; audit has no need of secrets). */
  securityInfo?: boolean;
  /** Called after each batch: domains read so far. */
  progress?: (read: number, total: number) => void | Promise<void>;
  /** Only these domains (by name) are read. */
  keep?: (name: string) => boolean;
  /** The largest XML of one domain (--max-bytes); a bigger one becomes that domain's error. */
  limit: number;
}

/**
 * Whether one domain's XML is over --max-bytes: its length in UTF-8 bytes, as libvirt sends it
 * (the RPC reader compares the XDR string's byte length, protocol.ts readXmlDesc), never in
 * JavaScript string units, so both readers take or refuse the same domain.
 */
export function xmlOverLimit(xml: string, limit: number): boolean {
  // One string unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4): a short string needs no count.
  if (xml.length * 3 <= limit) return false;
  return Buffer.byteLength(xml, 'utf8') > limit;
}

/** A domain's error when its XML is over --max-bytes (both readers). */
export function overLimitError(limit: number): string {
  return `the XML is over the ${limit}-byte limit; pass --max-bytes to raise it`;
}

export type HostRead =
  | { ok: true; domains: DomainXml[]; dropped?: string }
  | { ok: false; error: string; domains: DomainXml[] };

/** Lists a host's domains (one virsh). */
export async function listHost(uri: string, opts: HostReadOptions): Promise<ListedDomain[] | string> {
  const nonce = loadCrypto().randomBytes(8).toString('hex');
  const r = await virsh(
    uri,
    `list --all --uuid --name; echo ${marker(nonce, 'active')}; list --uuid`,
    opts.signal,
    opts.reason,
    !opts.securityInfo,
  );
  if (r.stopped) return r.stopped;
  const listed = r.code === 0 ? parseLists(r.stdout, nonce) : undefined;
  return listed ?? virshMessage(r.stderr);
}

/** The virsh commands of one batch; a domain's commands are marked by its index in the batch. */
function batchCommands(domains: readonly ListedDomain[], nonce: string, securityInfo: boolean): string {
  const saved = securityInfo ? 'dumpxml --inactive --security-info' : 'dumpxml --inactive';
  return domains
    .map((d, i) =>
      [
        ...(d.active ? [`echo ${marker(nonce, i, 'live')}`, `dumpxml ${d.uuid}`] : []),
        `echo ${marker(nonce, i, 'saved')}`,
        `${saved} ${d.uuid}`,
      ].join('; '),
    )
    .concat(`echo ${marker(nonce, 'alive')}`, 'uri', `echo ${marker(nonce, 'end')}`)
    .join('; ');
}

/**
 * Reads a host: its list, then its domains' XML in batches. A host that cannot be listed is
 * `ok: false`; a host lost halfway gives what was read and `dropped` with the reason.
 */
export async function readHost(uri: string, opts: HostReadOptions): Promise<HostRead> {
  const listed = await listHost(uri, opts);
  if (typeof listed === 'string') return { ok: false, error: listed, domains: [] };
  const wanted = opts.keep ? listed.filter((d) => opts.keep!(d.name)) : listed;
  const domains: DomainXml[] = [];
  for (let from = 0; from < wanted.length; from += opts.batch) {
    const part = wanted.slice(from, from + opts.batch);
    const nonce = loadCrypto().randomBytes(8).toString('hex');
    // Read-only unless the secrets are wanted (--security-info needs a read-write connection).
    const r = await virsh(
      uri,
      batchCommands(part, nonce, opts.securityInfo === true),
      opts.signal,
      opts.reason,
      !opts.securityInfo,
    );
    const split = splitAtMarkers(r.stdout, nonce);
    // Each command's output, without the newline virsh adds after every command.
    const sections = new Map([...split].map(([k, v]) => [k, v.endsWith('\n') ? v.slice(0, -1) : v]));
    // `uri` needs the connection: when it printed nothing, the host went away during the batch.
    const ended = sections.has('end') && Boolean(sections.get('alive')?.trim());
    const why = r.stopped ?? virshMessage(r.stderr);
    let lost = false;
    part.forEach((d, i) => {
      const saved = sections.get(`${i} saved`);
      const live = d.active ? sections.get(`${i} live`) : undefined;
      if (!ended && !saved) {
        lost = true;
        return;
      }
      const out: DomainXml = { ...d };
      if (saved) out.saved = saved;
      if (live) out.live = live;
      if (!saved || (d.active && !live)) out.error = `virsh dumpxml gave nothing: ${why}`;
      else if (xmlOverLimit(saved, opts.limit) || (live !== undefined && xmlOverLimit(live, opts.limit)))
        out.error = overLimitError(opts.limit);
      domains.push(out);
    });
    if (!ended || lost) {
      const done = domains.length;
      return { ok: true, domains, dropped: `lost after ${done} of ${wanted.length} domains: ${why}` };
    }
    await opts.progress?.(domains.length, wanted.length);
  }
  return { ok: true, domains };
}

/** `virsh define FILE` for one domain; the message libvirt gave, or an error. */
export async function defineXml(
  uri: string,
  xml: string,
  signal: AbortSignal | undefined,
  reason: () => string,
): Promise<{ ok: true; message: string } | { ok: false; error: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-define-'));
  try {
    const file = join(dir, 'domain.xml');
    writeFileSync(file, xml, { mode: 0o600 });
    // The file name goes through virsh's parser: quote it (a temporary folder has no quote in it).
    const r = await virsh(uri, `define '${file}'`, signal, reason);
    if (r.stopped) return { ok: false, error: r.stopped };
    if (r.code !== 0)
      return {
        ok: false,
        error: virshMessage(
          r.stderr
            .split('\n')
            .filter((l) => !/Failed to define domain from /.test(l))
            .join('\n'),
        ),
      };
    return { ok: true, message: r.stdout.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
