import { describe, expect, it } from '@jest/globals'
import {
  BROWSER_LIFETIME_LIMIT_SECONDS,
  browserLifetime,
  cacheResult,
  formatSeconds,
  judgeAnswer
} from '../src/verify/judge.js'

const created = Date.parse('2026-12-04T20:00:00.000Z')
const at = (offsetSeconds: number) => new Date(created + offsetSeconds * 1000).toUTCString()

describe('judgeAnswer', () => {
  it('a miss is live: fetched from the origin for this request', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'Miss from cloudfront', date: at(60) } },
      created
    )
    expect(judged.verdict).toBe('live')
    expect(judged.reason).toContain('miss')
  })

  it('a refresh hit is live: the origin confirmed the copy for this request', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'RefreshHit from cloudfront', date: at(60), age: '9000' } },
      created
    )
    expect(judged.verdict).toBe('live')
  })

  it('a hit fetched after the invalidation was created is live', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'Hit from cloudfront', date: at(100), age: '40' } },
      created
    )
    expect(judged).toMatchObject({ verdict: 'live', ageSeconds: 40, fetchedAfterSeconds: 60 })
  })

  it('a hit fetched before the invalidation is stale, and says how long before', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'Hit from cloudfront', date: at(30), age: '7230' } },
      created
    )
    expect(judged).toMatchObject({ verdict: 'stale', fetchedAfterSeconds: -7200 })
    expect(judged.reason).toBe('cached 2 h before the invalidation was created')
  })

  it('tolerates a few seconds of clock difference, and no more', () => {
    const hit = (age: number) =>
      judgeAnswer(
        { status: 200, headers: { 'x-cache': 'Hit from cloudfront', date: at(10), age: String(age) } },
        created
      )
    expect(hit(15).verdict).toBe('live')
    expect(hit(16).verdict).toBe('stale')
  })

  it('a 404 or 410 fresh from the origin is live (a deleted file); a cached old one is stale', () => {
    const fresh = judgeAnswer(
      { status: 404, headers: { 'x-cache': 'Error from cloudfront', date: at(5) } },
      created
    )
    expect(fresh.verdict).toBe('live')
    const gone = judgeAnswer(
      { status: 410, headers: { 'x-cache': 'Miss from cloudfront', date: at(5) } },
      created
    )
    expect(gone.verdict).toBe('live')
    const cached = judgeAnswer(
      { status: 404, headers: { 'x-cache': 'Error from cloudfront', date: at(5), age: '600' } },
      created
    )
    expect(cached.verdict).toBe('stale')
  })

  it('judges a redirect as served, not followed', () => {
    const judged = judgeAnswer(
      {
        status: 301,
        headers: {
          'x-cache': 'Hit from cloudfront',
          date: at(5),
          age: '4000',
          location: 'https://elsewhere.example/'
        }
      },
      created
    )
    expect(judged).toMatchObject({ verdict: 'stale', redirect: true, status: 301 })
  })

  it('401 and 403 are not checkable, naming the likely causes', () => {
    for (const status of [401, 403]) {
      const judged = judgeAnswer(
        { status, headers: { 'x-cache': 'Error from cloudfront', date: at(1) } },
        created
      )
      expect(judged.verdict).toBe('unchecked')
      expect(judged.reason).toContain('WAF')
    }
  })

  it('5xx, 429 and other 4xx are not checkable', () => {
    expect(judgeAnswer({ status: 503, headers: { date: at(1) } }, created).reason).toBe(
      '503 Service Unavailable after retries'
    )
    expect(judgeAnswer({ status: 429, headers: { date: at(1) } }, created).verdict).toBe('unchecked')
    expect(judgeAnswer({ status: 400, headers: { date: at(1) } }, created).verdict).toBe('unchecked')
  })

  it('a hit without a valid Date cannot be timed', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'Hit from cloudfront', age: '5' } },
      created
    )
    expect(judged.verdict).toBe('unchecked')
  })

  it('never uses the runner clock: the same answer is judged the same whenever it is judged', () => {
    const answer = { status: 200, headers: { 'x-cache': 'Hit from cloudfront', date: at(30), age: '10' } }
    expect(judgeAnswer(answer, created)).toEqual(judgeAnswer(answer, created))
  })
})

describe('cacheResult', () => {
  it("reads CloudFront's X-Cache values, case and spacing aside", () => {
    expect(cacheResult('Hit from cloudfront')).toBe('hit')
    expect(cacheResult('  miss from cloudfront')).toBe('miss')
    expect(cacheResult('RefreshHit from cloudfront')).toBe('refresh-hit')
    expect(cacheResult('Error from cloudfront')).toBe('error')
    expect(cacheResult('LimitExceeded from cloudfront')).toBe('other')
    expect(cacheResult(undefined)).toBe('absent')
  })
})

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

  it('Expires counts from Date when there is no max-age; an invalid one has already expired', () => {
    expect(browserLifetime({ expires: at(7200), date })).toEqual({
      seconds: 7200,
      from: 'Expires 2 h after Date'
    })
    expect(browserLifetime({ expires: '0', date })).toBeUndefined()
    expect(browserLifetime({ expires: at(-10), date })).toBeUndefined()
  })

  it('is kept with a live verdict, for the warning', () => {
    const judged = judgeAnswer(
      {
        status: 200,
        headers: { 'x-cache': 'Miss from cloudfront', date, 'cache-control': 'max-age=31536000' }
      },
      created
    )
    expect(judged.browser?.seconds).toBeGreaterThan(BROWSER_LIFETIME_LIMIT_SECONDS)
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
