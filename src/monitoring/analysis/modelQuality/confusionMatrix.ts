/**
 * Counts of (actual, predicted) class pairs and the per-class metrics derived from them, with the
 * conventions of Spark's `MulticlassMetrics` (which the analyzer's numbers follow to the last digit):
 * precision is 0 when a class was never predicted, F-β is 0 when precision + recall is 0, and
 * support-weighted averages run over the classes that occur as actual labels.
 */
import { isSelected, type RowMask } from './rowSelection';

export class ConfusionMatrix {
  /** counts[actual * classes + predicted] */
  readonly counts: Float64Array;

  constructor(readonly classes: number) {
    this.counts = new Float64Array(classes * classes);
  }

  static of(actual: Int32Array, predicted: Int32Array, classes: number, mask?: RowMask): ConfusionMatrix {
    const matrix = new ConfusionMatrix(classes);
    for (let row = 0; row < actual.length; row++) {
      if (isSelected(mask, row)) matrix.counts[actual[row] * classes + predicted[row]]++;
    }
    return matrix;
  }

  /** The same actual labels, every row predicted as `constantClass`. */
  asConstantPrediction(constantClass: number): ConfusionMatrix {
    const matrix = new ConfusionMatrix(this.classes);
    for (let actual = 0; actual < this.classes; actual++) {
      matrix.counts[actual * this.classes + constantClass] = this.support(actual);
    }
    return matrix;
  }

  count(actual: number, predicted: number): number {
    return this.counts[actual * this.classes + predicted];
  }

  /** Rows whose actual label is `label`. */
  support(label: number): number {
    let sum = 0;
    for (let predicted = 0; predicted < this.classes; predicted++) sum += this.count(label, predicted);
    return sum;
  }

  total(): number {
    let sum = 0;
    for (const count of this.counts) sum += count;
    return sum;
  }

  /** The most frequent actual class (the lowest on a tie): what the best constant classifier predicts. */
  majorityClass(): number {
    let best = 0;
    let bestSupport = -1;
    for (let label = 0; label < this.classes; label++) {
      const support = this.support(label);
      if (support > bestSupport) {
        best = label;
        bestSupport = support;
      }
    }
    return best;
  }

  truePositives(label: number): number {
    return this.count(label, label);
  }

  falsePositives(label: number): number {
    let sum = 0;
    for (let actual = 0; actual < this.classes; actual++) if (actual !== label) sum += this.count(actual, label);
    return sum;
  }

  precision(label: number): number {
    const tp = this.truePositives(label);
    const fp = this.falsePositives(label);
    return tp + fp === 0 ? 0 : tp / (tp + fp);
  }

  /** NaN when the class never occurs as an actual label. */
  recall(label: number): number {
    return this.truePositives(label) / this.support(label);
  }

  /** False positives over actual negatives of `label`. */
  falsePositiveRate(label: number): number {
    return this.falsePositives(label) / (this.total() - this.support(label));
  }

  fMeasure(label: number, beta: number): number {
    return fMeasure(this.precision(label), this.recall(label), beta);
  }

  accuracy(): number {
    let correct = 0;
    for (let label = 0; label < this.classes; label++) correct += this.truePositives(label);
    return correct / this.total();
  }

  /** Σ metric(class) · support / n over classes present as actual labels, in class order. */
  weighted(metric: (label: number) => number): number {
    const total = this.total();
    let sum = 0;
    for (let label = 0; label < this.classes; label++) {
      const support = this.support(label);
      if (support > 0) sum += (metric(label) * support) / total;
    }
    return sum;
  }
}

export function fMeasure(precision: number, recall: number, beta: number): number {
  const betaSquared = beta * beta;
  return precision + recall === 0 ? 0 : ((1 + betaSquared) * precision * recall) / (betaSquared * precision + recall);
}
