/**
 * A fuzz property as its two halves, inputs and a check that throws on a bad outcome, so the unit tests
 * can hand it to fast-check (stop at the first failure, shrink it) and scripts/fuzz.ts can also count
 * every failing case of a 100,000-case run and time each case.
 */
import fc from 'fast-check';

export interface SyncFuzzProperty<T> {
  arbitrary: fc.Arbitrary<T>;
  /** Throws (an Error whose message shows the input) when the parser misbehaved on `value`. */
  check(value: T): void;
  async?: false;
}

/** For readers that read files or run a scheduler: the check is awaited. */
export interface AsyncFuzzProperty<T> {
  arbitrary: fc.Arbitrary<T>;
  check(value: T): Promise<void>;
  async: true;
}

export type FuzzProperty<T> = SyncFuzzProperty<T> | AsyncFuzzProperty<T>;

export function fuzzProperty<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => void): SyncFuzzProperty<T> {
  return { arbitrary, check };
}

export function asyncFuzzProperty<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>): AsyncFuzzProperty<T> {
  return { arbitrary, check, async: true };
}

/** How long one case may take in the unit tests: each is a small document, read in well under a millisecond. */
export const UNIT_CASE_BUDGET_MS = 2_000;

function checkDuration(started: number, budgetMs: number, value: unknown): void {
  const ms = performance.now() - started;
  if (ms > budgetMs) throw new Error(`one case took ${ms.toFixed(0)} ms (budget ${budgetMs} ms): ${fc.stringify(value).slice(0, 2000)}`);
}

/** The property fast-check runs; a case slower than `budgetMs` fails (a parser must not crawl, let alone hang). */
export function asProperty<T>(p: SyncFuzzProperty<T>, budgetMs = UNIT_CASE_BUDGET_MS): fc.IPropertyWithHooks<[T]> {
  return fc.property(p.arbitrary, (value) => {
    const started = performance.now();
    p.check(value);
    checkDuration(started, budgetMs, value);
  });
}

export function asAsyncProperty<T>(p: AsyncFuzzProperty<T>, budgetMs = UNIT_CASE_BUDGET_MS): fc.IAsyncPropertyWithHooks<[T]> {
  return fc.asyncProperty(p.arbitrary, async (value) => {
    const started = performance.now();
    await p.check(value);
    checkDuration(started, budgetMs, value);
  });
}
