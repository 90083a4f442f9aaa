import type { Diagnostic, ParseResult, Span } from '../../diagnostics/index.js';
import { makeDiagnostic, readResult } from '../../diagnostics/index.js';
import type { Origins } from '../../model/index.js';
import { emptySet } from '../../model/index.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import { openedAt } from '../../syntax/shell/split.js';
import type { ConfigContext, CpuRequest, GuestOsFact, ParsedConfig } from '../types.js';
import type { Argv, Program } from './argv.js';
import { readArgv } from './argv.js';
import type { VirtXmlEdit } from './edits.js';
import { applyVirtXmlEdits } from './edits.js';
import { findCalls } from './programs.js';
import { readPanic, readXml } from './read-device.js';
import { isXmlOption, readXmlOption } from './read-option.js';
import { checkCommand } from './check-command.js';
import { installDefaults } from './install-defaults.js';
import { splitOptionString } from './optstr.js';
import { readCpuOption } from './read-cpu.js';
import { readOsinfo } from './read-osinfo.js';
import { splitCommands } from './split-commands.js';
import type { VirtXmlStyle } from './suboptions.js';
import type { VirtXmlAction } from './virtinst-options.js';

/** One virt-xml or virt-install call and what it changes. */
export interface VirtXmlCommand {
  program: Program;
  span: Span;
  /** The domain as written (`$VMNAME`, `win11`), if any. */
  domain?: string;
  connect?: string;
  action?: VirtXmlAction;
  /** The change options given (`--features`, `--clock`, ...). */
  options: string[];
  edits: VirtXmlEdit[];
  /** --osinfo / --os-variant. */
  guestOs?: GuestOsFact;
  /** The `<cpu>` after the command: --cpu, or virt-install's default; null when it clears it. */
  cpu?: CpuRequest | null;
  /** virt-install only: --virt-type, else kvm. */
  domainType?: string;
  /** virt-install gives the guest its Windows clock. */
  windowsClock?: boolean;
}

export interface VirtXmlParsed extends ParsedConfig {
  format: 'virt-xml';
  commands: VirtXmlCommand[];
  /** Every edit, in the order the commands make them. */
  edits: VirtXmlEdit[];
  /** modern when any dotted named sub-option is used, legacy when only underscore ones are. */
  style: VirtXmlStyle;
}

function readCall(
  argv: Argv,
  span: Span,
  program: ShellWord,
  styles: Set<string>,
  diagnostics: Diagnostic[],
): VirtXmlCommand {
  const sink = { edits: [] as VirtXmlEdit[], diagnostics: argv.diagnostics, editing: argv.program === 'virt-xml' };
  const action = argv.program === 'virt-install' ? undefined : argv.actions[0]?.name;
  let cpu: CpuRequest | null | undefined;
  let cpuAppDefault = false;
  const clockNames: string[] = [];
  for (const change of argv.changes) {
    if (!change.value) continue;
    if (isXmlOption(change.name)) readXmlOption(change.name, change.value, sink, styles);
    else if (change.name === '--panic')
      readPanic(action ?? (argv.program === 'virt-install' ? 'install' : undefined), change.value, sink);
    else if (change.name === '--xml') readXml(change.value, sink);
    else if (change.name === '--cpu')
      ({ cpu, appDefault: cpuAppDefault } = readCpuOption(change.value, sink.diagnostics));
    if (change.name === '--clock') clockNames.push(...splitOptionString(change.value).subs.map((s) => s.name));
  }
  const guestOs = argv.osinfo ? readOsinfo(argv.osinfo, diagnostics) : undefined;
  const command: VirtXmlCommand = {
    program: argv.program,
    span,
    ...(argv.domain ? { domain: argv.domain.value } : {}),
    ...(argv.connect !== undefined ? { connect: argv.connect } : {}),
    ...(action ? { action } : {}),
    options: [...new Set(argv.changes.map((c) => c.name))],
    edits: sink.edits,
    ...(guestOs ? { guestOs } : {}),
    ...(cpu !== undefined && !cpuAppDefault ? { cpu } : {}),
  };
  if (argv.program !== 'virt-install') return command;
  const domainType = argv.virtType?.value ?? 'kvm';
  const defaults = installDefaults(
    {
      ...(guestOs ? { guestOs } : {}),
      ...(cpu !== undefined ? { cpu } : {}),
      cpuAppDefault,
      domainType,
      clockNames,
      span: (argv.osinfo ?? program).span,
    },
    sink.edits,
  );
  diagnostics.push(...defaults.diagnostics);
  command.edits = [...defaults.edits, ...sink.edits];
  command.domainType = domainType;
  if (defaults.cpu) command.cpu = defaults.cpu;
  if (defaults.windowsClock) command.windowsClock = true;
  return command;
}

/** The facts of the commands, later ones winning: guest OS, CPU, domain type, clock, KVM signature. */
function contextOf(commands: readonly VirtXmlCommand[]): ConfigContext {
  const ctx: ConfigContext = {};
  for (const c of commands) {
    if (c.guestOs) ctx.guestOs = c.guestOs;
    if (c.cpu === null) delete ctx.cpu;
    else if (c.cpu) ctx.cpu = c.cpu;
    if (c.domainType) ctx.domainType = c.domainType;
    if (c.windowsClock) ctx.windowsClock = true;
  }
  if (ctx.cpu?.migratable) ctx.migratable = ctx.cpu.migratable === 'on';
  return ctx;
}

/**
 * Parses virt-xml (and virt-install) command lines: one or several, `\`-continued or separated by
 * `;`, `&&` or line breaks, with `sudo`, a domain name or `$VMNAME`, `--connect URI`. The set is
 * what the commands turn on and off, starting from nothing (deletions leave a feature unset);
 * `applyVirtXmlEdits(current, parsed.edits)` gives a domain's set after them. Never throws.
 */
export function parseVirtXml(text: string): ParseResult<VirtXmlParsed> {
  return readResult(readVirtXml(text));
}

function readVirtXml(text: string): VirtXmlParsed {
  const diagnostics: Diagnostic[] = [];
  const commands: VirtXmlCommand[] = [];
  const styles = new Set<string>();
  for (const cmd of splitCommands(text)) {
    if (cmd.unterminatedQuote !== undefined) {
      const at = cmd.unterminatedQuote;
      diagnostics.push(makeDiagnostic('UNTERMINATED_QUOTE', openedAt(text, at), { span: { start: at, end: at + 1 } }));
    }
    const { calls, splits } = findCalls(cmd.words);
    for (const { word, program } of splits) {
      diagnostics.push(
        makeDiagnostic(
          'INVALID_COMMAND',
          `another ${program} command starts here on the same line; read as a separate command`,
          {
            severity: 'warning',
            span: word.span,
            notes: [
              'a shell would pass it to the first command as arguments: put each command on its own line, or separate them with ;',
            ],
          },
        ),
      );
    }
    for (const call of calls) {
      const argv = readArgv(call.program, call.args);
      const span = { start: call.words[0]!.span.start, end: call.words.at(-1)!.span.end };
      const command = readCall(argv, span, call.words[call.words.length - call.args.length - 1]!, styles, diagnostics);
      // With a quote left open the shell never runs the command: that is the one finding.
      if (cmd.unterminatedQuote === undefined)
        for (const d of [...argv.diagnostics, ...checkCommand(argv, command)]) diagnostics.push(d);
      commands.push(command);
    }
  }
  if (!commands.length) {
    diagnostics.push(
      makeDiagnostic('UNREADABLE_INPUT', 'no virt-xml or virt-install command found', {
        notes: ['`enlighten convert --to virt-xml` prints some'],
      }),
    );
  }
  const edits = commands.flatMap((c) => c.edits);
  const origins: Origins = {};
  for (const e of edits) if (e.op !== 'mode') origins[e.feature] = e.span;
  return {
    format: 'virt-xml',
    source: text,
    set: applyVirtXmlEdits(emptySet(), edits),
    origins,
    context: contextOf(commands),
    diagnostics,
    commands,
    edits,
    style: styles.has('modern') || !styles.has('legacy') ? 'modern' : 'legacy',
  };
}
