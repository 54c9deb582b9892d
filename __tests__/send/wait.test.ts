import { describe, expect, it } from '@jest/globals'
import {
  MAX_POLL_DELAY_MS,
  MIN_POLL_DELAY_MS,
  pollDelay,
  waitForCompletion,
  type WaitOptions
} from '../../src/send/wait.js'
import { fakeTime } from '../../__fixtures__/clock.js'

type Progress = Parameters<NonNullable<WaitOptions['onProgress']>>[0]

/** An invalidation that completes once the fake clock reaches completesAtMs. */
function setup(completesAtMs: number, timeoutMs: number) {
  const time = fakeTime()
  const pollTimes: number[] = []
  const progress: Progress[] = []
  const options: WaitOptions = {
    poll: async () => {
      pollTimes.push(time.now())
      return time.now() >= completesAtMs
    },
    timeoutMs,
    isTransient: () => false,
    onProgress: p => progress.push(p),
    now: time.now,
    sleep: time.sleep
  }
  return { time, pollTimes, progress, options }
}

describe('pollDelay', () => {
  it.each([
    [0, 1000],
    [5_000, 1000],
    [10_000, 1000],
    [20_000, 2000],
    [60_000, 6000],
    [149_000, 14_900],
    [150_000, 15_000],
    [3_600_000, 15_000]
  ])('after %d ms waits %d ms', (elapsed, delay) => {
    expect(pollDelay(elapsed)).toBe(delay)
  })

  it.each([0, 1, 999, 9_999, 12_345, 99_999, 1e6, 1e9])(
    'stays between the floor and the cap at %d ms',
    elapsed => {
      expect(pollDelay(elapsed)).toBeGreaterThanOrEqual(MIN_POLL_DELAY_MS)
      expect(pollDelay(elapsed)).toBeLessThanOrEqual(MAX_POLL_DELAY_MS)
    }
  )

  it('polls every second in the first ten seconds', async () => {
    const { time, options } = setup(10_000, 60_000)
    const result = await waitForCompletion(options)
    expect(time.sleeps).toEqual(Array(10).fill(1000))
    expect(result).toEqual({ completed: true, polls: 10, answered: 10, waitedMs: 10_000 })
  })

  it.each([
    [10 * 60_000, 100],
    [30 * 60_000, 200]
  ])('notices a %d ms invalidation in fewer than %d polls', async (duration, maxPolls) => {
    const { options, pollTimes } = setup(duration, 6 * 3600_000)
    const result = await waitForCompletion(options)
    expect(result.completed).toBe(true)
    expect(result.polls).toBeLessThan(maxPolls)
    // ... and completion is still noticed within 15 s.
    expect(result.waitedMs - duration).toBeLessThanOrEqual(MAX_POLL_DELAY_MS)
    expect(pollTimes).toHaveLength(result.polls)
  })
})

describe('waitForCompletion', () => {
  it('reports completion with the exact number of polls and time waited', async () => {
    const { options, progress } = setup(3_000, 60_000)
    expect(await waitForCompletion(options)).toEqual({
      completed: true,
      polls: 3,
      answered: 3,
      waitedMs: 3_000
    })
    // A progress line after every poll that found the invalidation still in progress.
    expect(progress).toEqual([
      { elapsedMs: 1_000, polls: 1 },
      { elapsedMs: 2_000, polls: 2 }
    ])
  })

  it('counts the time a poll takes in the time waited', async () => {
    const { time, options } = setup(0, 60_000)
    const poll = options.poll
    options.poll = async () => {
      time.advance(250)
      return poll()
    }
    expect(await waitForCompletion(options)).toEqual({
      completed: true,
      polls: 1,
      answered: 1,
      waitedMs: 1_250
    })
  })

  it('stops at the deadline: never sleeps past it, polls once at it, then gives up', async () => {
    const timeoutMs = 25_500
    const { time, options, pollTimes } = setup(Infinity, timeoutMs)
    const result = await waitForCompletion(options)
    expect(result).toEqual({
      completed: false,
      polls: pollTimes.length,
      answered: pollTimes.length,
      waitedMs: timeoutMs
    })
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBe(timeoutMs)
    expect(Math.max(...pollTimes)).toBe(timeoutMs)
    expect(pollTimes.filter(t => t === timeoutMs)).toHaveLength(1)
  })

  it('gives up without sleeping again when a slow poll ran past the deadline', async () => {
    const { time, options } = setup(Infinity, 5_000)
    options.poll = async () => {
      time.advance(10_000)
      return false
    }
    const result = await waitForCompletion(options)
    expect(result).toEqual({ completed: false, polls: 1, answered: 1, waitedMs: 11_000 })
    expect(time.sleeps).toEqual([1000])
  })

  it('still reports completion found by the poll at the deadline', async () => {
    const { options } = setup(2_500, 2_500)
    expect(await waitForCompletion(options)).toMatchObject({ completed: true, waitedMs: 2_500 })
  })

  it('rethrows a non-transient error at once, after one poll, not at the timeout', async () => {
    const { time, options } = setup(Infinity, 1800_000)
    const denied = Object.assign(new Error('Access denied'), { name: 'AccessDenied' })
    let polls = 0
    options.poll = async () => {
      polls++
      throw denied
    }
    await expect(waitForCompletion(options)).rejects.toBe(denied)
    expect(polls).toBe(1)
    expect(time.now()).toBe(1000)
  })

  it('reports a transient error through onProgress and keeps polling', async () => {
    const { time, options, progress } = setup(Infinity, 60_000)
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })
    const answers: (boolean | Error)[] = [throttled, false, throttled, true]
    options.poll = async () => {
      const answer = answers.shift()
      if (answer instanceof Error) throw answer
      return answer ?? false
    }
    options.isTransient = error => error === throttled
    expect(await waitForCompletion(options)).toEqual({
      completed: true,
      polls: 4,
      answered: 2,
      waitedMs: 4_000
    })
    expect(progress).toEqual([
      { elapsedMs: 1_000, polls: 1, error: throttled },
      { elapsedMs: 2_000, polls: 2 },
      { elapsedMs: 3_000, polls: 3, error: throttled }
    ])
    expect(time.sleeps).toHaveLength(4)
  })

  it('times out when every poll fails with a transient error, keeping the last one to report', async () => {
    const { options } = setup(Infinity, 5_000)
    const hangUp = new Error('socket hang up')
    options.poll = async () => {
      throw hangUp
    }
    options.isTransient = () => true
    expect(await waitForCompletion(options)).toEqual({
      completed: false,
      polls: 5,
      answered: 0,
      waitedMs: 5_000,
      lastError: hangUp
    })
  })

  it('ends at once, without an error of its own, when its signal aborts during a poll', async () => {
    const { options } = setup(Infinity, 60_000)
    const controller = new AbortController()
    options.signal = controller.signal
    options.poll = async () => {
      controller.abort(new Error('cancelled'))
      throw new Error('The operation was aborted')
    }
    options.isTransient = () => false
    expect(await waitForCompletion(options)).toEqual({
      completed: false,
      polls: 1,
      answered: 0,
      waitedMs: 1_000
    })
  })
})
