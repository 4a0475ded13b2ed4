/**
 * The project's seeded generator for reproducible randomness (model-quality resampling, benchmark data):
 * the same seed gives the same numbers on every machine. The demo has its own (demo/prng.ts, sfc32) so
 * that demo workspaces stay exactly as they were for a seed.
 */

/** mulberry32: a small, fast, seedable 32-bit generator returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
