import type { Clock } from '../src/common/clock.js'

interface Timer {
  at: number
  seq: number
  fire: () => void
}

/**
 * A discrete-event clock for code with many concurrent sleepers (the pace, the poll scheduler): time
 * stands still while anything can run, then jumps to the next timer, in order. Unlike fakeTime, two
 * sleeps of 1 s at once end together, at 1 s.
 */
export function virtualClock() {
  let now = 0
  let seq = 0
  const timers: Timer[] = []
  const sleep: Clock['sleep'] = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error)
        return
      }
      const abort = () => {
        const index = timers.indexOf(timer)
        if (index >= 0) timers.splice(index, 1)
        reject(signal?.reason as Error)
      }
      const timer: Timer = {
        at: now + Math.max(0, ms),
        seq: seq++,
        fire: () => {
          signal?.removeEventListener('abort', abort)
          resolve()
        }
      }
      signal?.addEventListener('abort', abort, { once: true })
      timers.push(timer)
    })
  /** Lets every promise chain that can move, move. */
  const settle = async () => {
    for (let round = 0; round < 10; round++) await new Promise(done => setImmediate(done))
  }
  /** Runs until `promise` settles, jumping from timer to timer; fails on a deadlock. */
  async function run<T>(promise: Promise<T>): Promise<T> {
    let settled = false
    promise.then(
      () => (settled = true),
      () => (settled = true)
    )
    for (;;) {
      await settle()
      if (settled) return promise
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq)
      const next = timers.shift()
      if (!next) throw new Error('deadlock: nothing is sleeping and the promise has not settled')
      now = next.at
      next.fire()
    }
  }
  const clock: Pick<Clock, 'now' | 'sleep'> = { now: () => now, sleep }
  return { clock, now: () => now, sleep, run, settle }
}
