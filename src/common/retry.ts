import { systemClock } from './clock.js'

/**
 * Retrying what the AWS SDK does not: TooManyInvalidationsInProgress is a 400 that the SDK treats as
 * final, yet it clears once earlier invalidations finish. Throttling, 5xx and dropped connections are
 * left to the SDK's own retry strategy (see cloudfront/client.ts).
 */

export const RETRY_BASE_DELAY_MS = 2_000
export const RETRY_MAX_DELAY_MS = 30_000
/** The last try starts this long before the deadline, so that it has time to be answered. */
export const LAST_TRY_MS = 1_000

/**
 * The pause before retry number `attempt` (1, 2, ...): exponential from 2 s, capped at 30 s, with "equal
 * jitter" (half fixed, half random) so overlapping deploys spread out but never retry at once.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

export interface RetryOptions {
  /** True for the errors worth another try after a pause. */
  shouldRetry: (error: unknown) => boolean
  /**
   * When tries must stop, on the `now` clock. When the next backoff would pass it, one last try is made
   * LAST_TRY_MS before it instead; after that the last error is rethrown.
   */
  deadline: number
  onRetry?: (retry: { attempt: number; delayMs: number; error: unknown; remainingMs: number }) => void
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
  /** Ends a pause at once (the job was cancelled): the last error is rethrown. */
  signal?: AbortSignal
}

/** Calls `attempt` until it succeeds, fails with an error not worth retrying, or the deadline comes. */
export async function retryUntil<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const {
    shouldRetry,
    deadline,
    onRetry,
    now = systemClock.now,
    sleep = systemClock.sleep,
    random = Math.random,
    signal
  } = options
  let lastTry = false
  for (let retries = 1; ; retries++) {
    try {
      return await attempt()
    } catch (error) {
      if (!shouldRetry(error) || lastTry || signal?.aborted) throw error
      const remainingMs = deadline - now()
      let delayMs = retryDelay(retries, random)
      if (delayMs > remainingMs - LAST_TRY_MS) {
        // The backoff would pass the deadline: try once more just before it, not never again.
        if (remainingMs <= LAST_TRY_MS) throw error
        delayMs = remainingMs - LAST_TRY_MS
        lastTry = true
      }
      onRetry?.({ attempt: retries, delayMs, error, remainingMs })
      try {
        await sleep(delayMs, signal)
      } catch {
        throw error
      }
    }
  }
}
