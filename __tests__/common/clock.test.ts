import { EventEmitter } from 'node:events'
import { describe, expect, it } from '@jest/globals'
import { CancelledError, cancelOnSignals, isCancelled } from '../../src/common/clock.js'

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
