import { describe, expect, it } from '@jest/globals'
import { virtualClock } from '../../__fixtures__/virtual-clock.js'
import { EMULATED_QUOTAS, EmulatedBucket } from '../../scripts/lib/local-aws.js'
import {
  Bucket,
  CLOUDFRONT_QUOTAS,
  JITTER,
  MIN_RATE_SHARE,
  Pace,
  RECOVERY_SHARE,
  leastSeconds,
  paceKind,
  type Quota
} from '../../src/cloudfront/pace.js'

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
        const turn = await bucket.acquire()
        times.push(time.now())
        turn.record(answer(index))
        turn.release()
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
    const turn = await bucket.acquire()
    times.push(time.now())
    turn.record(answer(index))
    turn.release()
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
    // No jitter (each call costs 1 ± 0 tokens), to see the climb alone.
    const bucket = new Bucket(quota, time.clock, () => 0.5)
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
    const waiting = bucket.acquire().then(turn => {
      third = true
      return turn
    })
    await time.settle()
    expect(third).toBe(false)
    first.release()
    first.release() // twice frees one slot only
    const turn = await time.run(waiting)
    expect(third).toBe(true)
    second.release()
    turn.release()
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

/** A seeded random source, so each simulated run is the same every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * Jobs of one matrix, each a step of its own with its own Pace, started within half a second of each
 * other, each creating `creates` invalidations at once (as a fleet does), against one account-wide
 * CreateInvalidation bucket as the emulators hold it (0.5/s, burst 5). Each call takes 20 to 50 ms to
 * reach CloudFront; a throttled call waits as the SDK's standard retry strategy waits (a random share of
 * 1 s doubled with each retry, at most 20 s; @smithy/core's DefaultRetryBackoffStrategy) and tries again
 * through its pace. Returns when the last create went through, and the calls throttled.
 */
async function matrix(jobs: number, creates: number, seed: number) {
  const time = virtualClock()
  const random = seeded(seed)
  const account = new EmulatedBucket(EMULATED_QUOTAS.CreateInvalidation, time.now)
  let lastAt = 0
  let sent = 0
  const job = async (index: number) => {
    await time.sleep(Math.floor(random() * 500))
    const bucket = new Pace(time.clock, CLOUDFRONT_QUOTAS, seeded(seed * 1000 + index)).bucket(
      'CreateInvalidation'
    )
    const create = async () => {
      for (let retry = 0; ; retry++) {
        const turn = await bucket.acquire()
        await time.sleep(20 + Math.floor(random() * 30))
        sent++
        const throttled = !account.take()
        turn.record(throttled)
        turn.release()
        if (!throttled) break
        await time.sleep(Math.floor(random() * Math.min(1000 * 2 ** retry, 20_000)))
      }
      lastAt = Math.max(lastAt, time.now())
    }
    await Promise.all(Array.from({ length: creates }, create))
  }
  await time.run(Promise.all(Array.from({ length: jobs }, (_, index) => job(index))))
  return { seconds: lastAt / 1000, throttled: account.throttled, sent }
}

describe('paces of a matrix sharing the account quota', () => {
  const SEEDS = Array.from({ length: 12 }, (_, index) => index + 1)

  it.each([
    [6, 5],
    [3, 10],
    [2, 15],
    [10, 3],
    [12, 5]
  ])(
    '%i jobs of %i creates, each knowing nothing of the others, together keep the quota busy',
    async (jobs, creates) => {
      const { perSecond, burst } = EMULATED_QUOTAS.CreateInvalidation
      // The least: the account's burst at once, then one create every 2 s.
      const least = leastSeconds(jobs * creates, { perSecond, burst })
      for (const seed of SEEDS) {
        const run = await matrix(jobs, creates, seed)
        // The paces do not lose the quota to one another's silence: within 1.3x of the floor of the
        // issue (N / 0.5 s), where the step's pace before (a tenth back per call, down to a sixteenth)
        // took up to 2.3x in this simulation (one job left alone at one call every 32 s).
        expect(run.seconds).toBeGreaterThanOrEqual(least)
        expect(run.seconds).toBeLessThanOrEqual((1.3 * (jobs * creates)) / perSecond)
        // Throttled: those of the first moment, when every job spends its burst at once, and then
        // about one for each call that went through, not a storm.
        expect(run.throttled).toBeLessThanOrEqual(jobs * 4 - burst + 2 * jobs * creates)
        expect(run.sent).toBe(jobs * creates + run.throttled)
      }
    },
    60_000
  )

  it.each([10, 30, 100])(
    'a lone job of %i creates stays at the quota: its burst, then one every 2 s, never throttled',
    async creates => {
      for (const seed of SEEDS.slice(0, 3)) {
        const run = await matrix(1, creates, seed)
        expect(run.throttled).toBe(0)
        // Its burst of 4 at once, then one call every 2 s; each call takes at most 50 ms and the job
        // starts within 500 ms.
        const least = leastSeconds(creates, CLOUDFRONT_QUOTAS.create)
        expect(run.seconds).toBeGreaterThanOrEqual(least)
        expect(run.seconds).toBeLessThanOrEqual(least + 0.6)
      }
    }
  )
})

describe('Bucket under a shared quota', () => {
  it('cuts the rate once for the calls throttled by the same crowding', async () => {
    const time = virtualClock()
    const bucket = new Bucket(CLOUDFRONT_QUOTAS.create, time.clock)
    // The burst of 4 goes at once and every one of them is throttled: another job spent the account's.
    const turns = await time.run(Promise.all([1, 2, 3, 4].map(() => bucket.acquire())))
    for (const turn of turns) {
      turn.record(true)
      turn.release()
    }
    expect(bucket.throttles).toBe(4)
    expect(bucket.perSecond).toBe(CLOUDFRONT_QUOTAS.create.perSecond / 2)
    // A call sent after the cut and throttled again says the crowding goes on: it cuts again.
    const next = await time.run(bucket.acquire())
    next.record(true)
    next.release()
    expect(bucket.perSecond).toBe(CLOUDFRONT_QUOTAS.create.perSecond / 4)
  })

  it('jitters the gaps between calls below the quota, keeping their mean, and never at the quota', async () => {
    const time = virtualClock()
    const quota: Quota = { perSecond: 1, burst: 1, inFlight: 10 }
    // Jitter draws 0, 1, 0, 1, ...: the extremes of 1 ± JITTER.
    let draw = 1
    const bucket = new Bucket(quota, time.clock, () => (draw = 1 - draw))
    await inTurn(bucket, time, 1, () => true)
    const rate = bucket.perSecond
    expect(rate).toBe(quota.perSecond / 2)
    // Calls that get no answer (a 5xx, a dropped connection) leave the rate where it is.
    const times: number[] = []
    await time.run(
      (async () => {
        for (let index = 0; index < 7; index++) {
          const turn = await bucket.acquire()
          times.push(time.now())
          turn.release()
        }
      })()
    )
    const gaps = times.slice(1).map((at, index) => at - (times[index] ?? 0))
    const gapMs = 1000 / rate
    expect(gaps).toEqual(
      [1 - JITTER, 1 + JITTER, 1 - JITTER, 1 + JITTER, 1 - JITTER, 1 + JITTER].map(share => share * gapMs)
    )

    // Answered again, it climbs back by RECOVERY_SHARE a call; at the quota the gaps are exact again.
    const steps = Math.round((1 - MIN_RATE_SHARE) / RECOVERY_SHARE)
    await inTurn(bucket, time, steps, () => false)
    expect(bucket.perSecond).toBe(quota.perSecond)
    const recovered = await inTurn(bucket, time, 5, () => false)
    expect(recovered.slice(1).map((at, index) => at - (recovered[index] ?? 0))).toEqual([
      1000, 1000, 1000, 1000
    ])
  })
})
