/**
 * The options of audit and fix across a fleet of libvirt hosts, declared once (help and shell
 * completions follow them).
 */
import { unknownName } from '../common.js';
import type { OptionSpec } from '../spec.js';
import { printable } from '../../util/printable.js';
import { collect, positiveInt } from './hosts.js';

/** Hosts read at once unless --jobs says otherwise: two virsh processes per core of a small machine. */
export const DEFAULT_JOBS = 4;
/** Seconds one host may take, unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT = 60;
/** Domains per virsh process: about 170 bytes of commands each, well under Linux's 128 KiB for one argument. */
export const BATCH = 500;

/** The clients ENLIGHTEN_FLEET_CLIENT may name. */
export const FLEET_CLIENTS = ['virsh', 'rpc'] as const;
export type FleetClient = (typeof FLEET_CLIENTS)[number];

/**
 * ENLIGHTEN_FLEET_CLIENT, read here and nowhere else: `virsh` or `rpc` forces that client,
 * unset (or empty) leaves the choice to each URI (rpc-host.ts chooseClient); any other value is a
 * usage error before any host is read.
 */
export function forcedClient(env: Record<string, string | undefined>): FleetClient | undefined {
  const value = env['ENLIGHTEN_FLEET_CLIENT'];
  if (value === undefined || value === '') return undefined;
  const known = FLEET_CLIENTS.find((c) => c === value);
  if (known) return known;
  throw unknownName(
    `ENLIGHTEN_FLEET_CLIENT=${printable(value)} names no fleet client`,
    value,
    FLEET_CLIENTS,
    ' or ',
    `set it to ${FLEET_CLIENTS.join(' or ')}, or unset it (rpc where the URI allows it, else virsh)`,
  );
}

export interface FleetFlags {
  connect?: string[] | string;
  hosts?: string;
  jobs?: number;
  timeout?: number;
}

export interface OutputFlags {
  color?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** --connect (repeatable), --hosts, --jobs, --timeout. */
export function fleetOptions(connect: string): OptionSpec[] {
  return [
    { flags: '--connect <uri>', description: connect, parse: collect },
    {
      flags: '--hosts <file>',
      description: 'libvirt URIs, one a line (# starts a comment), as if each were a --connect',
      file: true,
    },
    {
      flags: '--jobs <n>',
      description: `hosts read at once (default ${DEFAULT_JOBS})`,
      parse: positiveInt(256),
    },
    {
      flags: '--timeout <seconds>',
      description: `the most one host may take; a host over it is a row with the reason (default ${DEFAULT_TIMEOUT})`,
      parse: positiveInt(86_400),
    },
  ];
}

/** --color, -q, -v: the progress line on stderr, and how much it says. */
export const OUTPUT_OPTIONS: OptionSpec[] = [
  {
    flags: '--color <when>',
    description: 'colour on stderr: auto (a terminal, and NO_COLOR unset), always or never',
    values: () => ['auto', 'always', 'never'],
    closed: true,
  },
  { flags: '-q, --quiet', description: 'no progress line and no per-host notes on stderr' },
  { flags: '-v, --verbose', description: 'a line on stderr for each host when it is done' },
];
