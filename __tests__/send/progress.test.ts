import { describe, expect, it } from '@jest/globals'
import { FleetProgress, PROGRESS_EVERY_MS, PROGRESS_QUIET_MS, progressLine } from '../../src/send/progress.js'

describe('progressLine', () => {
  it('counts the fleet in one line', () => {
    expect(progressLine({ total: 30, created: 12, completed: 5, failed: 0 }, true, 25_000)).toBe(
      '12 of 30 created, 5 completed (25.0 s)'
    )
    expect(progressLine({ total: 30, created: 30, completed: 0, failed: 2 }, false, 61_000)).toBe(
      '30 of 30 created, 2 failed (1 min 1 s)'
    )
  })
})

describe('FleetProgress', () => {
  function track(wait = true) {
    let now = 0
    const lines: string[] = []
    const progress = new FleetProgress(
      3,
      wait,
      () => now,
      line => lines.push(line)
    )
    return { progress, lines, at: (ms: number) => (now = ms) }
  }

  it('logs a change at once after a quiet spell, then at most every few seconds', () => {
    const { progress, lines, at } = track()
    at(1000)
    progress.created()
    at(1500)
    progress.created()
    progress.created()
    expect(lines).toEqual(['1 of 3 created, 0 completed (1.0 s)'])
    at(1000 + PROGRESS_EVERY_MS)
    progress.tick()
    expect(lines.at(-1)).toBe('3 of 3 created, 0 completed (6.0 s)')
  })

  it('says nothing while nothing changes, until a quiet spell is long enough', () => {
    const { progress, lines, at } = track()
    progress.created()
    at(PROGRESS_EVERY_MS * 2)
    progress.tick()
    expect(lines).toHaveLength(1)
    at(PROGRESS_QUIET_MS)
    progress.tick()
    expect(lines).toHaveLength(2)
  })

  it('logs the last change when forced at the end, and nothing twice', () => {
    const { progress, lines, at } = track()
    progress.created()
    at(100)
    progress.settled('completed')
    progress.settled('failed')
    progress.tick(true)
    expect(lines.at(-1)).toBe('1 of 3 created, 1 completed, 1 failed (0.1 s)')
    progress.tick(true)
    expect(lines).toHaveLength(2)
  })
})
