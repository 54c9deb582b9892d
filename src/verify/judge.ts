/**
 * Pure: what one answer of the site says about one changed URL. Live when the copy was fetched from the
 * origin after the invalidation was created; stale when it was fetched before; not checkable when the
 * answer cannot tell (401/403, 5xx, no answer). And how long browsers may keep it.
 *
 * Times compared are AWS's: the invalidation's CreateTime (CloudFront's API) and the edge's `Date` minus
 * its `Age` (the edge's clock). The runner's clock is never one side of a comparison.
 */

/** What the client read of one answer: its status and the headers judging needs (lower-case names). */
export interface Answer {
  status: number
  headers: Readonly<Record<string, string | undefined>>
}

/** Why an answer could not be had at all. */
export interface NoAnswer {
  /** `refused`, `timeout`, `dns`, `reset`, `tls`, `other`. */
  kind: 'refused' | 'timeout' | 'dns' | 'reset' | 'tls' | 'other'
  /** A plain description, without any text of the site's. */
  reason: string
}

export type Verdict = 'live' | 'stale' | 'unchecked'

export interface Judgement {
  verdict: Verdict
  /** The status the edge answered, when it answered. */
  status?: number
  /** X-Cache as sent (untrusted text: escape before showing). */
  xCache?: string
  /** Seconds the copy had been cached when the edge served it (Age), when it said. */
  ageSeconds?: number
  /** Seconds between the invalidation's creation and the copy's fetch from the origin; negative = before. */
  fetchedAfterSeconds?: number
  /**
   * Why, in a few plain words: `cached 3 h 2 min before the invalidation was created`,
   * `503 Service Unavailable after retries`.
   */
  reason: string
  /** What browsers may keep it for, when the answer lets them keep it longer than 0 s. */
  browser?: BrowserLifetime
  /** The answer redirected (judged as served; the Location is not followed). */
  redirect?: boolean
}

export interface BrowserLifetime {
  seconds: number
  /** `max-age=86400`, `Expires 1 d after Date`. */
  from: string
}

/**
 * Clock tolerance: Date and Age have whole-second resolution, and AWS's clocks (the API's CreateTime,
 * the edges' Date) are kept in step but not to the millisecond. A copy fetched this little before the
 * invalidation counts as fetched after it.
 */
export const CLOCK_TOLERANCE_SECONDS = 5

/** Browsers may keep a changed URL at most this long before the step warns (one hour). */
export const BROWSER_LIFETIME_LIMIT_SECONDS = 3600

/**
 * CloudFront's X-Cache values, as its standard logs' x-edge-result-type names them (Developer Guide,
 * "Standard logging reference": Hit, RefreshHit, Miss, Error, ...), sent as `Hit from cloudfront`,
 * `RefreshHit from cloudfront`, `Miss from cloudfront`, `Error from cloudfront`.
 */
export type CacheResult = 'hit' | 'refresh-hit' | 'miss' | 'error' | 'other' | 'absent'

export function cacheResult(xCache: string | undefined): CacheResult {
  if (xCache === undefined || xCache.trim() === '') return 'absent'
  const first = xCache.trim().split(/\s+/)[0]?.toLowerCase()
  if (first === 'hit') return 'hit'
  if (first === 'refreshhit') return 'refresh-hit'
  if (first === 'miss') return 'miss'
  if (first === 'error') return 'error'
  return 'other'
}

/** A header's value as a whole number of seconds (`Age`), or undefined when it is none. */
function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const text = value.split(',')[0]?.trim() ?? ''
  return /^\d{1,12}$/.test(text) ? Number(text) : undefined
}

/** An HTTP-date as epoch ms, or undefined when it is none. */
function httpDate(value: string | undefined): number | undefined {
  if (value === undefined || value.length > 64) return undefined
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : undefined
}

/** The Cache-Control directives, lower-case names, values without quotes. */
function cacheControl(value: string | undefined): Map<string, string> {
  const directives = new Map<string, string>()
  for (const part of (value ?? '').split(',')) {
    const [rawName = '', ...rest] = part.split('=')
    const name = rawName.trim().toLowerCase()
    if (name) directives.set(name, rest.join('=').trim().replace(/^"|"$/g, ''))
  }
  return directives
}

/**
 * How long a browser may reuse the answer without asking again (RFC 9111 4.2.1: max-age, else Expires
 * minus Date). s-maxage is for shared caches such as CloudFront, not for browsers; no-store, no-cache
 * and max-age=0 keep nothing. Without either, browsers may guess a lifetime from Last-Modified (a
 * heuristic the docs describe); that is not counted here.
 */
export function browserLifetime(headers: Answer['headers']): BrowserLifetime | undefined {
  const directives = cacheControl(headers['cache-control'])
  if (directives.has('no-store') || directives.has('no-cache')) return undefined
  const maxAge = directives.get('max-age')
  if (maxAge !== undefined) {
    const value = /^\d{1,12}$/.test(maxAge) ? Number(maxAge) : 0
    return value > 0 ? { seconds: value, from: `max-age=${value}` } : undefined
  }
  const expires = headers.expires
  if (expires === undefined) return undefined
  // An Expires that is no valid date means "already expired" (RFC 9111 5.3).
  const at = httpDate(expires)
  const date = httpDate(headers.date)
  if (at === undefined || date === undefined) return undefined
  const lifetime = Math.floor((at - date) / 1000)
  return lifetime > 0
    ? { seconds: lifetime, from: `Expires ${formatSeconds(lifetime)} after Date` }
    : undefined
}

/** `45 s`, `12 min`, `3 h 2 min`, `2 d 4 h`: ages and lifetimes, roughly. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`
  if (s < 86400)
    return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`
  return `${Math.floor(s / 86400)} d${Math.floor((s % 86400) / 3600) ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout'
}

function describeStatus(status: number): string {
  const text = STATUS_TEXT[status]
  return text ? `${status} ${text}` : String(status)
}

/** Statuses worth asking again a little later: the origin or the edge may be having a moment. */
export function isRetryable(status: number): boolean {
  return status >= 500 || status === 429
}

/**
 * The verdict on one answer. `createdAt` is the invalidation's CreateTime (epoch ms, from CloudFront).
 * The copy's fetch from the origin is the edge's `Date` minus `Age`: a miss was fetched for this request,
 * and a refresh hit was confirmed by the origin for it (a 304), so both are live.
 */
export function judgeAnswer(answer: Answer, createdAt: number): Judgement {
  const { status, headers } = answer
  const xCache = headers['x-cache']
  const ageSeconds = seconds(headers.age)
  const common = {
    status,
    ...(xCache !== undefined ? { xCache } : {}),
    ...(ageSeconds !== undefined ? { ageSeconds } : {})
  }
  const uncheckable = uncheckableStatus(status)
  if (uncheckable !== undefined) return { ...common, verdict: 'unchecked', reason: uncheckable }
  const browser = browserLifetime(headers)
  const served = {
    ...common,
    ...(browser ? { browser } : {}),
    ...(status >= 300 && status < 400 ? { redirect: true } : {})
  }
  const result = cacheResult(xCache)
  if (result === 'miss' || result === 'refresh-hit') {
    return {
      ...served,
      verdict: 'live',
      reason:
        result === 'miss'
          ? 'fetched from the origin for this request (a miss)'
          : 'confirmed by the origin for this request (a refresh hit)'
    }
  }
  const date = httpDate(headers.date)
  if (date === undefined) {
    return {
      ...common,
      verdict: 'unchecked',
      reason: 'the answer has no valid Date header, so when its copy was fetched is unknown'
    }
  }
  return judgeFetchTime(served, date, createdAt)
}

/** Why a status says nothing of which copy is cached, or undefined when it can be judged. */
function uncheckableStatus(status: number): string | undefined {
  if (status === 401 || status === 403) {
    return `${describeStatus(status)}: the site refused the request (AWS WAF, signed URLs or cookies, geographic restrictions, or an origin that denies it)`
  }
  if (isRetryable(status)) return `${describeStatus(status)} after retries`
  // Other 4xx than a deleted file's say nothing of which copy is cached.
  if (status >= 400 && status !== 404 && status !== 410) {
    return `${describeStatus(status)}: no copy of the URL to judge`
  }
  return undefined
}

/** Live when the copy was fetched (`date` minus Age) after `createdAt`, give or take the clock tolerance. */
function judgeFetchTime(
  served: Omit<Judgement, 'verdict' | 'reason'>,
  date: number,
  createdAt: number
): Judgement {
  const { ageSeconds } = served
  // No Age: nothing says the copy was cached, so it was made for this request (RFC 9111 5.1).
  const fetchedAt = date - (ageSeconds ?? 0) * 1000
  const after = Math.round((fetchedAt - createdAt) / 1000)
  const timing = { ...served, fetchedAfterSeconds: after }
  if (after >= -CLOCK_TOLERANCE_SECONDS) {
    return {
      ...timing,
      verdict: 'live',
      reason:
        ageSeconds === undefined
          ? 'no Age header: not served from a cache'
          : `cached ${formatSeconds(Math.max(0, after))} after the invalidation was created`
    }
  }
  return {
    ...timing,
    verdict: 'stale',
    reason: `cached ${formatSeconds(-after)} before the invalidation was created`
  }
}

/** A request that got no answer is not checkable: say why. */
export function judgeNoAnswer(failure: NoAnswer): Judgement {
  return { verdict: 'unchecked', reason: failure.reason }
}
