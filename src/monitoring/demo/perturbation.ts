/**
 * The chapter's traffic perturbation (spec §8.4), step for step, on our seeded generator:
 * `add_randomness` (p = 0.1) multiplies each selected feature by N(1, 0.5²) noise and overwrites Sex
 * with 0.0 or 1.0 unless Sex itself was selected (then it keeps its value) — so Sex drifts strongly;
 * `drop_randomly` (p = 0.05) blanks each value, so completeness falls to about 95 %.
 */
import type { DemoRandom } from './prng';
import { pythonFloat } from './pythonFloat';

export function addRandomness(features: readonly number[], random: DemoRandom, probability = 0.1): number[] {
  const selected = features.map(() => (random.uniform() < probability ? 1 : 0));
  const noisy = features.map((x, i) => x * random.normal(1, 0.5 * selected[i]));
  noisy[0] = selected[0] === 0 ? random.int(2) : features[0];
  return noisy;
}

export function dropRandomly(features: readonly number[], random: DemoRandom, probability = 0.05): number[] {
  return features.map((x) => (random.uniform() < probability ? Number.NaN : x));
}

/** Both perturbations, in the chapter's order. */
export function perturb(features: readonly number[], random: DemoRandom): number[] {
  return dropRandomly(addRandomness(features, random), random);
}

/** `','.join(str(v) for v in x).replace('nan', '')`: a missing value becomes an empty CSV field. */
export function toCsvPayload(features: readonly number[]): string {
  return features.map((x) => (Number.isNaN(x) ? '' : pythonFloat(x))).join(',');
}
