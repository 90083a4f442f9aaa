/**
 * Options and arguments several commands declare alike. Each states its flag, the values it takes
 * and whether they are closed once; a command gives only its own wording where that differs.
 */
import { UsageError } from './io.js';
import type { ArgumentSpec, OptionSpec } from './spec.js';
import { printKinds, styles, syntaxIds } from './values.js';

/** The one input of convert and cpuid. */
export const INPUT_ARGUMENT: ArgumentSpec = {
  name: 'input',
  required: true,
  description: 'a file, `-` for stdin, or the configuration itself',
  file: true,
};

/** --from: the input syntax, one of the registry's. */
export function fromOption(description = 'the input syntax, when detection is not enough'): OptionSpec {
  return { flags: '--from <syntax>', description, values: syntaxIds, closed: true };
}

/** --style: modern or legacy spelling of what the command writes. */
export function styleOption(description: string): OptionSpec {
  return { flags: '--style <style>', description, values: styles, closed: true };
}

/** --kind: which kind of document the --to syntax prints, when it has more than one. */
export function kindOption(): OptionSpec {
  return {
    flags: '--kind <kind>',
    description: `the kind of document to print, where the --to syntax has several: ${printKinds().join(', ')}`,
    values: printKinds,
    closed: true,
  };
}

/** The --kind value checked against the --to syntax's kinds. */
export function kindFor(
  target: { id: string; kinds?: readonly { name: string }[] },
  kind: string | undefined,
): string | undefined {
  if (kind === undefined) return undefined;
  if (target.kinds?.some((k) => k.name === kind)) return kind;
  throw new UsageError(
    `--kind ${kind}: ${target.id} prints no such kind`,
    target.kinds?.length
      ? `choose one of: ${target.kinds.map((k) => k.name).join(', ')}`
      : `leave --kind out for --to ${target.id}`,
  );
}

/** --json, with what the command prints. */
export function jsonOption(description: string): OptionSpec {
  return { flags: '--json', description };
}

/** --force, for the commands that write files (fix, set). */
export const FORCE_OPTION: OptionSpec = {
  flags: '--force',
  description: 'write a file even when it is read-only (its mode, owner and group are kept)',
};
