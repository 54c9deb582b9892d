import { describe, expect, it } from '@jest/globals'
import { virtualClock } from '../../__fixtures__/virtual-clock.js'
import { PollScheduler } from '../../src/send/polls.js'
import { pollDelay, waitForCompletion } from '../../src/send/wait.js'

describe('PollScheduler', () => {
  it('keeps a lone wait on its own schedule', async () => {
    const time = virtualClock()
    const polls = new PollScheduler(time.clock, () => 5)
    await time.run(polls.sleep(1000))
    expect(time.now()).toBe(1000)
    await time.run(polls.sleep(1500))
    expect(time.now()).toBe(2500)
  })

  it('spaces polls due together by the rate, earliest due first, none skipped', async () => {
    const time = virtualClock()
    const polls = new PollScheduler(time.clock, () => 5)
    const order: string[] = []
    const granted: number[] = []
    const due = (name: string, ms: number) =>
      polls.sleep(ms).then(() => {
        order.push(name)
        granted.push(time.now())
      })
    await time.run(Promise.all([due('c', 1000), due('a', 500), due('b', 500), due('d', 3000)]))
    expect(order).toEqual(['a', 'b', 'c', 'd'])
    expect(granted).toEqual([500, 700, 1000, 3000])
  })

  it('serves a poll due sooner that arrives while the scheduler sleeps for a later one', async () => {
    const time = virtualClock()
    const polls = new PollScheduler(time.clock, () => 5)
    const order: string[] = []
    const late = polls.sleep(10_000).then(() => order.push('late'))
    await time.settle()
    const soon = polls.sleep(1000).then(() => order.push('soon'))
    await time.run(Promise.all([late, soon]))
    expect(order).toEqual(['soon', 'late'])
    expect(time.now()).toBe(10_000)
  })

  it('reads the rate at every turn, so a throttled rate spaces polls further', async () => {
    const time = virtualClock()
    let rate = 5
    const polls = new PollScheduler(time.clock, () => rate)
    const granted: number[] = []
    const all = Array.from({ length: 4 }, () =>
      polls.sleep(0).then(() => {
        granted.push(time.now())
        rate = 1
      })
    )
    await time.run(Promise.all(all))
    expect(granted).toEqual([0, 1000, 2000, 3000])
  })

  it('drops an aborted poll from the queue', async () => {
    const time = virtualClock()
    const polls = new PollScheduler(time.clock, () => 1)
    const controller = new AbortController()
    const first = polls.sleep(0)
    const aborted = polls.sleep(0, controller.signal)
    const third = polls.sleep(0)
    controller.abort(new Error('deadline'))
    await expect(aborted).rejects.toThrow('deadline')
    await time.run(Promise.all([first, third]))
    expect(time.now()).toBe(1000)
    expect(polls.waiting).toBe(0)
    await expect(polls.sleep(1, AbortSignal.abort(new Error('already')))).rejects.toThrow('already')
  })

  it('holds 300 waits to the rate in total, each no more often than its own schedule', async () => {
    const time = virtualClock()
    const rate = 5
    const polls = new PollScheduler(time.clock, () => rate)
    const all: number[] = []
    const waits = Array.from({ length: 300 }, async (_, index) => {
      const mine: number[] = []
      const start = time.now()
      const result = await waitForCompletion({
        // Each completes 60 s after it started; the step polls through the one scheduler.
        poll: () => {
          mine.push(time.now() - start)
          all.push(time.now())
          return Promise.resolve(time.now() - start >= 60_000 + index)
        },
        timeoutMs: 3_600_000,
        isTransient: () => false,
        now: time.now,
        sleep: (ms, signal) => polls.sleep(ms, signal)
      })
      expect(result.completed).toBe(true)
      // Never sooner than wait.ts's own delay after the poll before.
      for (let poll = 1; poll < mine.length; poll++) {
        const previous = mine[poll - 1] ?? 0
        expect((mine[poll] ?? 0) - previous).toBeGreaterThanOrEqual(pollDelay(previous))
      }
    })
    await time.run(Promise.all(waits))
    all.sort((a, b) => a - b)
    // At most `rate` polls in any second.
    for (let index = rate; index < all.length; index++) {
      expect((all[index] ?? 0) - (all[index - rate] ?? 0)).toBeGreaterThanOrEqual(1000)
    }
    // Every wait was polled until it completed, each seeing completion within one round of the queue
    // (300 polls at 5/s: 60 s) of its completing.
    expect(all.length).toBeGreaterThan(300)
    expect(time.now()).toBeLessThanOrEqual(60_300 + 60_000 + 1000)
  })
})
