/**
 * The (prediction, label[, probability]) pairs a model-quality job evaluates, collected row by row into
 * typed arrays. Turning the text of a cell into a prediction or a label happens here, with the rules of
 * the problem type, so that a baseline CSV and merged captures are read the same way.
 */
import { MonitoringError } from '../../errors';
import type { ModelQualityConfig } from './config';
import { binaryClassLabel, canonicalClassLabel, ClassDictionary } from './classLabels';
import { GrowableFloat64, GrowableInt32 } from './growableArrays';

export interface RegressionObservations {
  kind: 'regression';
  count: number;
  predictions: Float64Array;
  labels: Float64Array;
}

export interface ClassificationObservations {
  kind: 'classification';
  binary: boolean;
  count: number;
  /** Class names by code; binary problems always have ["0", "1"]. */
  classes: readonly string[];
  actual: Int32Array;
  predicted: Int32Array;
  /** Positive-class probabilities (binary problems with a probability attribute). */
  scores?: Float64Array;
}

export type Observations = RegressionObservations | ClassificationObservations;

/** Where a row came from, for error messages: a file and a 1-based line. */
export interface RowSource {
  file: string;
  line: number;
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function badData(source: RowSource, message: string): MonitoringError {
  return new MonitoringError('BadData', `${source.file}:${source.line}: ${message}`, { resource: source.file });
}

function parseNumber(text: string, what: string, source: RowSource): number {
  if (!NUMBER.test(text)) {
    throw badData(source, text.trim() === '' ? `the ${what} is empty.` : `the ${what} ${JSON.stringify(text)} is not a number.`);
  }
  return Number(text);
}

export class ObservationCollector {
  private readonly predictions = new GrowableFloat64();
  private readonly labels = new GrowableFloat64();
  private readonly actualCodes = new GrowableInt32();
  private readonly predictedCodes = new GrowableInt32();
  private readonly scores = new GrowableFloat64();
  private readonly dictionary = new ClassDictionary();
  /** Binary problems binarise the probability when the prediction column holds it (spec §4.5). */
  private readonly predictionIsProbability: boolean;

  constructor(private readonly config: ModelQualityConfig) {
    this.predictionIsProbability =
      config.probabilityThresholdAttribute !== undefined && config.probabilityAttribute === config.inferenceAttribute;
  }

  get count(): number {
    return this.config.problemType === 'Regression' ? this.labels.length : this.actualCodes.length;
  }

  /** Adds one row. `probability` is the cell of the probability attribute, when there is one. */
  add(prediction: string, probability: string | undefined, label: string, source: RowSource): void {
    switch (this.config.problemType) {
      case 'Regression':
        this.predictions.push(parseNumber(prediction, `prediction (${this.config.inferenceAttribute})`, source));
        this.labels.push(parseNumber(label, 'ground truth label', source));
        return;
      case 'BinaryClassification':
        this.addBinary(prediction, probability, label, source);
        return;
      case 'MulticlassClassification': {
        const predicted = canonicalClassLabel(prediction);
        if (predicted === undefined) throw badData(source, `the prediction (${this.config.inferenceAttribute}) is empty.`);
        const actual = canonicalClassLabel(label);
        if (actual === undefined) throw badData(source, 'the ground truth label is empty.');
        this.predictedCodes.push(this.dictionary.codeOf(predicted));
        this.actualCodes.push(this.dictionary.codeOf(actual));
        return;
      }
    }
  }

  private addBinary(prediction: string, probability: string | undefined, label: string, source: RowSource): void {
    const actual = binaryClassLabel(label);
    if (actual === undefined) {
      throw badData(source, `the ground truth label ${JSON.stringify(label)} is not a binary class label (0 or 1).`);
    }
    let score: number | undefined;
    if (this.config.probabilityAttribute !== undefined) {
      score = parseNumber(probability ?? '', `probability (${this.config.probabilityAttribute})`, source);
    }
    let predicted = this.predictionIsProbability ? undefined : binaryClassLabel(prediction);
    if (predicted === undefined) {
      const threshold = this.config.probabilityThresholdAttribute;
      if (threshold === undefined) {
        throw badData(
          source,
          `the prediction ${JSON.stringify(prediction)} (${this.config.inferenceAttribute}) is not a binary class label (0 or 1); ` +
            'if it is a probability, give a probability threshold to turn it into a label.',
        );
      }
      const value = score ?? parseNumber(prediction, `prediction (${this.config.inferenceAttribute})`, source);
      predicted = value > threshold ? 1 : 0;
    }
    this.actualCodes.push(actual);
    this.predictedCodes.push(predicted);
    if (score !== undefined) this.scores.push(score);
  }

  finish(): Observations {
    if (this.config.problemType === 'Regression') {
      return { kind: 'regression', count: this.labels.length, predictions: this.predictions.values(), labels: this.labels.values() };
    }
    const actual = this.actualCodes.values();
    const predicted = this.predictedCodes.values();
    if (this.config.problemType === 'BinaryClassification') {
      const scores = this.config.probabilityAttribute !== undefined ? this.scores.values() : undefined;
      return { kind: 'classification', binary: true, count: actual.length, classes: ['0', '1'], actual, predicted, scores };
    }
    const { labels, remap } = this.dictionary.sortedRemap();
    for (let i = 0; i < actual.length; i++) {
      actual[i] = remap[actual[i]];
      predicted[i] = remap[predicted[i]];
    }
    return { kind: 'classification', binary: false, count: actual.length, classes: labels, actual, predicted };
  }
}
