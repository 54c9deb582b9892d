import { describe, expect, it } from '@jest/globals'
import { formatUsd } from '../../src/report/billing.js'

describe('formatUsd', () => {
  it.each([
    [1, 'USD 0.005'],
    [5, 'USD 0.025'],
    [14, 'USD 0.07'],
    [2705, 'USD 13.525'],
    [1_000_000, 'USD 5,000.00']
  ])('prices %d billed paths at %s', (paths, text) => {
    expect(formatUsd(paths * 5)).toBe(text)
  })
})
