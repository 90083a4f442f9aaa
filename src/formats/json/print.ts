import type { EnlightenmentSet } from '../../model/index.js';
import { toJsonSet } from '../../model/index.js';

export function printJsonSet(set: EnlightenmentSet): string {
  return `${JSON.stringify(toJsonSet(set), null, 2)}\n`;
}
