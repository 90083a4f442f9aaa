/** recommend --compare TOOL: enlighten's set next to a peer's, and why they differ. */
import type { Citation, FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import { getValue, isOn } from '../model/index.js';
import { findOs } from '../model/os-table.js';
import type { Peer } from './peers.js';
import type { RecommendResult } from './types.js';

export interface CompareRow {
  feature: FeatureId;
  enlighten: FeatureValue | null;
  peer: FeatureValue | null;
  differs: boolean;
  /** enlighten's reason for its choice, and the peer's note when it has one. */
  why?: { enlighten: string; source: Citation; peer?: string };
}

export interface Comparison {
  peer: string;
  peerSource: Citation;
  peerSummary: string;
  rows: CompareRow[];
}

export function compareWithPeer(result: RecommendResult, peer: Peer, vendor: 'intel' | 'amd' | undefined): Comparison {
  const os = result.os ? findOs(result.os.id) : undefined;
  const theirs = peer.setFor(os, vendor);
  const rows: CompareRow[] = [];
  for (const id of PRINT_ORDER) {
    const mine = isOn(result.set, id) ? getValue(result.set, id)! : null;
    const other = isOn(theirs.set, id) ? getValue(theirs.set, id)! : null;
    if (mine === null && other === null) continue;
    const differs = mine !== other;
    const choice = result.choices.find((c) => c.feature === id)!;
    const note = theirs.notes[id];
    rows.push({
      feature: id,
      enlighten: mine,
      peer: other,
      differs,
      ...(differs ? { why: { enlighten: choice.reason, source: choice.source, ...(note ? { peer: note } : {}) } } : {}),
    });
  }
  return { peer: peer.name, peerSource: theirs.source, peerSummary: theirs.summary, rows };
}

/** on / off / the value, for the table. */
export function cell(id: FeatureId, v: FeatureValue | null): string {
  if (v === null) return '-';
  if (typeof v === 'boolean') return 'on';
  if (typeof v === 'number') return CATALOG[id].printHex ? `0x${v.toString(16)}` : String(v);
  return v;
}
