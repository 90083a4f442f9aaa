export interface TestDaemon {
  pid: number;
  port: number;
  uri(path: string): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}
export function daemonsUnavailable(): string | undefined;
export function freePort(): Promise<number>;
export function startDaemon(dir: string, extra?: string[]): Promise<TestDaemon>;
export function uuidOf(host: number, i: number): string;
export const BROKEN_EVERY: { period: number; at: number };
export function domainXml(name: string, uuid: string, set: string, off: boolean): string;
export function nodeXml(host: number, count: number): string;
