import { setTimeout } from 'node:timers/promises'

/**
 * Retrying what the AWS SDK does not: TooManyInvalidationsInProgress is a 400 that the SDK treats as
 * final, yet it clears once earlier invalidations finish. Throttling, 5xx and dropped connections are
 * left to the SDK's own retry strategy (see cloudfront.ts).
 */

export const RETRY_BASE_DELAY_MS = 2_000
export const RETRY_MAX_DELAY_MS = 30_000

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
  /** Epoch ms by which a try must start; when the next would not, the last error is rethrown. */
  deadline: number
  onRetry?: (retry: { attempt: number; delayMs: number; error: unknown; remainingMs: number }) => void
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

/** Calls `attempt` until it succeeds, fails with an error not worth retrying, or the deadline comes. */
export async function retryUntil<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { shouldRetry, deadline, onRetry, now = Date.now, sleep = setTimeout, random = Math.random } = options
  for (let retries = 1; ; retries++) {
    try {
      return await attempt()
    } catch (error) {
      const remainingMs = deadline - now()
      const delayMs = retryDelay(retries, random)
      // A try that would start at or after the deadline cannot get through: report this error instead.
      if (!shouldRetry(error) || delayMs >= remainingMs) throw error
      onRetry?.({ attempt: retries, delayMs, error, remainingMs })
      await sleep(delayMs)
    }
  }
}
