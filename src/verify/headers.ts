/**
 * Pure: what the headers of one answer of the site say, read as CloudFront and the origin send them: the
 * cache's result (X-Cache), the copy's age (Age), its Date and its entity tag.
 */

/** What the client read of one answer: its status and the headers judging needs (lower-case names). */
export interface Answer {
  status: number
  headers: Readonly<Record<string, string | undefined>>
}

/**
 * CloudFront's X-Cache values, as its standard logs' x-edge-result-type names them (Developer Guide,
 * "Standard logging reference": Hit, RefreshHit, Miss, Error, Redirect, LimitExceeded, CapacityExceeded),
 * and the answers a CloudFront Function or Lambda@Edge makes (FunctionGeneratedResponse,
 * LambdaGeneratedResponse), each sent as `<Value> from cloudfront`.
 */
export type CacheResult =
  'hit' | 'refresh-hit' | 'miss' | 'error' | 'redirect' | 'function' | 'lambda' | 'other' | 'absent'

/** X-Cache's first word, lower case, and what it names. */
const CACHE_RESULTS = new Map<string, CacheResult>([
  ['hit', 'hit'],
  ['refreshhit', 'refresh-hit'],
  ['miss', 'miss'],
  ['error', 'error'],
  ['redirect', 'redirect'],
  ['functiongeneratedresponse', 'function'],
  ['lambdageneratedresponse', 'lambda']
])

/** Only CloudFront's own values count: `HIT` or `MISS` from another cache in front says nothing of it. */
export function cacheResult(xCache: string | undefined): CacheResult {
  if (xCache === undefined || xCache.trim() === '') return 'absent'
  const match = /^(\S+) from cloudfront$/i.exec(xCache.trim())
  return (match && CACHE_RESULTS.get(match[1]?.toLowerCase() ?? '')) ?? 'other'
}

/** A header's value as a whole number of seconds (`Age`), or undefined when it is none. */
export function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const text = value.split(',')[0]?.trim() ?? ''
  return /^\d{1,12}$/.test(text) ? Number(text) : undefined
}

/**
 * An HTTP-date as epoch ms, or undefined when it is none. Node joins a repeated Date header with `, `
 * (`Wed, 07 Aug 2013 16:27:12 GMT, Wed, 07 Aug 2013 16:27:13 GMT`), which parses as no date: the first
 * one is read.
 */
export function httpDate(value: string | undefined): number | undefined {
  if (value === undefined || value.length > 200) return undefined
  const [first = ''] = value.split(/,\s*(?=[A-Za-z]{3},)/)
  if (first.length > 64) return undefined
  // HTTP-dates are GMT; the obsolete asctime form (`Sun Jun  1 12:00:10 2025`) names no zone, and
  // Date.parse would read it in the runner's own (RFC 9110 5.6.7).
  const zoned = /(?:GMT|UTC|Z|[+-]\d{2}:?\d{2})\s*$/i.test(first) ? first : `${first} GMT`
  const ms = Date.parse(zoned)
  return Number.isFinite(ms) ? ms : undefined
}

/**
 * An entity tag's value, without the weak prefix and the quotes. CloudFront turns a strong ETag into a
 * weak one when it compresses (Developer Guide, "Serve compressed files": ETag header conversion), and
 * keeps the origin's value inside, so `W/"abc"` and `"abc"` name the same bytes of the origin.
 */
export function entityTag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const text = value
    .trim()
    .replace(/^W\//i, '')
    .replace(/^"(.*)"$/, '$1')
  return text === '' ? undefined : text
}
