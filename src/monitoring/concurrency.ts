/**
 * Bounded concurrency for fan-out calls (describe N resources, list the latest execution of N
 * schedules): enough in flight to hide latency, few enough not to trip the service's rate limits.
 */

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order.
 * The first failure rejects the whole map once the calls already in flight have settled, and no
 * further calls start after it.
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`mapWithConcurrency: limit must be a positive integer, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
