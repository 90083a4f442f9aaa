import { CATALOG } from '../../catalog/index.js';
import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { Argv } from './argv.js';
import type { VirtXmlEdit } from './edits.js';
import { targetOf } from './targets.js';
import type { VirtXmlAction } from './virtinst-options.js';
import { DEVICE_OPTIONS, VIRT_XML_ACTIONS, VIRT_XML_CHANGE_OPTIONS } from './virtinst-options.js';

/** What the checks read of a command (parse.ts's VirtXmlCommand, which is built from their result). */
interface CheckedCommand {
  span: Span;
  action?: VirtXmlAction;
  options: readonly string[];
  edits: readonly VirtXmlEdit[];
}

/**
 * What virt-xml 4.1 itself refuses in a command (virtxml.py check_action_collision,
 * check_xmlopt_collision, its device check), in its own words, and values a command turns on
 * without giving them.
 */
export function checkCommand(argv: Argv, command: CheckedCommand): Diagnostic[] {
  const out: Diagnostic[] = [...missingValues(argv, command)];
  if (argv.program !== 'virt-xml') return out;
  const span = command.span;
  if (argv.actions.length === 0) {
    out.push(
      makeDiagnostic(
        'INVALID_COMMAND',
        `virt-xml needs an action (virt-xml: One of ${VIRT_XML_ACTIONS.join(', ')} must be specified.)`,
        { span, notes: ['add --edit'] },
      ),
    );
  } else if (argv.actions.length > 1) {
    const names = argv.actions.map((a) => `--${a.name}`).join(', ');
    out.push(
      makeDiagnostic('INVALID_COMMAND', `virt-xml takes one action (virt-xml: Conflicting options ${names})`, {
        span: argv.actions[1]!.word.span,
      }),
    );
  }
  const options = [...command.options].sort(
    (a, b) => VIRT_XML_CHANGE_OPTIONS.indexOf(a as never) - VIRT_XML_CHANGE_OPTIONS.indexOf(b as never),
  );
  if (options.length === 0) {
    out.push(
      makeDiagnostic('INVALID_COMMAND', 'this virt-xml command changes nothing (virt-xml: No change specified.)', {
        span,
      }),
    );
  } else if (options.length > 1) {
    const second = argv.changes.find((c) => c.name !== argv.changes[0]!.name);
    out.push(
      makeDiagnostic(
        'SEVERAL_CHANGE_OPTIONS',
        `virt-xml takes one change option per command (virt-xml: Only one change operation may be specified (conflicting options [${options.map((o) => `'${o}'`).join(', ')}]))`,
        {
          span: second?.word.span ?? span,
          notes: ['run one virt-xml command per option, e.g. one for --features and one for --clock'],
        },
      ),
    );
  }
  const action = command.action;
  if (
    (action === 'add-device' || action === 'remove-device') &&
    options.length === 1 &&
    !DEVICE_OPTIONS.includes(options[0]!)
  ) {
    out.push(
      makeDiagnostic(
        'INVALID_COMMAND',
        `--${action} works on devices only (virt-xml: Cannot use --${action} with ${options[0]})`,
        { span, notes: ['use --edit'] },
      ),
    );
  }
  return out;
}

/** A value-carrying feature turned on in a command that does not give its value (`hyperv_spinlocks=on` alone). */
function missingValues(argv: Argv, command: CheckedCommand): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of command.edits) {
    if (e.op !== 'state' || !e.on) continue;
    const t = targetOf(e.feature);
    if (t?.kind !== 'hyperv' || !t.valueAttr) continue;
    if (command.edits.some((v) => v.op === 'value' && v.feature === e.feature)) continue;
    if (argv.diagnostics.some((d) => d.feature === e.feature)) continue;
    out.push(
      makeDiagnostic(
        'MISSING_VALUE',
        `${e.text} turns ${CATALOG[e.feature].qemu.name} on without a ${t.valueAttr} value: the domain keeps the one it has; without one, libvirt 9.0 refuses the element`,
        {
          severity: 'warning',
          feature: e.feature,
          span: e.span,
          notes: [
            `give the value in the same command (example: ${String(CATALOG[e.feature].example ?? CATALOG[e.feature].default)})`,
          ],
        },
      ),
    );
  }
  return out;
}
