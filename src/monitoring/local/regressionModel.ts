/**
 * The model a local endpoint serves: gradient-boosted regression trees with squared-error loss, in the
 * spirit of XGBoost's `reg:squarederror` (second-order leaf weights, L2 regularisation `lambda`,
 * learning rate `eta`, depth limit), small enough to train in milliseconds and serialise to JSON.
 * Missing inputs (NaN, e.g. an empty CSV field) follow each split's default branch, which is the branch
 * that received more training rows — as XGBoost does for features never missing in training.
 */

export const LOCAL_MODEL_FORMAT = 'model-monitor-local-model';

export interface TreeArrays {
  /** Split feature index per node; -1 marks a leaf. */
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** 1 when a missing value goes left. */
  missingLeft: number[];
  /** Leaf output (already scaled by the learning rate); 0 for inner nodes. */
  value: number[];
}

export interface GradientBoostedTreesJson {
  format: typeof LOCAL_MODEL_FORMAT;
  version: 1;
  kind: 'gradient-boosted-trees';
  objective: 'reg:squarederror';
  featureNames: string[];
  baseScore: number;
  params: GradientBoostingParams;
  trees: TreeArrays[];
}

export interface GradientBoostingParams {
  rounds: number;
  learningRate: number;
  maxDepth: number;
  lambda: number;
  minChildWeight: number;
}

export const DEFAULT_BOOSTING_PARAMS: GradientBoostingParams = { rounds: 20, learningRate: 0.3, maxDepth: 6, lambda: 1, minChildWeight: 1 };

/** A trained model: predicts one value per row of features (NaN = missing). */
export class GradientBoostedTrees {
  private constructor(private readonly json: GradientBoostedTreesJson) {}

  get featureNames(): readonly string[] {
    return this.json.featureNames;
  }

  predict(row: readonly number[]): number {
    if (row.length !== this.json.featureNames.length) {
      throw new Error(`Expected ${this.json.featureNames.length} features (${this.json.featureNames.join(', ')}), got ${row.length}`);
    }
    let sum = this.json.baseScore;
    for (const tree of this.json.trees) {
      let node = 0;
      while (tree.feature[node] >= 0) {
        const x = row[tree.feature[node]];
        const goLeft = Number.isNaN(x) ? tree.missingLeft[node] === 1 : x < tree.threshold[node];
        node = goLeft ? tree.left[node] : tree.right[node];
      }
      sum += tree.value[node];
    }
    return sum;
  }

  toJSON(): GradientBoostedTreesJson {
    return this.json;
  }

  /** Validates a stored model (names what is wrong) and loads it. */
  static fromJSON(value: unknown, source = 'model'): GradientBoostedTrees {
    const fail = (what: string): never => {
      throw new Error(`${source}: ${what}`);
    };
    if (typeof value !== 'object' || value === null) fail('not a JSON object');
    const m = value as Partial<GradientBoostedTreesJson>;
    if (m.format !== LOCAL_MODEL_FORMAT) fail(`"format" must be "${LOCAL_MODEL_FORMAT}"`);
    if (m.kind !== 'gradient-boosted-trees') fail(`unsupported model kind ${JSON.stringify(m.kind)}`);
    if (!Array.isArray(m.featureNames) || m.featureNames.some((n) => typeof n !== 'string')) fail('"featureNames" must be a list of names');
    if (typeof m.baseScore !== 'number') fail('"baseScore" must be a number');
    if (!Array.isArray(m.trees)) fail('"trees" must be a list');
    const features = m.featureNames!.length;
    m.trees!.forEach((t, i) => {
      const n = t?.feature?.length;
      const keys = ['feature', 'threshold', 'left', 'right', 'missingLeft', 'value'] as const;
      if (!n || keys.some((k) => !Array.isArray(t[k]) || t[k].length !== n)) fail(`trees[${i}] must hold equally long arrays ${keys.join(', ')}`);
      for (let node = 0; node < n!; node++) {
        const f = t.feature[node];
        if (f >= features) fail(`trees[${i}] node ${node} splits on feature ${f}, but the model has ${features}`);
        if (f >= 0 && !(t.left[node] > node && t.left[node] < n! && t.right[node] > node && t.right[node] < n!)) {
          fail(`trees[${i}] node ${node} has children outside the tree`);
        }
      }
    });
    return new GradientBoostedTrees(m as GradientBoostedTreesJson);
  }

  /** Fits `rounds` trees to (rows, targets). Deterministic: no sampling. */
  static train(
    featureNames: readonly string[],
    rows: readonly (readonly number[])[],
    targets: readonly number[],
    params: Partial<GradientBoostingParams> = {},
  ): GradientBoostedTrees {
    const p = { ...DEFAULT_BOOSTING_PARAMS, ...params };
    if (rows.length === 0 || rows.length !== targets.length) throw new Error(`Need as many targets as rows (got ${rows.length} rows, ${targets.length} targets)`);
    const width = featureNames.length;
    rows.forEach((r, i) => {
      if (r.length !== width) throw new Error(`Training row ${i} has ${r.length} values; expected ${width}`);
      if (r.some((x) => !Number.isFinite(x))) throw new Error(`Training row ${i} has a missing or non-finite value`);
    });
    const baseScore = targets.reduce((a, b) => a + b, 0) / targets.length;
    const predictions = new Float64Array(rows.length).fill(baseScore);
    // Pre-sorted row order per feature, reused by every split search.
    const sortedByFeature = Array.from({ length: width }, (_, f) => Int32Array.from(rows.keys()).sort((a, b) => rows[a][f] - rows[b][f]));
    const trees: TreeArrays[] = [];
    for (let round = 0; round < p.rounds; round++) {
      const gradients = Float64Array.from(predictions, (pred, i) => pred - targets[i]); // hessian is 1
      const tree = growTree(rows, gradients, sortedByFeature, p);
      trees.push(tree);
      const model = new GradientBoostedTrees({ format: LOCAL_MODEL_FORMAT, version: 1, kind: 'gradient-boosted-trees', objective: 'reg:squarederror', featureNames: [], baseScore: 0, params: p, trees: [tree] });
      for (let i = 0; i < rows.length; i++) predictions[i] += model.leafValue(rows[i]);
    }
    return new GradientBoostedTrees({
      format: LOCAL_MODEL_FORMAT,
      version: 1,
      kind: 'gradient-boosted-trees',
      objective: 'reg:squarederror',
      featureNames: [...featureNames],
      baseScore,
      params: p,
      trees,
    });
  }

  /** Sum of leaf values without the base score or feature-count check (training helper). */
  private leafValue(row: readonly number[]): number {
    let sum = 0;
    for (const tree of this.json.trees) {
      let node = 0;
      while (tree.feature[node] >= 0) node = row[tree.feature[node]] < tree.threshold[node] ? tree.left[node] : tree.right[node];
      sum += tree.value[node];
    }
    return sum;
  }
}

function growTree(rows: readonly (readonly number[])[], gradients: Float64Array, sortedByFeature: Int32Array[], p: GradientBoostingParams): TreeArrays {
  const tree: TreeArrays = { feature: [], threshold: [], left: [], right: [], missingLeft: [], value: [] };
  const nodeOf = new Int32Array(rows.length); // which open node each row sits in
  const addNode = (): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(0);
    tree.right.push(0);
    tree.missingLeft.push(0);
    tree.value.push(0);
    return tree.feature.length - 1;
  };
  const leafWeight = (g: number, h: number) => (-g / (h + p.lambda)) * p.learningRate;
  const score = (g: number, h: number) => (g * g) / (h + p.lambda);

  let open = new Map<number, { g: number; h: number }>([[addNode(), { g: gradients.reduce((a, b) => a + b, 0), h: rows.length }]]);
  for (let depth = 0; depth < p.maxDepth && open.size > 0; depth++) {
    // Best split per open node, found in one pass per feature over the pre-sorted rows.
    const best = new Map<number, { gain: number; feature: number; threshold: number; leftH: number; leftG: number }>();
    for (let f = 0; f < sortedByFeature.length; f++) {
      const acc = new Map<number, { g: number; h: number; last: number }>();
      for (const i of sortedByFeature[f]) {
        const node = nodeOf[i];
        const total = open.get(node);
        if (!total) continue;
        const x = rows[i][f];
        let a = acc.get(node);
        if (!a) acc.set(node, (a = { g: 0, h: 0, last: Number.NaN }));
        // A split can fall between two distinct values: evaluate before adding row i.
        if (a.h >= p.minChildWeight && total.h - a.h >= p.minChildWeight && x > a.last) {
          const gain = score(a.g, a.h) + score(total.g - a.g, total.h - a.h) - score(total.g, total.h);
          const current = best.get(node);
          if (gain > 1e-12 && (!current || gain > current.gain)) {
            best.set(node, { gain, feature: f, threshold: (a.last + x) / 2, leftH: a.h, leftG: a.g });
          }
        }
        a.g += gradients[i];
        a.h += 1;
        a.last = x;
      }
    }
    const next = new Map<number, { g: number; h: number }>();
    const children = new Map<number, [number, number]>();
    for (const [node, total] of open) {
      const split = best.get(node);
      if (!split) {
        tree.value[node] = leafWeight(total.g, total.h);
        continue;
      }
      const l = addNode();
      const r = addNode();
      tree.feature[node] = split.feature;
      tree.threshold[node] = split.threshold;
      tree.left[node] = l;
      tree.right[node] = r;
      tree.missingLeft[node] = split.leftH >= total.h - split.leftH ? 1 : 0;
      next.set(l, { g: split.leftG, h: split.leftH });
      next.set(r, { g: total.g - split.leftG, h: total.h - split.leftH });
      children.set(node, [l, r]);
    }
    for (let i = 0; i < rows.length; i++) {
      const c = children.get(nodeOf[i]);
      if (c) nodeOf[i] = rows[i][tree.feature[nodeOf[i]]] < tree.threshold[nodeOf[i]] ? c[0] : c[1];
    }
    open = next;
  }
  for (const [node, total] of open) tree.value[node] = leafWeight(total.g, total.h);
  return tree;
}
