import { describe, expect, it } from '@jest/globals'
import { Phase } from '../../src/common/phase.js'

describe('Phase', () => {
  it('names the work in progress, and goes back once it succeeds', async () => {
    const phase = new Phase('looking up the targets')
    let inside = ''
    const work = phase.during(
      'signing in to AWS',
      Promise.resolve().then(() => {
        inside = phase.now
        return 'credentials'
      })
    )
    expect(phase.now).toBe('signing in to AWS')
    await expect(work).resolves.toBe('credentials')
    expect(inside).toBe('signing in to AWS')
    expect(phase.now).toBe('looking up the targets')
  })

  it('keeps the name of the work that failed, so the error says where the step stopped', async () => {
    const phase = new Phase('looking up the targets')
    await expect(phase.during('signing in to AWS', Promise.reject(new Error('cancelled')))).rejects.toThrow(
      'cancelled'
    )
    expect(phase.now).toBe('signing in to AWS')
  })
})
