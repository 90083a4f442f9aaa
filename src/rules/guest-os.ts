/**
 * The guest OS given twice: `os` (--os) names one, the configuration (a domain's libosinfo
 * metadata) another. The option wins; this says so, pointing at the metadata.
 */
import { makeDiagnostic } from '../diagnostics/index.js';
import { findOs } from '../model/os-table.js';
import { guestOsEntry, sameGuest } from './target.js';
import type { Rule } from './types.js';

export const guestOsRule: Rule = {
  id: 'guest-os',
  run({ config, options }) {
    const named = config.context.guestOs;
    const given = options.os ? findOs(options.os) : undefined;
    const inConfig = named ? guestOsEntry(named) : undefined;
    if (!named || !given || !inConfig || sameGuest(given, inConfig)) return [];
    return [
      makeDiagnostic(
        'GUEST_OS_DIFFERS',
        `--os ${options.os} (${given.name}) differs from ${named.source === 'config' ? named.says : named.source === 'virt-install' ? `the command's --osinfo` : `the domain's libosinfo metadata`}, which names ${inConfig.name} (${named.libosinfo}); checking for ${given.name}`,
        {
          // A configuration whose own OS setting decides the enlightenments gets the wrong ones: a warning.
          ...(named.source === 'config' ? { severity: 'warning' as const } : {}),
          span: named.span,
          notes: [
            named.source === 'config'
              ? `--os wins; correct the configuration if ${given.name} is the guest: its manager derives the enlightenments from it (${named.says})`
              : `--os wins; leave it out to check for the guest the ${named.source === 'virt-install' ? 'command' : 'domain'} names`,
          ],
        },
      ),
    ];
  },
};
