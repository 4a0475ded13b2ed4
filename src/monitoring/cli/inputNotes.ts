/** Notes on stderr about how a dataset was read, when it was read differently from how it looks. */
import { readCsvHeader, type DatasetInput } from '../analysis/datasetSources';
import type { CliIo } from './command';

/** For a CSV dataset: blank lines skipped before the header, and header names renamed as Spark renames them. */
export function printInputNotes(input: DatasetInput, io: CliIo): void {
  if (input.kind !== 'csv') return;
  const header = readCsvHeader(input.path, input.header);
  for (const note of header?.notes ?? []) io.err(`note: ${note}\n`);
}
