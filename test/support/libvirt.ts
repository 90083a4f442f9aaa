/*
 * Drive the REAL libvirt 9.0 (virsh, virt-xml-validate) and virt-xml (virtinst 4.1) from tests.
 * scripts/ensure-virt-stack.sh installs them from Debian 12 (qemu-system-x86, libvirt-clients, libvirt-daemon, virtinst).
 *
 * - validateDomainXml: `virt-xml-validate FILE domain` (RelaxNG schema only; ~0.02 s).
 * - defineAndDump: the test driver (`test:///default`, in-process, no daemon): `define F` then
 *   `dumpxml NAME` in ONE virsh session (the test driver's state lives only as long as the
 *   connection). ~0.02 s.
 * - domxmlToNative / domxmlToNativeMany: the QEMU driver, embedded (`qemu:///embed?root=DIR`), no
 *   daemon. Facts measured here:
 *   - a root dir can be used by ONE process at a time (a second one gets
 *     `Failed to acquire pid file '.../run/qemu/driver.pid': Resource temporarily unavailable`), so
 *     each test process gets its own root, and calls within a process are serialized;
 *   - `DIR/etc/qemu.conf` needs `user = "root"`, `group = "root"`, `stdio_handler = "file"`, and
 *     the user libvirt-qemu must still exist, else every call fails at once with
 *     `invalid argument: Failed to parse user 'libvirt-qemu'`;
 *   - the first call probes QEMU's capabilities (~4.3 s) into DIR/cache/qemu/capabilities/*.xml;
 *     a copy of that file in a fresh root is accepted, so the probe is shared through a cache dir
 *     under os.tmpdir() keyed by the QEMU binary's mtime and size (later test files: 0.07 s);
 *   - XML errors are found before the probe (a bad XML fails in ~0.03 s even in a fresh root);
 *   - one call = one virsh process = 0.03-0.07 s (100 calls: 5.7 s). BATCH MODE: virsh runs several
 *     commands separated by ';' in one connection and keeps going after a failed one, so
 *     domxmlToNativeMany() sends `echo MARK0; domxml-to-native qemu-argv 0.xml; echo MARK1; ...`
 *     with stderr merged into stdout (order is kept): 300 conversions in one virsh take ~0.35 s.
 *     (With `-q`, virsh drops the newline after echo and after the argv; without it each gets one.)
 *   - the argv is printed on ONE line (env vars first, then /usr/bin/qemu-system-x86_64 ...), shell
 *     quoted (`-cpu 'qemu64,...,hv-vendor-id=KVM Hv,...'`); libvirt's own test .args files instead
 *     use ` \` + newline between arguments: extractCpuArg() reads both.
 *   - libvirt 9.0 does not know `<emsr_bitmap>` (newer): `unsupported configuration: unsupported
 *     HyperV Enlightenment feature: emsr_bitmap`.
 * - virtXmlEdit: `virt-xml --connect test:///default --edit ARGS` with the XML on stdin; ~0.3-0.45 s
 *   a call (python start-up).
 *
 * Every function throws (never skips) with an install hint when its tool is missing.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTALL_HINT, makeTempDir, removeTempDir, requireTool, run } from './tools.js';

export type ToolResult<K extends string> = ({ ok: true } & Record<K, string>) | { ok: false; error: string };

/** virsh prints `error: ...` lines (and, for the embedded driver, timestamped log lines). */
function cleanVirshError(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+\d{4}: /.test(l))
    .map((l) => l.replace(/^error: /, ''))
    .join('\n');
}

function xmlName(xml: string): string | undefined {
  const m = /<name>\s*([^<]*?)\s*<\/name>/.exec(xml);
  if (!m?.[1]) return undefined;
  return m[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Quote one argument for virsh's own command-line parser (single quotes, shell style). */
function virshQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Run virsh with stderr merged into stdout, so messages stay in order with `echo` markers. */
function runVirshMerged(args: string[], timeoutMs: number): ReturnType<typeof run> {
  const virsh = requireTool('virsh');
  return run('sh', ['-c', 'exec "$@" 2>&1', 'sh', virsh, ...args], { timeoutMs });
}

function newMarker(): string {
  return `@@enlighten-${process.pid}-${Math.random().toString(36).slice(2)}@@`;
}

/** Split merged output on `MARKER<i>` lines: returns the text after each marker. */
function splitByMarkers(output: string, marker: string, count: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = output.indexOf(`${marker}${i}\n`);
    if (start < 0) {
      parts.push('');
      continue;
    }
    const from = start + `${marker}${i}\n`.length;
    const nextIdx = output.indexOf(`${marker}${i + 1}\n`, from);
    parts.push(output.slice(from, nextIdx < 0 ? undefined : nextIdx));
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------

let workDir: string | undefined;
let fileCounter = 0;
function writeTemp(xml: string, ext = 'xml'): string {
  workDir ??= makeTempDir('enlighten-libvirt-');
  const file = join(workDir, `d${fileCounter++}.${ext}`);
  writeFileSync(file, xml);
  return file;
}

/** Schema check: `virt-xml-validate FILE domain`. `output` is its stdout+stderr. */
export async function validateDomainXml(
  xml: string,
): Promise<{ ok: boolean; output: string; exitCode: number | null }> {
  const tool = requireTool('virt-xml-validate');
  requireTool('xmllint'); // virt-xml-validate runs xmllint
  const file = writeTemp(xml);
  const r = await run(tool, [file, 'domain'], { timeoutMs: 30_000 });
  return { ok: r.code === 0, output: (r.stdout + r.stderr).trim(), exitCode: r.code };
}

/** libvirt's parser (test driver): define the domain, dump it back. On failure `error` holds
 * virsh's messages without the `error: ` prefixes, the temp file's path shown as `<file>`, e.g.
 * `Failed to define domain from <file>\nXML error: HyperV spinlock retry count must be at least 4095`.
 * The test driver always has a running domain named `test`: a domain of that name fails with
 * `operation failed: domain 'test' already exists with uuid 6695eb01-f6a4-8304-79aa-97f2502e193f`. */
export async function defineAndDump(xml: string): Promise<ToolResult<'xml'>> {
  const file = writeTemp(xml);
  const name = xmlName(xml);
  const marker = newMarker();
  const cmds = [`echo ${marker}0`, `define ${virshQuote(file)}`, `echo ${marker}1`];
  if (name !== undefined) cmds.push(`dumpxml ${virshQuote(name)}`);
  const r = await runVirshMerged(['-c', 'test:///default', cmds.join('; ')], 30_000);
  if (r.timedOut) return { ok: false, error: 'virsh timed out' };
  const [defined = '', dumped = ''] = splitByMarkers(r.stdout, marker, 2);
  if (!/^Domain .* defined from /m.test(defined)) {
    const error = cleanVirshError(defined) || cleanVirshError(r.stdout) || `virsh exit ${String(r.code)}`;
    return { ok: false, error: error.split(file).join('<file>') };
  }
  if (name === undefined || !dumped.trimStart().startsWith('<domain')) {
    return { ok: false, error: cleanVirshError(dumped) || 'dumpxml gave nothing' };
  }
  return { ok: true, xml: dumped.replace(/\n+$/, '\n') };
}

// ---------------------------------------------------------------------------------------------
// The embedded QEMU driver.

const QEMU_CONF = 'user = "root"\ngroup = "root"\nstdio_handler = "file"\n';
const CAPS_SUBDIR = join('cache', 'qemu', 'capabilities');

function qemuUserExists(): boolean {
  const r = spawnSync('getent', ['passwd', 'libvirt-qemu'], { stdio: 'ignore' });
  if (!r.error) return r.status === 0;
  try {
    return /^libvirt-qemu:/m.test(readFileSync('/etc/passwd', 'utf8'));
  } catch {
    return false;
  }
}

/** The shared capability cache dir, keyed by the QEMU binary's mtime and size. */
export function sharedCapsCacheDir(): string {
  const qemu = requireTool('qemu-system-x86_64');
  const st = statSync(qemu);
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(tmpdir(), `enlighten-libvirt-caps-u${uid}-${Math.trunc(st.mtimeMs)}-${st.size}`);
}

function copyXmlFiles(from: string, to: string, onlyIfMissing: boolean): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) {
    if (!f.endsWith('.xml')) continue;
    const dest = join(to, f);
    if (onlyIfMissing && existsSync(dest) && statSync(dest).mtimeMs >= statSync(join(from, f)).mtimeMs) continue;
    const tmp = `${dest}.${process.pid}.tmp`;
    copyFileSync(join(from, f), tmp);
    renameSync(tmp, dest); // atomic for concurrent test processes
  }
}

/**
 * One embedded QEMU driver root for this process. Calls are queued (one virsh at a time: the
 * root is locked by the process using it).
 */
export class EmbeddedQemuDriver {
  readonly root: string;
  private queue: Promise<unknown> = Promise.resolve();
  private probedShared = false;
  private files = 0;

  constructor(root?: string) {
    requireTool('virsh');
    requireTool('qemu-system-x86_64');
    if (!qemuUserExists()) {
      throw new Error(
        "user libvirt-qemu missing: libvirt's QEMU driver fails with \"Failed to parse user 'libvirt-qemu'\" (" +
          INSTALL_HINT +
          '; it also creates the user)',
      );
    }
    this.root = root ?? makeTempDir('enlighten-qemu-embed-');
    mkdirSync(join(this.root, 'etc'), { recursive: true });
    writeFileSync(join(this.root, 'etc', 'qemu.conf'), QEMU_CONF);
    copyXmlFiles(sharedCapsCacheDir(), join(this.root, CAPS_SUBDIR), false);
  }

  get uri(): string {
    return `qemu:///embed?root=${this.root}`;
  }

  /** Convert many domain XMLs with ONE virsh process. Results are in input order. */
  toNativeMany(xmls: readonly string[]): Promise<Array<ToolResult<'argv'>>> {
    const job = this.queue.then(() => this.convert(xmls));
    this.queue = job.catch(() => undefined);
    return job;
  }

  async toNative(xml: string): Promise<ToolResult<'argv'>> {
    const [r] = await this.toNativeMany([xml]);
    return r ?? { ok: false, error: 'no result' };
  }

  private async convert(xmls: readonly string[]): Promise<Array<ToolResult<'argv'>>> {
    const results: Array<ToolResult<'argv'>> = [];
    const CHUNK = 400; // keeps the virsh command string well under ARG_MAX
    for (let start = 0; start < xmls.length; start += CHUNK) {
      const chunk = xmls.slice(start, start + CHUNK);
      const marker = newMarker();
      const dir = join(this.root, 'in');
      mkdirSync(dir, { recursive: true });
      const cmds: string[] = [];
      chunk.forEach((xml, i) => {
        const file = join(dir, `x${this.files++}.xml`);
        writeFileSync(file, xml);
        cmds.push(`echo ${marker}${i}`, `domxml-to-native qemu-argv ${virshQuote(file)}`);
      });
      cmds.push(`echo ${marker}${chunk.length}`);
      const r = await runVirshMerged(['-c', this.uri, cmds.join('; ')], 180_000);
      if (r.timedOut) throw new Error(`virsh domxml-to-native timed out (${this.uri})`);
      if (!r.stdout.includes(`${marker}0\n`)) {
        throw new Error(`virsh could not open ${this.uri}: ${cleanVirshError(r.stdout)}`);
      }
      for (const part of splitByMarkers(r.stdout, marker, chunk.length)) {
        const text = part.replace(/\n+$/, '');
        if (text.includes('qemu-system-') && !/^error: /m.test(text)) results.push({ ok: true, argv: text });
        else results.push({ ok: false, error: cleanVirshError(text) || 'no output' });
      }
    }
    if (!this.probedShared) {
      this.probedShared = true;
      try {
        copyXmlFiles(join(this.root, CAPS_SUBDIR), sharedCapsCacheDir(), true);
      } catch {
        // the shared cache is only an optimisation
      }
    }
    return results;
  }
}

let sharedDriver: EmbeddedQemuDriver | undefined;

/** The process-wide embedded driver (created on first use). */
export function embeddedQemuDriver(): EmbeddedQemuDriver {
  sharedDriver ??= new EmbeddedQemuDriver();
  return sharedDriver;
}

/** Remove this process's libvirt temp dirs (embedded root, XML files); later calls make new
 * ones. For afterAll: vitest ends its workers without running 'exit' handlers. */
export function closeLibvirtHarness(): void {
  if (sharedDriver) removeTempDir(sharedDriver.root);
  sharedDriver = undefined;
  if (workDir) removeTempDir(workDir);
  workDir = undefined;
}

/** libvirt's XML -> QEMU argv (`virsh -c qemu:///embed?root=DIR domxml-to-native qemu-argv F`). */
export function domxmlToNative(xml: string): Promise<ToolResult<'argv'>> {
  return embeddedQemuDriver().toNative(xml);
}

/** Many conversions in one virsh process (see BATCH MODE above). */
export function domxmlToNativeMany(xmls: readonly string[]): Promise<Array<ToolResult<'argv'>>> {
  return embeddedQemuDriver().toNativeMany(xmls);
}

/** Split a shell command line (single/double quotes, backslash escapes) into words. Every
 * backslash-newline pair is removed first, even inside quotes: libvirt's test .args files wrap
 * long quoted arguments mid-word that way (`...hv_runtime,\` newline `hv_synic,...`). */
export function splitShellWords(input: string): string[] {
  const text = input.replace(/\\\r?\n/g, '');
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      cur += text.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string)) {
          cur += text[i + 1];
          i += 2;
        } else {
          cur += text[i];
          i++;
        }
      }
      i++;
      inWord = true;
      continue;
    }
    if (c === '\\') {
      if (i + 1 < text.length) cur += text[i + 1];
      i += 2;
      inWord = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    cur += c;
    inWord = true;
    i++;
  }
  if (inWord) words.push(cur);
  return words;
}

/** The value of the (last) `-cpu` argument of a QEMU command line, unquoted; undefined if none. */
export function extractCpuArg(argv: string): string | undefined {
  const words = splitShellWords(argv);
  let value: string | undefined;
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-cpu' && i + 1 < words.length) value = words[i + 1];
  }
  return value;
}

// ---------------------------------------------------------------------------------------------

/** `virt-xml --connect test:///default --edit ARGS` with `xml` on stdin; the edited XML, or
 * virt-xml's error (its `ERROR    ` prefix removed). */
export async function virtXmlEdit(xml: string, args: readonly string[]): Promise<ToolResult<'xml'>> {
  const tool = requireTool('virt-xml');
  const r = await run(tool, ['--connect', 'test:///default', '--edit', ...args], { input: xml, timeoutMs: 60_000 });
  if (r.code === 0) return { ok: true, xml: r.stdout };
  const error = r.stderr
    .split('\n')
    .map((l) => l.replace(/^ERROR\s+/, '').trimEnd())
    .filter(Boolean)
    .join('\n');
  return { ok: false, error: error || `virt-xml exit ${String(r.code)}` };
}
