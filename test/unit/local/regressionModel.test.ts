import { strict as assert } from 'node:assert';
import { GradientBoostedTrees } from '../../../src/monitoring/local/regressionModel';

describe('GradientBoostedTrees (the local endpoint model)', () => {
  const rows: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i < 400; i++) {
    const x = (i % 20) / 2;
    const y = Math.floor(i / 20) / 4;
    rows.push([x, y]);
    targets.push(x > 5 ? 10 + y : 2 + y);
  }

  it('learns a step function well enough to tell its sides apart', () => {
    const model = GradientBoostedTrees.train(['x', 'y'], rows, targets);
    assert.ok(Math.abs(model.predict([2, 1]) - 3) < 0.5, `left side: ${model.predict([2, 1])}`);
    assert.ok(Math.abs(model.predict([8, 1]) - 11) < 0.5, `right side: ${model.predict([8, 1])}`);
  });

  it('predicts the same after a JSON round trip', () => {
    const model = GradientBoostedTrees.train(['x', 'y'], rows, targets);
    const copy = GradientBoostedTrees.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const row of [[0, 0], [5.5, 2], [9, 4], [Number.NaN, 1]]) assert.equal(copy.predict(row), model.predict(row));
  });

  it('sends a missing value down a branch instead of failing', () => {
    const model = GradientBoostedTrees.train(['x', 'y'], rows, targets);
    assert.ok(Number.isFinite(model.predict([Number.NaN, Number.NaN])));
  });

  it('names what is wrong with a stored model or a request', () => {
    const model = GradientBoostedTrees.train(['x', 'y'], rows, targets);
    assert.throws(() => model.predict([1]), /Expected 2 features \(x, y\), got 1/);
    assert.throws(() => GradientBoostedTrees.fromJSON({ ...model.toJSON(), featureNames: 'x' }, 'models/m.json'), /models\/m\.json: "featureNames"/);
    const broken = { ...model.toJSON(), trees: [{ ...model.toJSON().trees[0], left: [] }] };
    assert.throws(() => GradientBoostedTrees.fromJSON(broken, 'm'), /trees\[0\]/);
  });
});
