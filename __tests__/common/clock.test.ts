import { EventEmitter } from 'node:events'
import { describe, expect, it } from '@jest/globals'
import {
  CancelledError,
  GRACE_MS,
  cancelOnSignals,
  graceAfter,
  isCancelled,
  startDeadline
} from '../../src/common/clock.js'
import { fakeTime } from '../../__fixtures__/clock.js'

describe('cancelOnSignals', () => {
  it('aborts on the first SIGINT or SIGTERM, naming it, and keeps that reason', () => {
    const process = new EventEmitter()
    const signal = cancelOnSignals(process)
    expect(signal.aborted).toBe(false)
    process.emit('SIGTERM')
    process.emit('SIGINT')
    expect(isCancelled(signal)).toBe(true)
    expect(signal.reason).toBeInstanceOf(CancelledError)
    expect((signal.reason as CancelledError).message).toBe('The job was cancelled (SIGTERM).')
  })

  it('leaves other signals alone', () => {
    const process = new EventEmitter()
    const signal = cancelOnSignals(process)
    process.emit('SIGHUP')
    expect(signal.aborted).toBe(false)
  })
})

describe('startDeadline', () => {
  it('ends wait-timeout from now on the clock, or at once when the job is cancelled', () => {
    const time = fakeTime()
    time.advance(500)
    const deadline = startDeadline(20, time.clock, undefined)
    expect(deadline).toMatchObject({ at: 20_500, seconds: 20 })
    time.advance(19_999)
    expect(deadline.signal.aborted).toBe(false)
    time.advance(1)
    expect(deadline.signal.aborted).toBe(true)
    const cancel = new AbortController()
    const cancelled = startDeadline(20, time.clock, cancel.signal)
    cancel.abort(new CancelledError('SIGINT'))
    expect(isCancelled(cancelled.signal)).toBe(true)
  })
})

describe('graceAfter', () => {
  it('gives a cancelled step 1.2 s to learn what it left, and a timed-out one 5 s that a cancel shortens to 1.2 s', () => {
    const time = fakeTime()
    const cancel = new AbortController()
    const step = startDeadline(1, time.clock, cancel.signal)
    cancel.abort(new CancelledError('SIGINT'))
    const afterCancel = graceAfter(step, time.clock)
    time.advance(GRACE_MS.cancelled - 1)
    expect(afterCancel.aborted).toBe(false)
    time.advance(1)
    expect(afterCancel.aborted).toBe(true)

    const later = new AbortController()
    const timedOut = startDeadline(1, time.clock, later.signal)
    time.advance(1000)
    expect(timedOut.signal.aborted).toBe(true)
    const afterTimeout = graceAfter(timedOut, time.clock)
    time.advance(1000)
    expect(afterTimeout.aborted).toBe(false)
    // A cancel in it leaves the lookup the cancel's grace, not the rest of the 5 s.
    later.abort(new CancelledError('SIGTERM'))
    expect(afterTimeout.aborted).toBe(false)
    time.advance(GRACE_MS.cancelled)
    expect(afterTimeout.aborted).toBe(true)
  })

  it('words the phase a cancel cut short', () => {
    expect(new CancelledError('SIGINT').during('signing in to AWS')).toBe(
      'The job was cancelled (SIGINT) while signing in to AWS'
    )
  })
})
