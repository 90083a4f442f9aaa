import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { VersionNeed } from './read-state.js';
import { isAtLeast } from './versions.js';

/**
 * What a libvirt release makes of the version-dependent facts of a document: elements, modes and
 * attributes newer than it are refused (error) or ignored (warning), in libvirt's words where known.
 */
export function checkLibvirtVersion(needs: readonly VersionNeed[], version: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const need of needs) {
    if (isAtLeast(version, need.since)) continue;
    const refuses = need.older === 'refuses';
    const effect = refuses
      ? 'refuses the domain'
      : need.older === 'ignores'
        ? 'ignores it'
        : 'keeps it but writes it back wrong';
    out.push(
      makeDiagnostic('LIBVIRT_TOO_OLD', `${need.what} needs libvirt ${need.since}; libvirt ${version} ${effect}`, {
        ...(refuses ? {} : { severity: 'warning' as const }),
        span: need.span,
        ...(need.feature ? { feature: need.feature } : {}),
        notes: [
          ...(need.olderSays ? [`libvirt ${version}: ${need.olderSays}`] : []),
          '--libvirt-version X.Y names the release the domain is for',
        ],
      }),
    );
  }
  return out;
}
