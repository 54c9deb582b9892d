import { describe, expect, it } from '@jest/globals'
import { fakeTime } from '../../__fixtures__/clock.js'
import {
  LAST_TRY_MS,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  retryDelay,
  retryUntil
} from '../../src/common/retry.js'

const tooMany = Object.assign(new Error('Your request contains too many invalidations.'), {
  name: 'TooManyInvalidationsInProgress'
})
const denied = Object.assign(new Error('not authorized'), { name: 'AccessDenied' })
const isTooMany = (error: unknown) => error === tooMany

/** An operation that fails with the given errors, in order, then succeeds. */
function failing(...errors: Error[]) {
  const calls: number[] = []
  return {
    calls,
    attempt: (now: () => number) => async () => {
      calls.push(now())
      const error = errors[calls.length - 1]
      if (error) throw error
      return 'created'
    }
  }
}

describe('retryDelay', () => {
  it.each([
    // attempt, with no jitter (random 0), with the most jitter (random 1)
    [1, 1_000, 2_000],
    [2, 2_000, 4_000],
    [3, 4_000, 8_000],
    [4, 8_000, 16_000],
    [5, 15_000, 30_000],
    [9, 15_000, 30_000]
  ])('retry %i waits from %i to %i ms', (attempt, low, high) => {
    expect(retryDelay(attempt, () => 0)).toBe(low)
    expect(retryDelay(attempt, () => 0.999999)).toBe(high)
    expect(retryDelay(attempt, () => 0.5)).toBe((low + high) / 2)
  })

  it('never goes below half the base or above the cap, whatever the jitter', () => {
    for (let attempt = 1; attempt < 40; attempt++) {
      for (const random of [0, 0.1, 0.5, 0.9, 0.9999]) {
        const delay = retryDelay(attempt, () => random)
        expect(delay).toBeGreaterThanOrEqual(RETRY_BASE_DELAY_MS / 2)
        expect(delay).toBeLessThanOrEqual(RETRY_MAX_DELAY_MS)
      }
    }
  })
})

describe('retryUntil', () => {
  it('retries a retryable error with growing pauses until it succeeds', async () => {
    const time = fakeTime()
    const op = failing(tooMany, tooMany, tooMany)
    const retries: { attempt: number; delayMs: number }[] = []
    const result = await retryUntil(op.attempt(time.now), {
      shouldRetry: isTooMany,
      deadline: 60_000,
      onRetry: ({ attempt, delayMs }) => retries.push({ attempt, delayMs }),
      now: time.now,
      sleep: time.sleep,
      random: () => 0.5
    })
    expect(result).toBe('created')
    expect(time.sleeps).toEqual([1_500, 3_000, 6_000])
    expect(op.calls).toEqual([0, 1_500, 4_500, 10_500])
    expect(retries).toEqual([
      { attempt: 1, delayMs: 1_500 },
      { attempt: 2, delayMs: 3_000 },
      { attempt: 3, delayMs: 6_000 }
    ])
  })

  it('rethrows an error not worth retrying at once', async () => {
    const time = fakeTime()
    const op = failing(denied)
    await expect(
      retryUntil(op.attempt(time.now), {
        shouldRetry: isTooMany,
        deadline: 60_000,
        now: time.now,
        sleep: time.sleep
      })
    ).rejects.toBe(denied)
    expect(op.calls).toHaveLength(1)
    expect(time.sleeps).toEqual([])
  })

  it('makes one last try just before the deadline when the next backoff would pass it, then gives up', async () => {
    const time = fakeTime()
    const op = failing(...Array.from({ length: 100 }, () => tooMany))
    await expect(
      retryUntil(op.attempt(time.now), {
        shouldRetry: isTooMany,
        deadline: 10_000,
        now: time.now,
        sleep: time.sleep,
        random: () => 0
      })
    ).rejects.toBe(tooMany)
    // Pauses of 1, 2 and 4 s fit in 10 s; the next (8 s, from 7 s) would pass the deadline, so the
    // last try is made LAST_TRY_MS before it instead of never.
    expect(op.calls).toEqual([0, 1_000, 3_000, 7_000, 10_000 - LAST_TRY_MS])
    expect(time.now()).toBeLessThanOrEqual(10_000)
  })

  it('makes no extra try when the deadline is too close for one', async () => {
    const time = fakeTime()
    const op = failing(...Array.from({ length: 100 }, () => tooMany))
    await expect(
      retryUntil(op.attempt(time.now), {
        shouldRetry: isTooMany,
        deadline: LAST_TRY_MS,
        now: time.now,
        sleep: time.sleep,
        random: () => 0
      })
    ).rejects.toBe(tooMany)
    expect(op.calls).toEqual([0])
  })

  it('stops pausing at once when its signal aborts (a cancelled job)', async () => {
    const controller = new AbortController()
    const op = failing(tooMany, tooMany)
    const retrying = retryUntil(
      op.attempt(() => 0),
      {
        shouldRetry: isTooMany,
        deadline: performance.now() + 600_000,
        signal: controller.signal
      }
    )
    setTimeout(() => {
      controller.abort(new Error('cancelled'))
    }, 50)
    await expect(retrying).rejects.toBe(tooMany)
    expect(op.calls).toHaveLength(1)
  })
})
