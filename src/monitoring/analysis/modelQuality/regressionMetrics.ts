/**
 * mae, mse, rmse and r2 with the arithmetic of Spark's `RegressionMetrics`, which the analyzer uses:
 * a column summarizer over (label, label − prediction) that skips zero entries, keeps sums of |x| and
 * x² and a running mean/M2 per column, and derives
 *   mae = Σ|e| / n,  mse = (√Σe²)² / n,  rmse = √mse,  r2 = 1 − SSerr / (variance(label) · (n − 1)).
 * Reproducing the same operations in the same order gives the same last digits.
 */
import { isSelected, type RowMask } from './rowSelection';

export interface RegressionMetricValues {
  mae: number;
  mse: number;
  rmse: number;
  r2: number;
}

export function regressionMetricValues(predictions: Float64Array, labels: Float64Array, mask?: RowMask): RegressionMetricValues {
  let count = 0;
  // Column "error" = label − prediction: L1 and squared L2 norms.
  let errorL1 = 0;
  let errorM2 = 0;
  // Column "label": running mean and M2 over its non-zero entries, as Spark's summarizer keeps them.
  let labelNonZero = 0;
  let labelMean = 0;
  let labelM2n = 0;
  for (let row = 0; row < labels.length; row++) {
    if (!isSelected(mask, row)) continue;
    count++;
    const label = labels[row];
    const error = label - predictions[row];
    if (error !== 0) {
      errorL1 += Math.abs(error);
      errorM2 += error * error;
    }
    if (label !== 0) {
      const previousMean = labelMean;
      const diff = label - previousMean;
      labelMean = previousMean + diff / (labelNonZero + 1);
      labelM2n += (label - labelMean) * diff;
      labelNonZero++;
    }
  }
  const ssErr = Math.pow(Math.sqrt(errorM2), 2);
  // Spark's variance folds the implicit zeros back in: (M2n + mean² · nnz · (n − nnz) / n) / (n − 1).
  const denominator = count - count / count;
  const variance =
    denominator > 0 ? Math.max((labelM2n + ((labelMean * labelMean * labelNonZero) * (count - labelNonZero)) / count) / denominator, 0) : 0;
  const ssTot = variance * (count - 1);
  const mse = ssErr / count;
  return { mae: errorL1 / count, mse, rmse: Math.sqrt(mse), r2: 1 - ssErr / ssTot };
}
