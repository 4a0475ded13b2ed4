/**
 * Sum, mean, population standard deviation, min and max of a numeric column, computed the way Spark
 * does inside SageMaker's analyzer so the doubles agree to the last bit (analyzer-exactness
 * "Numerical statistics"):
 * - within a partition, `sum` is plain left-to-right addition and the second moment uses Spark's
 *   `CentralMomentAgg` update (delta = x - avg; deltaN = delta / n; avg += deltaN; m2 += delta * (delta - deltaN));
 * - partitions are combined with Spark's merge (partial sums added; moments merged with the
 *   parallel-variance formula), always in input order so the result never depends on worker count.
 */

export interface NumericMomentsState {
  count: number;
  sum: number;
  avg: number;
  m2: number;
  min: number;
  max: number;
}

export class NumericMoments {
  count = 0;
  sum = 0;
  avg = 0;
  m2 = 0;
  min = Infinity;
  max = -Infinity;

  add(x: number): void {
    const n = ++this.count;
    this.sum += x;
    const delta = x - this.avg;
    const deltaN = delta / n;
    this.avg += deltaN;
    this.m2 += delta * (delta - deltaN);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Spark's `CentralMomentAgg` merge of a later partition into this one. */
  merge(other: NumericMoments | NumericMomentsState): void {
    if (other.count === 0) return;
    const n1 = this.count;
    const n2 = other.count;
    const n = n1 + n2;
    const delta = other.avg - this.avg;
    const deltaN = n === 0 ? 0 : delta / n;
    this.avg = this.avg + deltaN * n2;
    this.m2 = this.m2 + other.m2 + delta * deltaN * n1 * n2;
    this.count = n;
    this.sum = n1 === 0 ? other.sum : this.sum + other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /** `mean` as SageMaker reports it: sum / num_present (not the running average). */
  get mean(): number {
    return this.sum / this.count;
  }

  /** Population standard deviation, sqrt(m2 / n). */
  get stdDev(): number {
    return Math.sqrt(this.m2 / this.count);
  }

  toState(): NumericMomentsState {
    return { count: this.count, sum: this.sum, avg: this.avg, m2: this.m2, min: this.min, max: this.max };
  }

  static fromState(state: NumericMomentsState): NumericMoments {
    const moments = new NumericMoments();
    Object.assign(moments, state);
    return moments;
  }
}
