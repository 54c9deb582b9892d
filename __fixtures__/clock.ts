import type { Clock } from '../src/common/clock.js'

/** A clock that only moves when the code under test sleeps (or a test advances it): fast and exact. */
export function fakeTime() {
  let now = 0
  const sleeps: number[] = []
  const timers: { at: number; controller: AbortController }[] = []
  const advance = (ms: number) => {
    now += ms
    for (const timer of timers.filter(timer => timer.at <= now && !timer.controller.signal.aborted)) {
      timer.controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))
    }
  }
  const clock: Clock = {
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted()
      sleeps.push(ms)
      advance(ms)
      signal?.throwIfAborted()
    },
    timeout: ms => {
      const controller = new AbortController()
      timers.push({ at: now + ms, controller })
      return controller.signal
    }
  }
  return { ...clock, sleeps, advance, clock }
}
