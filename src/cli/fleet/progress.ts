/**
 * The progress of a fleet on stderr: one line, rewritten in place (hosts done, domains read,
 * rate, ETA), only when stderr is a terminal and not --quiet. -v adds a line per host.
 */
import type { Io } from '../io.js';
import { UsageError } from '../io.js';
import type { OutputFlags } from './options.js';

/** Whether stderr gets colour: --color always|never, else a terminal without NO_COLOR (https://no-color.org). */
export function stderrColor(flags: OutputFlags, io: Io): boolean {
  const when = flags.color ?? 'auto';
  if (when !== 'auto' && when !== 'always' && when !== 'never')
    throw new UsageError(`--color ${when}: expected auto, always or never`);
  if (when !== 'auto') return when === 'always';
  return io.stderrIsTty === true && !io.env['NO_COLOR'];
}

/** Redraws at most this often (ms). */
const EVERY_MS = 100;

export class Progress {
  private readonly live: boolean;
  private readonly color: boolean;
  private readonly started = Date.now();
  private drawn = 0;
  private shown = false;
  hostsDone = 0;
  domainsRead = 0;
  /** Domains listed so far, and on how many hosts: the ETA guesses the rest from them. */
  private listed = 0;
  private listedHosts = 0;

  constructor(
    private readonly io: Io,
    private readonly flags: OutputFlags,
    private readonly hosts: number,
  ) {
    this.live = io.stderrIsTty === true && !flags.quiet;
    this.color = stderrColor(flags, io);
  }

  hostListed(domains: number): void {
    this.listed += domains;
    this.listedHosts += 1;
  }

  read(n: number): void {
    this.domainsRead += n;
    this.draw();
  }

  /** A host is done: `note` is its -v line (`kvm1: 300 domains in 0.4 s`). */
  hostDone(note: string): void {
    this.hostsDone += 1;
    if (this.flags.verbose && !this.flags.quiet) {
      this.clear();
      this.io.stderr(`${note}\n`);
    }
    this.draw(true);
  }

  /** A -v note about a host (`kvm1: read with virsh: ...`). */
  note(text: string): void {
    if (!this.flags.verbose || this.flags.quiet) return;
    this.clear();
    this.io.stderr(`${text}\n`);
  }

  line(): string {
    const s = (Date.now() - this.started) / 1000;
    const rate = s > 0 ? this.domainsRead / s : 0;
    const guess =
      this.listedHosts > 0 ? this.listed + (this.hosts - this.listedHosts) * (this.listed / this.listedHosts) : 0;
    const left = Math.max(0, guess - this.domainsRead);
    const eta = rate > 0 && this.hostsDone < this.hosts ? `, ETA ${Math.ceil(left / rate)} s` : '';
    return `hosts ${this.hostsDone}/${this.hosts}, ${this.domainsRead} domains read, ${Math.round(rate)}/s${eta}`;
  }

  private draw(force = false): void {
    if (!this.live) return;
    const now = Date.now();
    if (!force && now - this.drawn < EVERY_MS) return;
    this.drawn = now;
    const text = this.line();
    this.io.stderr(`\r\x1b[2K${this.color ? `\x1b[2m${text}\x1b[0m` : text}`);
    this.shown = true;
  }

  /** Removes the line (before other output on stderr, and at the end). */
  clear(): void {
    if (this.shown) this.io.stderr('\r\x1b[2K');
    this.shown = false;
  }
}
