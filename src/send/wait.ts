import { systemClock } from '../common/clock.js'

/** The shortest and longest pause between two GetInvalidation calls. */
export const MIN_POLL_DELAY_MS = 1000
export const MAX_POLL_DELAY_MS = 15000

/**
 * The pause before the next poll, from how long we have waited so far: one second for the first ten
 * seconds (a short invalidation is noticed within about a second), then a tenth of the time waited (so
 * completion is noticed within about 10 % of the wait), capped at 15 s. A 10-minute invalidation costs
 * about 70 polls, and one of 30 minutes about 150.
 */
export function pollDelay(elapsedMs: number): number {
  return Math.min(MAX_POLL_DELAY_MS, Math.max(MIN_POLL_DELAY_MS, Math.round(elapsedMs / 10)))
}

export interface WaitOptions {
  /** One GetInvalidation: resolves with true once the invalidation is complete. */
  poll: () => Promise<boolean>
  timeoutMs: number
  /** True for an error worth polling again after (throttling the SDK gave up on, a dropped connection). */
  isTransient: (error: unknown) => boolean
  onProgress?: (progress: { elapsedMs: number; polls: number; error?: unknown }) => void
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Ends the wait at once (the job was cancelled, or the step's deadline passed). */
  signal?: AbortSignal
}

export interface WaitResult {
  completed: boolean
  polls: number
  waitedMs: number
  /** Polls CloudFront answered (with any status): none means it was never reached while waiting. */
  answered: number
  /** The transient error of the last poll, when it failed: a timeout then says why, not just "InProgress". */
  lastError?: unknown
}

/**
 * Polls until complete or the deadline passes. A non-transient error (AccessDenied, say) ends the wait at
 * once: it would fail the same way on every poll until the timeout.
 */
export async function waitForCompletion(options: WaitOptions): Promise<WaitResult> {
  const {
    poll,
    timeoutMs,
    isTransient,
    onProgress,
    now = systemClock.now,
    sleep = systemClock.sleep,
    signal
  } = options
  const start = now()
  let polls = 0
  let answered = 0
  let error: unknown
  const stop = (): WaitResult => ({
    completed: false,
    polls,
    answered,
    waitedMs: now() - start,
    ...(error === undefined ? {} : { lastError: error })
  })
  for (;;) {
    const elapsed = now() - start
    const remaining = timeoutMs - elapsed
    if (remaining <= 0 || signal?.aborted) return stop()
    try {
      await sleep(Math.min(pollDelay(elapsed), remaining), signal)
    } catch {
      return stop()
    }
    polls++
    error = undefined
    try {
      const done = await poll()
      answered++
      if (done) return { completed: true, polls, answered, waitedMs: now() - start }
    } catch (caught) {
      // A poll cut short by the deadline or a cancellation is no answer, and no error of CloudFront's.
      if (signal?.aborted) return stop()
      if (!isTransient(caught)) throw caught
      error = caught
    }
    onProgress?.({ elapsedMs: now() - start, polls, ...(error === undefined ? {} : { error }) })
  }
}
