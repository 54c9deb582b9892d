import { describe, expect, it } from '@jest/globals'
import { browserLifetime, browserLifetimeUnset } from '../../src/verify/lifetime.js'

const at = (offsetSeconds: number) =>
  new Date(Date.parse('2026-12-04T20:00:00.000Z') + offsetSeconds * 1000).toUTCString()

describe('browserLifetime', () => {
  const date = at(0)
  it('max-age counts; s-maxage does not (it is for shared caches)', () => {
    expect(browserLifetime({ 'cache-control': 'public, max-age=86400', date })).toEqual({
      seconds: 86400,
      from: 'max-age=86400'
    })
    expect(browserLifetime({ 'cache-control': 's-maxage=86400', date })).toBeUndefined()
    expect(browserLifetime({ 'cache-control': 's-maxage=86400, max-age=60', date })?.seconds).toBe(60)
  })

  it('no-cache, no-store and max-age=0 keep nothing, whatever Expires says', () => {
    const expires = at(999_999)
    expect(browserLifetime({ 'cache-control': 'no-cache', expires, date })).toBeUndefined()
    expect(browserLifetime({ 'cache-control': 'no-store, max-age=9999', date })).toBeUndefined()
    expect(browserLifetime({ 'cache-control': 'max-age=0', expires, date })).toBeUndefined()
  })

  it('browsers keep an answer for max-age less its Age', () => {
    expect(browserLifetime({ 'cache-control': 'max-age=86400', age: '3600', date })).toEqual({
      seconds: 82800,
      from: 'max-age=86400 less Age 3600'
    })
    expect(browserLifetime({ 'cache-control': 'max-age=60', age: '61', date })).toBeUndefined()
  })

  it('is unset only when neither Cache-Control nor Expires says (browsers may guess)', () => {
    expect(browserLifetimeUnset({ date })).toBe(true)
    expect(browserLifetimeUnset({ 'cache-control': 'public', date })).toBe(true)
    expect(browserLifetimeUnset({ 'cache-control': 'no-cache', date })).toBe(false)
    expect(browserLifetimeUnset({ 'cache-control': 'max-age=0', date })).toBe(false)
    expect(browserLifetimeUnset({ expires: '0', date })).toBe(false)
  })

  it('Expires counts from Date when there is no max-age; an invalid one has already expired', () => {
    expect(browserLifetime({ expires: at(7200), date })).toEqual({
      seconds: 7200,
      from: 'Expires 2 h after Date'
    })
    expect(browserLifetime({ expires: '0', date })).toBeUndefined()
    expect(browserLifetime({ expires: at(-10), date })).toBeUndefined()
  })
})
