/**
 * Pure: what one answer of the site says about one changed URL, judged as CloudFront really answers.
 *
 * - By content, where the bucket is known: the ETag the edge served against the one S3 holds (HeadObject).
 *   Equal is live and different is stale, whatever the clocks say.
 * - By Date, elsewhere: a copy's `Date` is when the edge fetched it from the origin. CloudFront keeps the
 *   origin's Date on a hit and adds `Age` (captured: a miss and a later hit of one object with the same
 *   Date and `Age: 24`, in a 2013 write-up on CloudFront and S3; the same Date and x-amz-request-id with
 *   `Age: 14` in a 2019 capture; RestKit/RestKit#2337: "Amazon CloudFront delivers the Date header received
 *   from the origin"; RFC 9111 4.2.3 keeps Date and adds Age). So `Date − Age` would count Age twice.
 * - As a deleted file: the origin's error for a key the bucket no longer holds is its right answer.
 * - Not at all: answers CloudFront makes itself (its redirects, function- and Lambda-generated answers),
 *   the error page served in place of a file, refusals and failures say nothing about the cached copy.
 *
 * Times compared are AWS's: the invalidation's CreateTime (CloudFront's API) and the copy's Date (the
 * origin's clock, S3's for an S3 origin). The runner's clock is never one side of a comparison.
 */
import { formatSeconds } from '../common/format.js'
import { cacheResult, entityTag, httpDate, seconds, type Answer, type CacheResult } from './headers.js'
import { browserLifetime, browserLifetimeUnset } from './lifetime.js'
import { UNKNOWN, type Judgement, type NoAnswer, type ObjectFact } from './verdict.js'

/**
 * Clock tolerance: Date has whole-second resolution, and AWS's clocks (the API's CreateTime, S3's Date)
 * are kept in step but not to the millisecond. One rule: a copy whose Date is at most this long before
 * CreateTime is live; one fetched earlier than that is stale.
 */
export const CLOCK_TOLERANCE_SECONDS = 5

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
 * S3's answer, passed on by CloudFront: S3 names itself in `Server: AmazonS3` (captured through CloudFront
 * as `server: AmazonS3` with `x-cache: Error from cloudfront`), and answers a key it does not hold with
 * 403 AccessDenied when the caller may not list the bucket (S3 API reference, GetObject: "If you don't
 * have the s3:ListBucket permission, Amazon S3 returns an HTTP status code 403"), as behind origin
 * access control without s3:ListBucket, AWS's recommended set-up.
 */
function isS3Refusal(answer: Answer): boolean {
  return answer.status === 403 && /^AmazonS3\b/i.test(answer.headers.server?.trim() ?? '')
}

type Common = Omit<Judgement, 'verdict' | 'rule' | 'reason'>

/**
 * The verdict on one answer. `createdAt` is the invalidation's CreateTime (epoch ms, from CloudFront);
 * `fact` what is known of the object behind the URL.
 */
export function judgeAnswer(answer: Answer, createdAt: number, fact: ObjectFact = UNKNOWN): Judgement {
  const { status, headers } = answer
  const xCache = headers['x-cache']
  const ageSeconds = seconds(headers.age)
  const common: Common = {
    status,
    ...(xCache !== undefined ? { xCache } : {}),
    ...(ageSeconds !== undefined ? { ageSeconds } : {})
  }
  const result = cacheResult(xCache)
  const made = madeByCloudFront(result)
  if (made !== undefined) return { ...common, verdict: 'unchecked', rule: 'answer', reason: made }
  if (fact.derived !== undefined && isNoObject(answer, result)) {
    return { ...common, verdict: 'live', rule: 'answer', reason: DERIVED[fact.derived] }
  }
  const gone = goneAnswer(answer, result, fact)
  if (gone !== undefined) return { ...common, ...gone }
  const uncheckable = uncheckableStatus(answer, fact)
  if (uncheckable !== undefined) {
    const refused = (status === 401 || status === 403) && !isS3Refusal(answer)
    return {
      ...common,
      verdict: 'unchecked',
      rule: 'answer',
      reason: uncheckable,
      ...(refused ? { refused } : {})
    }
  }
  if (status === 404 || status === 410) return judgeMissing(common, answer, createdAt, fact)
  if (result === 'error' && status < 400) {
    return {
      ...common,
      verdict: 'unchecked',
      rule: 'answer',
      reason: `the site served its error page (${status} with X-Cache Error: a custom error response), not the file: the origin answered this URL with an error. Check that the file is at the origin under the key the URL maps to (origin-path, the sync's destination)`
    }
  }
  return judgeServed(served(common, answer), answer, result, createdAt, fact)
}

/** Why an answer CloudFront made itself says nothing of the cached copy, or undefined for the rest. */
function madeByCloudFront(result: CacheResult): string | undefined {
  switch (result) {
    case 'redirect':
      return 'CloudFront redirected the request itself (X-Cache Redirect: a viewer protocol policy sends http:// to https://), so the answer says nothing of the file: set verify-url to the https:// address'
    case 'function':
      return 'a CloudFront Function answered the request itself (X-Cache FunctionGeneratedResponse), not the cache, so the answer says nothing of the file: verify the URL the function sends visitors to, or leave this one out of the changed files'
    case 'lambda':
      return 'a Lambda@Edge function answered the request itself (X-Cache LambdaGeneratedResponse), not the cache, so the answer says nothing of the file: verify the URL the function sends visitors to, or leave this one out of the changed files'
    default:
      return undefined
  }
}

/** Why an error for a URL the step added says nothing is cached there. */
const DERIVED: Record<'directory' | 'plus', string> = {
  directory:
    'a directory URL the origin does not serve (an S3 REST origin serves only keys), so no copy of the page is cached at it',
  plus: 'the other form of a key holding +, which this origin does not serve (an S3 REST origin reads + as a space, a website endpoint does not)'
}

/** An answer that says the origin holds no object at the URL: 404, 410, S3's 403, or the error page. */
function isNoObject(answer: Answer, result: CacheResult): boolean {
  return (
    answer.status === 404 ||
    answer.status === 410 ||
    isS3Refusal(answer) ||
    (result === 'error' && answer.status < 400)
  )
}

/**
 * A deleted file's answer: live for the origin's error for a key it no longer holds; not checkable when
 * the origin still serves it fresh. A key S3 refuses both to the site and to HeadObject is absent, as S3
 * refuses a key it does not hold to any reader that may not list the bucket.
 */
function goneAnswer(
  answer: Answer,
  result: CacheResult,
  fact: ObjectFact
): Pick<Judgement, 'verdict' | 'rule' | 'reason'> | undefined {
  if (fact.kind === 'denied' && isS3Refusal(answer)) {
    return {
      verdict: 'live',
      rule: 'deleted',
      reason:
        'S3 refuses this key both to the site and to HeadObject, as it does for a key it does not hold when s3:ListBucket is not allowed: a deleted file (allow s3:ListBucket on the bucket for a certain answer)'
    }
  }
  if (fact.kind !== 'deleted') return undefined
  const gone = deletedAnswer(answer, result)
  if (gone !== undefined)
    return { verdict: 'live', rule: 'deleted', reason: `${gone} (deleted: ${fact.from})` }
  if (result === 'miss' && answer.status < 300) {
    return {
      verdict: 'unchecked',
      rule: 'deleted',
      reason: `the file was deleted (${fact.from}), but the origin still serves it, fresh: the distribution reads another bucket or origin path than the one synced`
    }
  }
  return undefined
}

/** The right answers for a deleted file: the origin's error for a key it no longer holds, or the error page. */
function deletedAnswer(answer: Answer, result: CacheResult): string | undefined {
  if (answer.status === 404 || answer.status === 410)
    return `the origin answers ${describeStatus(answer.status)}, as for a deleted file`
  if (isS3Refusal(answer))
    return 'S3 answers 403 AccessDenied for a key it does not hold when CloudFront may not list the bucket, as for a deleted file'
  if (result === 'error' && answer.status < 400)
    return "the site's error page (a custom error response), as for a key the bucket no longer holds"
  return undefined
}

/** Why a status says nothing of which copy is cached, or undefined when it can be judged. */
function uncheckableStatus(answer: Answer, fact: ObjectFact): string | undefined {
  const { status } = answer
  if (isS3Refusal(answer)) {
    return fact.kind === 'present'
      ? '403 Forbidden from S3 (Server: AmazonS3) for an object the bucket holds: CloudFront may not read it. Check the origin access control and the bucket policy'
      : "403 Forbidden from S3 (Server: AmazonS3): S3 answers so for a key it does not hold when CloudFront may not list the bucket. If this file was deleted, give the step the sync's output or the changes action's files (s3:// keys), so that it knows; otherwise check the origin access control and the bucket policy"
  }
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

/**
 * A 404 or 410 for a file not known to be deleted: a copy cached before the invalidation is stale (a new
 * file requested before it was uploaded); one fresh from the origin is the answer for a deleted file,
 * unless the bucket holds the object, when the site does not serve that key at this URL.
 */
function judgeMissing(common: Common, answer: Answer, createdAt: number, fact: ObjectFact): Judgement {
  const date = httpDate(answer.headers.date)
  if (common.ageSeconds !== undefined && date !== undefined) {
    const timed = judgeFetchTime(common, date, createdAt)
    if (timed.verdict === 'stale') return timed
  }
  if (fact.kind === 'present') {
    return {
      ...common,
      verdict: 'unchecked',
      rule: 'answer',
      reason: `${describeStatus(answer.status)}, but the bucket holds the object: the site does not serve that key at this URL. Check origin-path and the distribution's origin`
    }
  }
  return {
    ...common,
    verdict: 'live',
    rule: 'deleted',
    reason: `the origin answers ${describeStatus(answer.status)}, as for a deleted file`
  }
}

function served(common: Common, answer: Answer): Common {
  const browser = browserLifetime(answer.headers)
  return {
    ...common,
    ...(browser ? { browser } : {}),
    ...(browserLifetimeUnset(answer.headers) ? { browserUnset: true } : {}),
    ...(answer.status >= 300 && answer.status < 400 ? { redirect: true } : {})
  }
}

/** A copy served: by content where the bucket's ETag is known, else a miss is live, else by Date. */
function judgeServed(
  common: Common,
  answer: Answer,
  result: CacheResult,
  createdAt: number,
  fact: ObjectFact
): Judgement {
  const etag = entityTag(answer.headers.etag)
  if (fact.kind === 'present' && etag !== undefined) return judgeByContent(common, etag, fact.etag, result)
  if (result === 'miss') return judgeMiss(common, answer, createdAt)
  // A refresh hit is a copy the origin has just confirmed as current (a 304 for its ETag): the bytes are
  // the origin's now, whatever its Date says. Captures show both Dates: kept from the first fetch, Date +
  // Age being the request's time (phonedude/cs533-f23, Arcand/3/response_files/gofundme.com.txt), and
  // renewed (phonedude/cs595-s22, Banks/3/responses/fortune.com.txt); neither makes the copy old.
  if (result === 'refresh-hit') {
    return {
      ...common,
      verdict: 'live',
      rule: 'refresh',
      reason: 'confirmed as current by the origin for this request (a refresh hit)'
    }
  }
  // A hit always carries Age (it is what a cache adds, RFC 9111 5.1); one without was rewritten after the
  // cache, as a viewer-response function can (one published sets Date and removes Age): its Date is not
  // the copy's.
  if (result === 'hit' && common.ageSeconds === undefined) {
    return {
      ...common,
      verdict: 'unchecked',
      rule: 'date',
      askAgain: true,
      reason:
        'a hit without an Age header: a viewer-response function or a proxy rewrote the answer, so when its copy was fetched is unknown. Give the changed files as s3:// keys (or the sync output) so that the copy is judged by its content'
    }
  }
  const date = httpDate(answer.headers.date)
  if (date === undefined) {
    return {
      ...common,
      verdict: 'unchecked',
      rule: 'date',
      reason: 'the answer has no valid Date header, so when its copy was fetched is unknown'
    }
  }
  return judgeFetchTime(common, date, createdAt)
}

/**
 * A miss was fetched from the origin for this request: live, unless its Date is older than the
 * invalidation, when the origin itself served an old copy (a cache in front of it keeps its upstream's
 * Date, and may send an Age of its own, as one captured miss shows).
 */
function judgeMiss(common: Common, answer: Answer, createdAt: number): Judgement {
  const date = httpDate(answer.headers.date)
  if (date !== undefined && date < createdAt - CLOCK_TOLERANCE_SECONDS * 1000) {
    return {
      ...judgeFetchTime(common, date, createdAt),
      reason: `a miss, but the origin served a copy dated ${formatSeconds((createdAt - date) / 1000)} before the invalidation was created: a cache in front of the origin, or the origin's clock, is behind`
    }
  }
  return {
    ...common,
    verdict: 'live',
    rule: 'miss',
    reason: 'fetched from the origin for this request (a miss)'
  }
}

/** The ETag the edge served against the one the bucket holds: the same bytes or not. */
function judgeByContent(common: Common, edge: string, bucket: string, result: CacheResult): Judgement {
  const shown = plainTag(edge) && plainTag(bucket) ? { etags: { edge, bucket } } : {}
  const tags = 'etags' in shown ? ` (ETag ${edge}; the bucket's ${bucket})` : ''
  if (edge === bucket) {
    return {
      ...common,
      ...shown,
      verdict: 'live',
      rule: 'etag',
      reason: `the edge serves the bytes the bucket holds${'etags' in shown ? ` (ETag ${edge})` : ''}`
    }
  }
  return {
    ...common,
    ...shown,
    verdict: 'stale',
    rule: 'etag',
    reason:
      result === 'miss'
        ? `the origin served other bytes than the bucket holds${tags}: the distribution does not read this key for this URL (origin-path, another origin)`
        : `the edge serves other bytes than the bucket holds${tags}`
  }
}

/** ETags fit to show in the log and annotations: S3's hex digests, with a part count for multipart. */
function plainTag(tag: string): boolean {
  return /^[\w.-]{1,80}$/.test(tag)
}

/** Live when the copy's Date is at most the clock tolerance before `createdAt`; stale when earlier. */
function judgeFetchTime(common: Common, date: number, createdAt: number): Judgement {
  const after = Math.round((date - createdAt) / 1000)
  const timing = { ...common, fetchedAfterSeconds: after, rule: 'date' as const }
  const age = common.ageSeconds !== undefined ? `, cached ${formatSeconds(common.ageSeconds)} ago` : ''
  if (date >= createdAt - CLOCK_TOLERANCE_SECONDS * 1000) {
    return {
      ...timing,
      verdict: 'live',
      reason: `fetched from the origin ${after >= 0 ? `${formatSeconds(after)} after` : `${formatSeconds(-after)} before (within the clock tolerance)`} the invalidation was created${age}`
    }
  }
  return {
    ...timing,
    verdict: 'stale',
    reason: `fetched from the origin ${formatSeconds(-after)} before the invalidation was created${age}`
  }
}

/** A request that got no answer is not checkable: say why. */
export function judgeNoAnswer(failure: NoAnswer): Judgement {
  return { verdict: 'unchecked', rule: 'answer', reason: failure.reason, failure: failure.kind }
}
