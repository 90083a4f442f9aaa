// Names the forms of sub-option a list of printed commands uses, from what parse reads back:
// the option, named or xpath, the edit, and the kind of XML target.
import { parseVirtXml } from '../../src/formats/virt-xml/index.js';
import { CATALOG } from '../../src/catalog/index.js';

export function formsOf(commands: readonly string[]): string[] {
  const out: string[] = [];
  const read = parseVirtXml(commands.join('\n'));
  // No command (an empty plan) is nothing virt-xml reads: no form.
  for (const c of read.ok ? read.value.commands : []) {
    for (const e of c.edits) {
      if (c.action === 'add-device' || c.action === 'remove-device') {
        out.push(`${c.action} ${c.options[0]!.slice(2)}`);
        continue;
      }
      const option = c.options[0]!.slice(2);
      if (e.op === 'mode') {
        out.push(`${option} set mode`);
        continue;
      }
      const s = CATALOG[e.feature].libvirt;
      const kind = s?.kind ?? 'none';
      const named = !e.text.startsWith('xpath');
      const op = e.op === 'delete' ? 'delete' : e.op;
      if (named)
        out.push(
          `${option} named ${op} ${kind}${option === 'features' ? (e.text.includes('.') ? ' (modern)' : ' (legacy)') : ''}`,
        );
      else if (op === 'delete') out.push(`${option} delete ${kind}`);
      else out.push(`${option} set ${op} ${kind}${e.text.includes('.value=') ? ' (xpathN.value)' : ''}`);
    }
  }
  return out;
}
