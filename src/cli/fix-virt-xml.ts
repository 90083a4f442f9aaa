import type { EnlightenmentSet } from '../model/index.js';
import type { ParsedConfig } from '../formats/types.js';
import { printVirtXmlFix } from '../formats/virt-xml/index.js';
import type { Io } from './io.js';
import { printable } from '../util/printable.js';

export interface VirtXmlFixOptions {
  /** legacy or modern sub-options; anything else: modern. */
  style?: string;
  /** The domain name (a live domain's, with --connect); default: the domain XML's <name>, else $VM. */
  domain?: string;
  connect?: string;
  json?: boolean;
}

/**
 * `enlighten fix --print-virt-xml`: prints (unless --json) the virt-xml commands that make the fix
 * on the domain, instead of writing or defining it, and what virt-xml cannot do on stderr.
 * Returns the commands, for the JSON report.
 */
export function writeVirtXmlFix(
  io: Io,
  parsed: ParsedConfig,
  fixed: EnlightenmentSet,
  opts: VirtXmlFixOptions,
): string[] {
  const style = opts.style === 'legacy' || opts.style === 'modern' ? opts.style : undefined;
  const out = printVirtXmlFix(parsed, fixed, {
    ...(style ? { style } : {}),
    ...(opts.domain ? { domain: opts.domain } : {}),
    ...(opts.connect ? { connect: opts.connect } : {}),
  });
  if (!opts.json) {
    io.stdout(out.commands.length ? `${out.commands.join('\n')}\n` : '# no change: virt-xml has nothing to do\n');
    for (const d of out.diagnostics) io.stderr(`${d.severity}[${d.code}]: ${printable(d.message)}\n`);
  }
  return out.commands;
}
