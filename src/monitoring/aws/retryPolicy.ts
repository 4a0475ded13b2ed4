/**
 * The retry policy of our SDK clients: the SDK's "standard" rules (retry throttling, server errors and
 * transient network failures up to `maxAttempts` in all, never client errors), with the back-off delay
 * supplied by the caller — the extension uses exponential back-off with jitter, tests a few
 * milliseconds, so retries are exercised over the wire without slowing the suite.
 */

export type RetryErrorKind = 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';

/** Delay before retry number `retry` (1 for the first retry) after an error of `kind`. */
export type RetryDelay = (retry: number, kind: RetryErrorKind) => number;

/** Exponential back-off with full jitter, as the SDK's standard mode: base 100 ms (500 ms when throttled), at most 20 s. */
export const exponentialBackoff: RetryDelay = (retry, kind) => {
  const base = kind === 'THROTTLING' ? 500 : 100;
  return Math.floor(Math.random() * Math.min(20_000, base * 2 ** (retry - 1)));
};

interface Token {
  getRetryCount(): number;
  getRetryDelay(): number;
}

/** Structurally the SDK's `RetryStrategyV2` (the type lives in a package we do not depend on directly). */
export class DelayHookRetryStrategy {
  constructor(
    private readonly maxAttempts: number,
    private readonly delay: RetryDelay,
  ) {
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  }

  async acquireInitialRetryToken(_scope: string): Promise<Token> {
    return token(0, 0);
  }

  async refreshRetryTokenForRetry(previous: Token, info: { errorType: RetryErrorKind; retryAfterHint?: Date }): Promise<Token> {
    const retries = previous.getRetryCount() + 1;
    if (info.errorType === 'CLIENT_ERROR' || retries >= this.maxAttempts) {
      throw new Error(`No retry: ${info.errorType} after ${retries} attempt(s)`);
    }
    const hinted = info.retryAfterHint ? Math.max(0, info.retryAfterHint.getTime() - Date.now()) : 0;
    return token(retries, Math.max(this.delay(retries, info.errorType), Math.min(hinted, 20_000)));
  }

  recordSuccess(_token: Token): void {
    // Nothing to account for: no retry quota is kept across calls.
  }
}

function token(retryCount: number, delay: number): Token {
  return { getRetryCount: () => retryCount, getRetryDelay: () => delay };
}
