/** Append-only typed arrays: model quality keeps one number per row, never one object per row. */

export class GrowableFloat64 {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The values pushed so far (a view while no more are pushed, no copy). */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export class GrowableInt32 {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
