/** One line of ground-truth JSON Lines (spec §2.1). */
import { FieldChecker, parseJsonText } from './jsonFields';
import { writeCompactJson } from './jacksonJson';

export interface GroundTruthRecord {
  groundTruthData: { data: string; encoding: 'CSV'; [unknownField: string]: unknown };
  eventMetadata: { eventId: string; inferenceTime?: string; [unknownField: string]: unknown };
  eventVersion: string;
  [unknownField: string]: unknown;
}

/** One ground-truth line (`line` is 1-based, for the error message). Keys we do not know are kept. */
export function parseGroundTruthRecord(text: string, file: string, line: number): GroundTruthRecord {
  const check = new FieldChecker({ file, line });
  const root = check.object(parseJsonText(text, { file, line }), '');
  const data = check.field(root, 'groundTruthData', '', (v, p) => check.object(v, p));
  check.field(data, 'data', 'groundTruthData', (v, p) => check.string(v, p));
  // Only CSV labels are supported by SageMaker's merge job (spec §2.1).
  check.field(data, 'encoding', 'groundTruthData', (v, p) => check.oneOf(v, p, ['CSV'] as const));
  const metadata = check.field(root, 'eventMetadata', '', (v, p) => check.object(v, p));
  check.field(metadata, 'eventId', 'eventMetadata', (v, p) => check.string(v, p));
  check.optional(metadata, 'inferenceTime', 'eventMetadata', (v, p) => check.string(v, p));
  check.field(root, 'eventVersion', '', (v, p) => check.string(v, p));
  return root as GroundTruthRecord;
}

/** One JSON Lines line (no newline), compact as SageMaker's tools write it. */
export function serializeGroundTruthRecord(record: GroundTruthRecord): string {
  return writeCompactJson(record);
}
