/**
 * The verdicts verify gives, and what they rest on: the types the judge (judge.ts) returns, the site
 * client (site.ts) fills in and the report (report.ts) words.
 */
import type { BrowserLifetime } from './lifetime.js'

/** Why an answer could not be had at all. */
export interface NoAnswer {
  kind: 'refused' | 'timeout' | 'dns' | 'reset' | 'tls' | 'other' | 'cancelled' | 'deadline'
  /** A plain description, without any text of the site's. */
  reason: string
}

/**
 * What is known of the S3 object behind a URL: the ETag the bucket holds (HeadObject), that it is gone
 * (HeadObject, or the step's own sources: a `delete:` line, an inventory that lacks it), or nothing.
 */
export type ObjectFact = (
  | { kind: 'present'; etag: string }
  | { kind: 'deleted'; from: string }
  /** HeadObject was refused (403): no s3:GetObject, or the key is absent and s3:ListBucket is not allowed. */
  | { kind: 'denied' }
  | { kind: 'unknown' }
) & {
  /** A URL the step added for the object (ChangedObject.derived), which the origin may not serve. */
  derived?: 'directory' | 'plus'
}

export const UNKNOWN: ObjectFact = { kind: 'unknown' }

export type Verdict = 'live' | 'stale' | 'unchecked'

/**
 * Which rule gave the verdict: `etag` and `date` judge a copy, `miss` and `refresh` what the origin
 * answered for this request, `deleted` a deleted file, `answer` the rest.
 */
export type Rule = 'etag' | 'date' | 'miss' | 'refresh' | 'deleted' | 'answer'

export interface Judgement {
  verdict: Verdict
  rule: Rule
  /** The status the edge answered, when it answered. */
  status?: number
  /** X-Cache as sent (untrusted text: escape before showing). */
  xCache?: string
  /** Seconds the copy had been cached when the edge served it (Age), when it said. */
  ageSeconds?: number
  /** Seconds between the invalidation's creation and the copy's fetch from the origin; negative = before. */
  fetchedAfterSeconds?: number
  /** With the etag rule: the two ETags, when they are plain enough to show (S3's are hex). */
  etags?: { edge: string; bucket: string }
  /**
   * Why, in a few plain words: `fetched 3 h 2 min before the invalidation was created`,
   * `503 Service Unavailable after retries`.
   */
  reason: string
  /** What browsers may keep it for, when the answer lets them keep it longer than 0 s. */
  browser?: BrowserLifetime
  /** Neither Cache-Control nor Expires says: browsers may guess a lifetime from Last-Modified. */
  browserUnset?: boolean
  /** The origin's answer redirected (judged as served; the Location is not followed). */
  redirect?: boolean
  /** A hit without Age: worth asking once more a moment later (site.ts does), before giving up. */
  askAgain?: boolean
  /** Why no answer came, when none did. */
  failure?: NoAnswer['kind']
  /** The site refused the request (401, a 403 that is not S3's): the fix is to let the runner through. */
  refused?: boolean
}
