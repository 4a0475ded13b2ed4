/** One line of ground-truth JSON Lines (spec §2.1). */

export interface GroundTruthRecord {
  groundTruthData: { data: string; encoding: 'CSV'; [unknownField: string]: unknown };
  eventMetadata: { eventId: string; inferenceTime?: string; [unknownField: string]: unknown };
  eventVersion: string;
  [unknownField: string]: unknown;
}
