import { describe, expect, it } from '@jest/globals'
import { formatCount, formatDuration, formatNumber, formatSeconds } from '../../src/common/format.js'

describe('formatDuration', () => {
  it.each([
    [0, '0.0 s'],
    [1_500, '1.5 s'],
    [59_900, '59.9 s'],
    [60_000, '1 min 0 s'],
    [65_000, '1 min 5 s'],
    [125_400, '2 min 5 s'],
    [3_600_000, '60 min 0 s']
  ])('shows %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  // Rounding must carry into the next unit: 119.6 s is "2 min 0 s", not "1 min 60 s".
  it.each([
    [119_600, '2 min 0 s'],
    [59_960, '1 min 0 s']
  ])('rounds %d ms up into the next minute: %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [40000, '40,000'],
    [1234567, '1,234,567'],
    [1000000, '1,000,000']
  ])('writes %d as %s, as en-US does', (count, text) => {
    expect(formatNumber(count)).toBe(text)
    expect(formatNumber(count)).toBe(count.toLocaleString('en-US'))
  })
})

describe('formatCount', () => {
  it.each([
    [0, 'paths'],
    [1, 'path'],
    [2, 'paths'],
    [40_000, 'paths']
  ])('writes %d with the noun in the singular only for one', (count, noun) => {
    expect(formatCount(count, 'path')).toBe(`${formatNumber(count)} ${noun}`)
  })
})

describe('formatSeconds', () => {
  it('is short and rounded', () => {
    expect(formatSeconds(45)).toBe('45 s')
    expect(formatSeconds(125)).toBe('2 min 5 s')
    expect(formatSeconds(3600)).toBe('1 h')
    expect(formatSeconds(3 * 3600 + 120)).toBe('3 h 2 min')
    expect(formatSeconds(31536000)).toBe('365 d')
  })
})
