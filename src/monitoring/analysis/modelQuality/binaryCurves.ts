/**
 * ROC and precision-recall curves and the area under the ROC curve, as Spark's
 * `BinaryClassificationMetrics` (no binning) builds them: one point per distinct score, scores
 * descending, counts cumulated; the ROC curve framed by (0, 0) and (1, 1), the PR curve starting at
 * recall 0 with the first point's precision; the area summed trapezoid by trapezoid, left to right.
 * (The churn golden case's AUC, 0.9395127993393898, comes out bit-exact only this way.)
 */
import { isSelected, type RowMask } from './rowSelection';

export interface BinaryCurves {
  falsePositiveRates: number[];
  truePositiveRates: number[];
  precisions: number[];
  recalls: number[];
  auc: number;
}

/** Row indices by score, highest first (equal scores keep row order). */
export function rowsByScoreDescending(scores: Float64Array): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order;
}

/** Visits each distinct score (descending) with the cumulative true and false positives at it. */
function forEachThreshold(
  scores: Float64Array,
  actual: Int32Array,
  order: Uint32Array,
  mask: RowMask,
  visit: (truePositives: number, falsePositives: number) => void,
): { positives: number; negatives: number } {
  let truePositives = 0;
  let falsePositives = 0;
  let i = 0;
  while (i < order.length) {
    const score = scores[order[i]];
    let any = false;
    while (i < order.length && scores[order[i]] === score) {
      const row = order[i++];
      if (!isSelected(mask, row)) continue;
      any = true;
      if (actual[row] === 1) truePositives++;
      else falsePositives++;
    }
    if (any) visit(truePositives, falsePositives);
  }
  return { positives: truePositives, negatives: falsePositives };
}

function trapezoid(x1: number, y1: number, x2: number, y2: number): number {
  return ((x2 - x1) * (y2 + y1)) / 2.0;
}

/** Spark's rates: 0 (not NaN) when a class is absent. */
function rate(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

export function binaryCurves(scores: Float64Array, actual: Int32Array, order: Uint32Array, mask?: RowMask): BinaryCurves {
  const cumulative: number[] = [];
  const { positives, negatives } = forEachThreshold(scores, actual, order, mask, (tp, fp) => cumulative.push(tp, fp));
  const falsePositiveRates = [0];
  const truePositiveRates = [0];
  const precisions: number[] = [];
  const recalls: number[] = [0];
  for (let i = 0; i < cumulative.length; i += 2) {
    const tp = cumulative[i];
    const fp = cumulative[i + 1];
    falsePositiveRates.push(rate(fp, negatives));
    truePositiveRates.push(rate(tp, positives));
    recalls.push(rate(tp, positives));
    precisions.push(tp + fp === 0 ? 1 : tp / (tp + fp));
  }
  falsePositiveRates.push(1);
  truePositiveRates.push(1);
  precisions.unshift(precisions.length > 0 ? precisions[0] : 1);
  let auc = 0;
  for (let i = 1; i < falsePositiveRates.length; i++) {
    auc += trapezoid(falsePositiveRates[i - 1], truePositiveRates[i - 1], falsePositiveRates[i], truePositiveRates[i]);
  }
  return { falsePositiveRates, truePositiveRates, precisions, recalls, auc };
}

/** The area alone (for resamples), without building the curves. */
export function areaUnderRoc(scores: Float64Array, actual: Int32Array, order: Uint32Array, mask?: RowMask): number {
  let positives = 0;
  let negatives = 0;
  for (let row = 0; row < actual.length; row++) {
    if (!isSelected(mask, row)) continue;
    if (actual[row] === 1) positives++;
    else negatives++;
  }
  let auc = 0;
  let previousFpr = 0;
  let previousTpr = 0;
  forEachThreshold(scores, actual, order, mask, (tp, fp) => {
    const fpr = rate(fp, negatives);
    const tpr = rate(tp, positives);
    auc += trapezoid(previousFpr, previousTpr, fpr, tpr);
    previousFpr = fpr;
    previousTpr = tpr;
  });
  return auc + trapezoid(previousFpr, previousTpr, 1, 1);
}
