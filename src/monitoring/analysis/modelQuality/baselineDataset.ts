/**
 * Reads a model-quality baseline dataset (spec §4.1): CSV with a header (attributes are column names),
 * CSV without one (attributes are indices "0", "1"…), or JSON Lines (attributes are keys or JSONPaths).
 */
import { MonitoringError } from '../../errors';
import type { ModelQualityConfig } from './config';
import { columnIndex, jsonAttribute, splitCsvFields } from './attributeLocator';
import { DATASET_LINE } from '../../formats/inputLimits';
import { makeSafeHeader } from '../csvRows';
import { forEachLine } from './lineReader';
import type { ObservationCollector } from './observations';

export type BaselineDatasetInput = { kind: 'csv'; path: string; header: boolean } | { kind: 'jsonl'; path: string };

interface Attributes {
  prediction: string;
  probability?: string;
  label: string;
}

function attributesOf(config: ModelQualityConfig): Attributes {
  return { prediction: config.inferenceAttribute, probability: config.probabilityAttribute, label: config.groundTruthAttribute as string };
}

function badData(path: string, message: string, line?: number): MonitoringError {
  return new MonitoringError('BadData', `${path}${line !== undefined ? `:${line}` : ''}: ${message}`, { resource: path });
}

export async function readBaselineDataset(
  input: BaselineDatasetInput,
  config: ModelQualityConfig,
  collector: ObservationCollector,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  const attributes = attributesOf(config);
  if (input.kind === 'csv') await readCsv(input.path, input.header, attributes, collector, onBytes);
  else await readJsonLines(input.path, attributes, collector, onBytes);
}

/** Column index of an attribute: a header name, else an index ("0" or "_c0"). */
function resolveColumn(attribute: string, header: readonly string[] | undefined, path: string): number {
  const byName = header?.indexOf(attribute) ?? -1;
  if (byName >= 0) return byName;
  const index = columnIndex(attribute);
  if (index !== undefined && (header === undefined || index < header.length)) return index;
  throw badData(
    path,
    header
      ? `there is no column ${JSON.stringify(attribute)}; the header has ${header.map((name) => JSON.stringify(name)).join(', ')}.`
      : `without a header, attributes are column indices such as "0"; ${JSON.stringify(attribute)} is not one.`,
    header ? 1 : undefined,
  );
}

async function readCsv(
  path: string,
  hasHeader: boolean,
  attributes: Attributes,
  collector: ObservationCollector,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  interface Columns {
    prediction: number;
    probability?: number;
    label: number;
  }
  let columns: Columns | undefined;
  const resolve = (header: readonly string[] | undefined): Columns => ({
    prediction: resolveColumn(attributes.prediction, header, path),
    probability: attributes.probability !== undefined ? resolveColumn(attributes.probability, header, path) : undefined,
    label: resolveColumn(attributes.label, header, path),
  });
  await forEachLine(
    path,
    (line, lineNumber) => {
      if (line.trim() === '') return; // blank lines are not records (Spark skips them)
      const fields = splitCsvFields(line);
      if (columns === undefined) {
        // Spark's names: repeated ones get their column index (x,x → x0,x1), so an attribute never means two columns.
        columns = resolve(hasHeader ? makeSafeHeader(fields.map((name) => name.trim())) : undefined);
        if (hasHeader) return;
      }
      const { prediction, probability, label } = columns;
      const cell = (index: number, what: string): string => {
        if (index >= fields.length) {
          throw badData(path, `the row has ${fields.length} columns, so it has no ${what} (column ${index}).`, lineNumber);
        }
        return fields[index];
      };
      collector.add(
        cell(prediction, 'prediction'),
        probability !== undefined ? cell(probability, 'probability') : undefined,
        cell(label, 'ground truth label'),
        { file: path, line: lineNumber },
      );
    },
    onBytes,
    DATASET_LINE,
  );
}

async function readJsonLines(path: string, attributes: Attributes, collector: ObservationCollector, onBytes?: (bytes: number) => void): Promise<void> {
  await forEachLine(
    path,
    (line, lineNumber) => {
      if (line.trim() === '') return;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (e) {
        throw badData(path, `the line is not JSON (${(e as Error).message}).`, lineNumber);
      }
      const value = (attribute: string, what: string): string => {
        const text = jsonAttribute(record, attribute);
        if (text === undefined) throw badData(path, `the record has no ${what} at ${JSON.stringify(attribute)}.`, lineNumber);
        return text;
      };
      collector.add(
        value(attributes.prediction, 'prediction'),
        attributes.probability !== undefined ? value(attributes.probability, 'probability') : undefined,
        value(attributes.label, 'ground truth label'),
        { file: path, line: lineNumber },
      );
    },
    onBytes,
    DATASET_LINE,
  );
}
