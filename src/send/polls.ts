/**
 * The step's one poll scheduler. Every wait keeps its own schedule (wait.ts: every second at first, then
 * backing off), but all polls of the step go out one at a time, the earliest due first, no closer together
 * than the step's GetInvalidation rate allows (pace.ts, which halves it on Throttling): 300 invalidations
 * waited for mean at most that rate, not 300 calls a second. When polls are due faster than the rate,
 * each is simply later; none is skipped, and no wait is starved (earliest due goes first).
 */
import type { Clock } from '../common/clock.js'

interface Entry {
  dueAt: number
  seq: number
  resolve: () => void
}

export class PollScheduler {
  private readonly entries: Entry[] = []
  private seq = 0
  private lastGrant = -Infinity
  private pumping = false
  private wake: AbortController | undefined

  constructor(
    private readonly clock: Pick<Clock, 'now' | 'sleep'>,
    /** Polls a second allowed now (the step's GetInvalidation rate). */
    private readonly perSecond: () => number
  ) {}

  /** Polls waiting for their turn. */
  get waiting(): number {
    return this.entries.length
  }

  /**
   * Resolves once `ms` have passed and it is this poll's turn; it has the signature of Clock.sleep, so a
   * wait (wait.ts) takes it in place of its sleep. Rejects with the signal's reason when it aborts.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    return new Promise<void>((resolve, reject) => {
      const entry: Entry = {
        dueAt: this.clock.now() + ms,
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', abort)
          resolve()
        }
      }
      const abort = () => {
        const index = this.entries.indexOf(entry)
        if (index >= 0) this.entries.splice(index, 1)
        reject(signal?.reason as Error)
        this.wake?.abort()
      }
      signal?.addEventListener('abort', abort, { once: true })
      const at = this.entries.findIndex(other => earlier(entry, other))
      this.entries.splice(at < 0 ? this.entries.length : at, 0, entry)
      // A poll due before the one the pump sleeps for wakes it to look again.
      if (this.pumping) this.wake?.abort()
      else void this.pump()
    })
  }

  private async pump(): Promise<void> {
    this.pumping = true
    try {
      for (let head = this.entries[0]; head; head = this.entries[0]) {
        const spacing = 1000 / Math.max(this.perSecond(), Number.MIN_VALUE)
        const at = Math.max(head.dueAt, this.lastGrant + spacing)
        const now = this.clock.now()
        if (at > now) {
          const wake = new AbortController()
          this.wake = wake
          try {
            await this.clock.sleep(at - now, wake.signal)
          } catch {
            // Woken early: a poll due sooner arrived, or one left.
          }
          continue
        }
        this.entries.shift()
        this.lastGrant = now
        head.resolve()
      }
    } finally {
      this.pumping = false
      this.wake = undefined
    }
  }
}

function earlier(a: Entry, b: Entry): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq)
}
