/**
 * A fleet's progress in the log: one line for the whole step ("12 of 30 created, 5 completed"), written
 * when something changed and at most every few seconds, or after a quiet spell to show the step is alive;
 * not one line per poll per target.
 */
import { formatDuration } from '../common/format.js'

export interface FleetCounts {
  total: number
  created: number
  completed: number
  failed: number
}

/** A changed count is logged at most this often; an unchanged one after this long. */
export const PROGRESS_EVERY_MS = 5_000
export const PROGRESS_QUIET_MS = 30_000

export function progressLine(counts: FleetCounts, wait: boolean, elapsedMs: number): string {
  const parts = [`${counts.created} of ${counts.total} created`]
  if (wait) parts.push(`${counts.completed} completed`)
  if (counts.failed > 0) parts.push(`${counts.failed} failed`)
  return `${parts.join(', ')} (${formatDuration(elapsedMs)})`
}

export class FleetProgress {
  private readonly counts: FleetCounts
  private readonly startedAt: number
  private loggedAt = -Infinity
  private logged = ''

  constructor(
    total: number,
    private readonly wait: boolean,
    private readonly now: () => number,
    private readonly log: (line: string) => void
  ) {
    this.counts = { total, created: 0, completed: 0, failed: 0 }
    this.startedAt = now()
  }

  /** The number of targets changed: a multi-tenant distribution's tenants took its place. */
  resize(total: number): void {
    this.counts.total = total
  }

  created(): void {
    this.counts.created++
    this.tick()
  }

  /** A target is done: its invalidation completed (or, without waiting, was created), or it failed. */
  settled(outcome: 'completed' | 'failed' | 'created'): void {
    if (outcome === 'completed') this.counts.completed++
    if (outcome === 'failed') this.counts.failed++
    this.tick()
  }

  /** Logs when due; `force` logs any change at once (the last line of the step). */
  tick(force = false): void {
    const now = this.now()
    const state = progressLine(this.counts, this.wait, 0)
    const changed = state !== this.logged
    const since = now - this.loggedAt
    if (!(changed && (force || since >= PROGRESS_EVERY_MS)) && since < PROGRESS_QUIET_MS) return
    this.loggedAt = now
    this.logged = state
    this.log(progressLine(this.counts, this.wait, now - this.startedAt))
  }
}
