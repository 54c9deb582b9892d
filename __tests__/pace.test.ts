import { describe, expect, it } from '@jest/globals'
import { virtualClock } from '../__fixtures__/virtual-clock.js'
import {
  Bucket,
  CLOUDFRONT_QUOTAS,
  MIN_RATE_SHARE,
  Pace,
  leastSeconds,
  paceKind,
  type Quota
} from '../src/pace.js'

/** One caller's calls, one after another, each answered at once; returns when each was granted. */
async function inTurn(
  bucket: Bucket,
  time: ReturnType<typeof virtualClock>,
  count: number,
  answer: (index: number) => boolean
): Promise<number[]> {
  const times: number[] = []
  await time.run(
    (async () => {
      for (let index = 0; index < count; index++) {
        const release = await bucket.acquire()
        times.push(time.now())
        bucket.record(answer(index))
        release()
      }
    })()
  )
  return times
}

/** Acquires `count` tokens at once, each call answered at once; returns when each was granted. */
async function grantTimes(
  bucket: Bucket,
  time: ReturnType<typeof virtualClock>,
  count: number,
  answer: (index: number) => boolean = () => false
): Promise<number[]> {
  const times: number[] = []
  const all = Array.from({ length: count }, async (_, index) => {
    const release = await bucket.acquire()
    times.push(time.now())
    bucket.record(answer(index))
    release()
  })
  await time.run(Promise.all(all))
  return times
}

describe('paceKind', () => {
  it.each([
    ['CreateInvalidation', 'create'],
    ['CreateInvalidationForDistributionTenant', 'create'],
    ['GetInvalidation', 'get'],
    ['GetInvalidationForDistributionTenant', 'get'],
    ['ListDistributions', 'other'],
    ['', 'other']
  ])('%s is paced as %s', (operation, kind) => {
    expect(paceKind(operation)).toBe(kind)
  })

  it('shares one bucket between a distribution and a tenant variant', () => {
    const pace = new Pace(virtualClock().clock)
    expect(pace.bucket('CreateInvalidationForDistributionTenant')).toBe(pace.bucket('CreateInvalidation'))
    expect(pace.bucket('GetInvalidation')).not.toBe(pace.bucket('CreateInvalidation'))
  })
})

describe('Bucket', () => {
  it('starts at the quota: a burst at once, then one call every 2 s, before any throttle', async () => {
    const time = virtualClock()
    const bucket = new Bucket(CLOUDFRONT_QUOTAS.create, time.clock)
    const times = await grantTimes(bucket, time, 30)
    expect(times.slice(0, 4)).toEqual([0, 0, 0, 0])
    expect(times.slice(4)).toEqual(Array.from({ length: 26 }, (_, index) => (index + 1) * 2000))
  })

  it('halves the rate and empties at a throttle, then recovers to the quota and its burst', async () => {
    const time = virtualClock()
    const quota: Quota = { perSecond: 1, burst: 3, inFlight: 10 }
    const bucket = new Bucket(quota, time.clock)
    // The first call is throttled (another caller of the account spent the burst).
    const times = await inTurn(bucket, time, 14, index => index === 0)
    expect(bucket.throttles).toBe(1)
    // After the answer: 0.5/s with no burst, then faster again with every call answered.
    expect(times.slice(0, 2)).toEqual([0, 2000])
    const gaps = times.slice(2).map((at, index) => at - (times[index + 1] ?? 0))
    expect(gaps[0]).toBeLessThan(2000)
    expect(gaps.at(-1)).toBe(1000)
    for (let index = 1; index < gaps.length; index++) {
      expect(gaps[index]).toBeLessThanOrEqual(gaps[index - 1] ?? Infinity)
    }
    expect(bucket.perSecond).toBe(1)
    // Recovered, the burst is back after a quiet spell.
    await time.run(time.sleep(10_000))
    const start = time.now()
    expect(await grantTimes(bucket, time, 3)).toEqual([start, start, start])
  })

  it('never slows below its floor however often it is throttled', async () => {
    const time = virtualClock()
    const bucket = new Bucket({ perSecond: 1, burst: 1, inFlight: 1 }, time.clock)
    await inTurn(bucket, time, 12, () => true)
    expect(bucket.perSecond).toBe(MIN_RATE_SHARE)
  })

  it('holds at most inFlight calls at once, with tokens to spare', async () => {
    const time = virtualClock()
    const bucket = new Bucket({ perSecond: 100, burst: 100, inFlight: 2 }, time.clock)
    const first = await time.run(bucket.acquire())
    const second = await time.run(bucket.acquire())
    let third = false
    const waiting = bucket.acquire().then(release => {
      third = true
      return release
    })
    await time.settle()
    expect(third).toBe(false)
    first()
    first() // twice frees one slot only
    const release = await time.run(waiting)
    expect(third).toBe(true)
    second()
    release()
  })

  it('lets an aborted waiter go at once, and gives its turn to the next', async () => {
    const time = virtualClock()
    const bucket = new Bucket({ perSecond: 1, burst: 1, inFlight: 10 }, time.clock)
    await time.run(bucket.acquire())
    const controller = new AbortController()
    const aborted = bucket.acquire(controller.signal)
    const next = bucket.acquire()
    controller.abort(new Error('cancelled'))
    await expect(aborted).rejects.toThrow('cancelled')
    await time.run(next)
    expect(time.now()).toBe(1000)
  })
})

describe('leastSeconds', () => {
  it('is the time the quota needs beyond its burst', () => {
    expect(leastSeconds(30, CLOUDFRONT_QUOTAS.create)).toBe(52)
    expect(leastSeconds(3, CLOUDFRONT_QUOTAS.create)).toBe(0)
    expect(leastSeconds(1000, { perSecond: 0.5, burst: 5 })).toBe(1990)
  })
})
