/**
 * The step's one client-side rate limiter for CloudFront: every call of the step, each attempt the SDK
 * makes included, takes a token first (client.ts hooks it into the client). CloudFront's API quotas
 * are per operation and per AWS account, so there is one bucket per kind of call, shared by every target
 * of the step; each starts at the quota and adapts to Throttling answers.
 *
 * Why not the SDK's adaptive retry mode (DefaultRateLimiter of @smithy/core/retry): it does not limit at
 * all until a first throttle (its bucket starts disabled), so a fleet's creates all start at once; it keeps
 * one bucket per client for every operation, so GetInvalidation's higher rate lets creates through far
 * over their 0.5/s and a throttled create squeezes the polls to the create rate; and it reads Date.now and
 * gets no operation, so it can be neither told the quotas nor tested on a virtual clock.
 */
import type { Clock } from '../common/clock.js'

export interface Quota {
  /** Calls a second, account-wide. */
  perSecond: number
  /** Calls that may go at once after a quiet spell. */
  burst: number
  /** Calls of this kind in flight at once, at most. */
  inFlight: number
}

export type PaceKind = 'create' | 'get' | 'other'

/**
 * What the step starts at. CloudFront publishes no API call rates (its Quotas page, cloudfront-limits.html,
 * lists entities, and invalidations in progress per distribution); the AWS SDK team relayed from CloudFront
 * that "the default CreateInvalidation rate limit is 0.5" per account (aws/aws-sdk-js#3983), where users
 * were throttled after 6 or 7 calls in a row: a burst of about 5. GetInvalidation's rate is not published
 * either: the step starts at 5 a second, and a Throttling answer slows it down. Other calls (such as
 * ListDistributions for distribution-alias) are few.
 */
export const CLOUDFRONT_QUOTAS: Readonly<Record<PaceKind, Quota>> = {
  // A burst of one less than CloudFront's: a call's latency then cannot overtake CloudFront's refill (with
  // 5, the sixth call, on a warm connection, reached a front holding the quota a moment before its token).
  create: { perSecond: 0.5, burst: 4, inFlight: 5 },
  get: { perSecond: 5, burst: 5, inFlight: 10 },
  other: { perSecond: 5, burst: 5, inFlight: 5 }
}

/** The least time `count` calls take at a quota, from a full bucket: what a fleet's creates need. */
export function leastSeconds(count: number, quota: Pick<Quota, 'perSecond' | 'burst'>): number {
  return Math.max(0, count - quota.burst) / quota.perSecond
}

/**
 * A throttle halves the rate, down to this share of the quota: one call every 8 s at CloudFront's 0.5/s.
 * Lower, a job of a matrix that was throttled a few times more than the others (it happens by chance)
 * goes on at one call every 16 or 32 s after they are done, while the account's quota sits unused; with
 * more than 4 jobs at once, the jobs at this floor together still ask for more than the quota, so some
 * calls are throttled, but the quota is never idle (BENCHMARKS.md, matrix jobs).
 */
export const MIN_RATE_SHARE = 1 / 4
/** Each call answered without throttling gives back this share of the quota, up to the quota. */
export const RECOVERY_SHARE = 1 / 5
/**
 * Below the quota, each gap between two calls is drawn from (1 ± JITTER) times the mean gap, so that
 * steps of one account that were throttled together do not stay in step and keep meeting at CloudFront.
 */
export const JITTER = 0.5

/**
 * The kind of a CloudFront operation (the SDK's command name, with or without "Command"): a tenant's
 * CreateInvalidationForDistributionTenant shares CreateInvalidation's bucket, as the quota is the account's.
 */
export function paceKind(operation: string): PaceKind {
  if (/^CreateInvalidation/.test(operation)) return 'create'
  if (/^GetInvalidation/.test(operation)) return 'get'
  return 'other'
}

/** One call's turn in a bucket: its answer, then its slot given back. */
export interface Turn {
  /** Whether CloudFront throttled the call; a call that got no answer records nothing. */
  record(throttled: boolean): void
  /** Frees the call's slot; once is enough, twice frees it once. */
  release(): void
}

/**
 * One kind's token bucket, adapting to a quota it may share with callers it knows nothing of: the other
 * jobs of a matrix, other workflows and tools of the same AWS account. Waiters are served first come,
 * first served.
 *
 * AIMD, as TCP shares a link: a Throttling answer halves the rate, down to MIN_RATE_SHARE, and empties
 * the bucket (CloudFront's own is empty then), with no burst until the rate has recovered; the calls
 * that were already sent at the old rate cut it once between them, as one crowding throttled them all.
 * Every call answered without throttling raises the rate by RECOVERY_SHARE of the quota. Below the
 * quota the gaps between calls are jittered, so that callers throttled at the same moment spread out.
 * Together, callers that each do so ask for about the quota they share, whatever their number
 * (pace.test.ts simulates them); a caller alone is never throttled, and stays at the quota with its
 * burst and no jitter.
 */
export class Bucket {
  private tokens: number
  private rate: number
  private capacity: number
  private refilledAt: number
  /** Calls granted so far, and how many of them had been granted at the last cut of the rate. */
  private granted = 0
  private grantedAtCut = 0
  private active = 0
  private queue: Promise<void> = Promise.resolve()
  private readonly freed: (() => void)[] = []
  /** Throttling answers seen, for the log. */
  throttles = 0

  constructor(
    readonly quota: Quota,
    private readonly clock: Pick<Clock, 'now' | 'sleep'>,
    private readonly random: () => number = Math.random
  ) {
    this.rate = quota.perSecond
    this.capacity = quota.burst
    this.tokens = quota.burst
    this.refilledAt = clock.now()
  }

  /** Calls a second now. */
  get perSecond(): number {
    return this.rate
  }

  /**
   * Waits for a token and a free slot, in turn, and returns the call's turn: record its answer, then
   * release it. Rejects at once when `signal` aborts; the turn is then passed on unused.
   */
  acquire(signal?: AbortSignal): Promise<Turn> {
    let call = 0
    const turn = this.queue.then(async () => {
      signal?.throwIfAborted()
      await this.untilReady(signal)
      // Below the quota a call costs 1 ± JITTER tokens: the gap to the next is jittered, its mean kept.
      this.tokens -= this.rate < this.quota.perSecond ? 1 + JITTER * (2 * this.random() - 1) : 1
      this.active++
      call = ++this.granted
    })
    this.queue = turn.catch(() => undefined)
    let released = false
    const release = () => {
      if (released) return
      released = true
      this.active--
      // Only the head of the queue waits for a slot; it looks again (an aborted one no longer does).
      for (const wake of this.freed.splice(0)) wake()
    }
    return abortable(turn, signal).then(() => ({
      record: (throttled: boolean) => {
        this.answer(throttled, call)
      },
      release
    }))
  }

  /** Call number `call` was answered: Throttling slows the bucket down, any other answer speeds it up. */
  private answer(throttled: boolean, call: number): void {
    this.refill()
    if (throttled) {
      this.throttles++
      // Sent before the last cut: the cut already answered the crowding that throttled it.
      if (call <= this.grantedAtCut) return
      this.grantedAtCut = this.granted
      this.rate = Math.max(this.quota.perSecond * MIN_RATE_SHARE, this.rate / 2)
      this.capacity = 1
      this.tokens = Math.min(this.tokens, 0)
      return
    }
    this.rate = Math.min(this.quota.perSecond, this.rate + this.quota.perSecond * RECOVERY_SHARE)
    if (this.rate >= this.quota.perSecond) this.capacity = this.quota.burst
  }

  private refill(): void {
    const now = this.clock.now()
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 1000) * this.rate)
    this.refilledAt = now
  }

  private async untilReady(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      if (this.active >= this.quota.inFlight) {
        await abortable(new Promise<void>(done => this.freed.push(done)), signal)
        continue
      }
      this.refill()
      if (this.tokens >= 1) return
      // The rate may change while sleeping (a throttle, a recovery): look again on waking.
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000), signal)
    }
  }
}

/** The step's buckets, one per kind of call. */
export class Pace {
  private readonly buckets: Record<PaceKind, Bucket>

  constructor(
    clock: Pick<Clock, 'now' | 'sleep'>,
    quotas: Readonly<Record<PaceKind, Quota>> = CLOUDFRONT_QUOTAS,
    random: () => number = Math.random
  ) {
    this.buckets = {
      create: new Bucket(quotas.create, clock, random),
      get: new Bucket(quotas.get, clock, random),
      other: new Bucket(quotas.other, clock, random)
    }
  }

  bucket(operation: string): Bucket {
    return this.buckets[paceKind(operation)]
  }

  /** Throttling answers seen, of every kind. */
  get throttles(): number {
    return Object.values(this.buckets).reduce((sum, bucket) => sum + bucket.throttles, 0)
  }
}

/** The promise, or its signal's reason as soon as the signal aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      reject(signal.reason as Error)
    }
    signal.addEventListener('abort', abort, { once: true })
    promise.then(
      value => {
        signal.removeEventListener('abort', abort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort)
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    )
  })
}
