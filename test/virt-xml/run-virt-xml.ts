// Runs printed virt-xml command lines with the real virt-xml 4.1 on a domain XML, offline:
// `virt-xml --connect test:///default --edit ... < in.xml` prints the edited XML.
import { execFile } from 'node:child_process';
import { splitShell } from '../../src/syntax/shell/split.js';

const INSTALL = 'virt-xml not found: install the Debian package virtinst (scripts/ensure-virt-stack.sh)';

function virtXml(args: string[], xml: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'virt-xml',
      ['--connect', 'test:///default', ...args],
      { env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error(INSTALL));
        else if (err) reject(new Error(`virt-xml ${args.join(' ')} failed: ${stderr}`));
        else if (/ERROR/.test(stderr)) reject(new Error(`virt-xml ${args.join(' ')}: ${stderr}`));
        else resolve(stdout);
      },
    );
    child.stdin?.end(xml);
  });
}

/**
 * The arguments of a printed command without the program, `sudo`, the domain and --connect: what
 * stdin mode needs. The words are split as a POSIX shell splits them.
 */
export function editArgs(line: string): string[] {
  const words = splitShell(line).words.map((w) => w.value);
  const start = words.indexOf('virt-xml');
  if (start < 0) throw new Error(`not a virt-xml command: ${line}`);
  const rest = words.slice(start + 1);
  const out: string[] = [];
  let domainSeen = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--connect') i++;
    else if (!domainSeen && !rest[i]!.startsWith('-')) domainSeen = true;
    else out.push(rest[i]!);
  }
  return out;
}

/** Applies the command lines one after the other to the domain XML; returns the final XML. */
export async function runCommands(lines: readonly string[], xml: string): Promise<string> {
  let out = xml;
  for (const line of lines) out = await virtXml(editArgs(line), out);
  return out;
}
