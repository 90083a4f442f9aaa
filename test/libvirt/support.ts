// Helpers for the libvirt tests: fixture paths, and batch drivers for the real libvirt 9.0 that run
// many documents in ONE process (xmllint with libvirt's domain schema is exactly what
// virt-xml-validate runs; one virsh test:///default session defines, dumps and undefines each).
import { accessSync, constants, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, requireTool, run } from '../support/tools.js';

export const ORACLES = join(import.meta.dirname, '..', 'fixtures', 'libvirt-oracles');
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'libvirt');
export const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

export const readOracle = (name: string): string => readFileSync(join(ORACLES, name), 'utf8');
export const readFixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** Every domain XML of libvirt's oracle folder (inputs and xml2xml outputs, legacy ones too). */
export function oracleXmlFiles(): string[] {
  const top = readdirSync(ORACLES).filter((f) => f.endsWith('.xml'));
  const legacy = readdirSync(join(ORACLES, 'legacy-qemuxml2argvdata'))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => join('legacy-qemuxml2argvdata', f));
  return [...top, ...legacy];
}

/** Every domain fixture of ours (not the capabilities file). */
export function fixtureDomainFiles(): string[] {
  return readdirSync(FIXTURES).filter((f) => f.endsWith('.xml') && !f.startsWith('domcaps'));
}

/** The virt-xml-validate schema (virt-xml-validate FILE domain runs `xmllint --relaxng` with it). */
const DOMAIN_SCHEMA = '/usr/share/libvirt/schemas/domain.rng';

let dir: string | undefined;
let counter = 0;
function tempFile(text: string): string {
  dir ??= makeTempDir('enlighten-libvirt-test-');
  const file = join(dir, `t${counter++}.xml`);
  writeFileSync(file, text);
  return file;
}

/** Schema-validates many documents with one xmllint: true for each that validates. */
export async function validateMany(xmls: readonly string[]): Promise<{ ok: boolean; output: string }[]> {
  requireTool('virt-xml-validate');
  const xmllint = requireTool('xmllint');
  const files = xmls.map(tempFile);
  const r = await run(xmllint, ['--noout', '--relaxng', DOMAIN_SCHEMA, ...files], { timeoutMs: 120_000 });
  const text = r.stdout + r.stderr;
  return files.map((f) => {
    const ok = text.includes(`${f} validates`);
    const output = text
      .split('\n')
      .filter((l) => l.includes(f))
      .join('\n');
    return { ok, output };
  });
}

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function nameOf(xml: string): string {
  return /<name>\s*([^<]*?)\s*<\/name>/.exec(xml)?.[1] ?? '';
}

/**
 * libvirt's parser on many documents in one `virsh -c test:///default` session: define, dumpxml,
 * undefine each. The dumped XML, or virsh's error.
 */
export async function defineDumpMany(
  xmls: readonly string[],
): Promise<({ ok: true; xml: string } | { ok: false; error: string })[]> {
  const virsh = requireTool('virsh');
  const marker = `@@enlighten-${process.pid}-${Date.now()}@@`;
  const cmds: string[] = [];
  xmls.forEach((xml, i) => {
    const name = quote(nameOf(xml));
    cmds.push(
      `echo ${marker}D${i}`,
      `define ${quote(tempFile(xml))}`,
      `echo ${marker}X${i}`,
      `dumpxml ${name}`,
      `echo ${marker}U${i}`,
      `undefine ${name}`,
    );
  });
  cmds.push(`echo ${marker}END`);
  const r = await run('sh', ['-c', 'exec "$@" 2>&1', 'sh', virsh, '-c', 'test:///default', cmds.join('; ')], {
    timeoutMs: 120_000,
  });
  const out = r.stdout;
  const between = (a: string, b: string) => {
    const s = out.indexOf(`${a}\n`);
    const e = out.indexOf(`${b}\n`, s + 1);
    return s < 0 ? '' : out.slice(s + a.length + 1, e < 0 ? undefined : e);
  };
  return xmls.map((_, i) => {
    const defined = between(`${marker}D${i}`, `${marker}X${i}`);
    if (!/defined from/.test(defined)) return { ok: false, error: defined.trim() || out.slice(0, 500) };
    const dumped = between(`${marker}X${i}`, `${marker}U${i}`);
    return dumped.trimStart().startsWith('<domain') ? { ok: true, xml: dumped } : { ok: false, error: dumped.trim() };
  });
}

/** True when this machine can run KVM guests (host-passthrough needs `<domain type='kvm'>`). */
export function hasKvm(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
