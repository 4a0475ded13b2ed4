/**
 * Which rows a metric is computed on: all of them, or a resample. A mask (1 = row taken) keeps rows in
 * their original order, which the left-to-right sums of the metrics depend on.
 */
export type RowMask = Uint8Array | undefined;

export function isSelected(mask: RowMask, row: number): boolean {
  return mask === undefined || mask[row] === 1;
}
