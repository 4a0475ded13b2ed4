/**
 * The demo's requests and labels, shared by the history builder and the live traffic generator: a test
 * row becomes a CSV payload (perturbed or clean), an inference id like the chapter's
 * `f'{i}-{uuid.uuid1().hex}'`, and the ground-truth record that labels it (spec §8.4).
 */
import type { GroundTruthRecord } from '../formats/groundTruth';
import { serializeGroundTruthRecord } from '../formats/groundTruth';
import { joinJsonLines } from '../formats/jsonLines';
import { groundTruthFileUri } from '../monitoringFiles';
import type { AbaloneRow } from './abaloneData';
import { perturb, toCsvPayload } from './perturbation';
import type { DemoRandom } from './prng';
import { pythonFloat } from './pythonFloat';

export interface DemoRequest {
  inferenceId: string;
  payload: string;
  rings: number;
  perturbed: boolean;
}

export function demoRequest(row: AbaloneRow, random: DemoRandom, perturbed: boolean): DemoRequest {
  const features = perturbed ? perturb(row.features, random) : row.features;
  return { inferenceId: `${row.index}-${random.hex(16)}`, payload: toCsvPayload(features), rings: row.rings, perturbed };
}

export function groundTruthFor(request: DemoRequest): GroundTruthRecord {
  return { groundTruthData: { data: pythonFloat(request.rings), encoding: 'CSV' }, eventMetadata: { eventId: request.inferenceId }, eventVersion: '0' };
}

/** `{gt}/yyyy/mm/dd/HH/{MMSS}-{id}.jsonl` — the notebook's `{MMSS}.jsonl`, made unique. */
export function groundTruthFile(groundTruthUri: string, time: Date, id: string, records: readonly GroundTruthRecord[]): { uri: string; body: string } {
  return {
    uri: groundTruthFileUri(groundTruthUri, time, id),
    body: joinJsonLines(records.map(serializeGroundTruthRecord)),
  };
}

/**
 * Share of perturbed requests in hour `hour` of `hours`: clean for the first quarter, then rising
 * linearly to every request perturbed in the last hour — so the charts show drift arriving.
 */
export function perturbedShare(hour: number, hours: number): number {
  const clean = Math.floor(hours / 4);
  if (hour < clean) return 0;
  return Math.min(1, (hour - clean + 1) / Math.max(1, hours - clean));
}
