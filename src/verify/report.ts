/**
 * Pure: what the log, the annotations and the summary say of a verification. Text the site sent (X-Cache)
 * appears only in the summary, escaped, and in the log's detail lines, which the runner seam prints as
 * plain text; annotations are made of the action's own words, numbers and the percent-encoded paths
 * alone, so no answer can turn into a workflow command.
 */
import { formatCount, formatNumber, formatSeconds } from '../common/format.js'
import { escapeMarkdown, inlineCode } from '../report/markdown.js'
import { cacheResult } from './headers.js'
import { CLOCK_TOLERANCE_SECONDS } from './judge.js'
import { BROWSER_LIFETIME_LIMIT_SECONDS } from './lifetime.js'
import type { VerifiedUrl } from './site.js'
import type { UrlSelection } from './urls.js'
import type { Site } from '../types.js'

/** Stale or unchecked URLs given an annotation each; the rest are counted in one more. */
export const ANNOTATIONS_LIMIT = 10
/** Rows of the summary's table; the rest are counted. */
export const SUMMARY_ROWS_LIMIT = 100

/** One target's verification, as verifyCompleted hands it to the summary. */
export interface TargetVerification {
  /** The distribution's or tenant's ID. */
  targetId: string
  invalidationId: string
  site: Site
  selection: UrlSelection
  urls: VerifiedUrl[]
  /** The invalidation's CreateTime, ISO, from CloudFront. */
  createTime: string
}

export interface VerdictCounts {
  live: number
  stale: number
  unchecked: number
  longLived: number
}

export function countVerdicts(urls: readonly VerifiedUrl[]): VerdictCounts {
  return {
    live: urls.filter(url => url.verdict === 'live').length,
    stale: urls.filter(url => url.verdict === 'stale').length,
    unchecked: urls.filter(url => url.verdict === 'unchecked').length,
    longLived: urls.filter(url => isLongLived(url)).length
  }
}

function isLongLived(url: VerifiedUrl): boolean {
  return (url.browser?.seconds ?? 0) > BROWSER_LIFETIME_LIMIT_SECONDS
}

/** `Hit`, `Miss`, `RefreshHit`, `Error`, `other`, `none`: X-Cache in the action's own words. */
function cacheWord(url: VerifiedUrl): string {
  switch (cacheResult(url.xCache)) {
    case 'hit':
      return 'Hit'
    case 'miss':
      return 'Miss'
    case 'refresh-hit':
      return 'RefreshHit'
    case 'error':
      return 'Error'
    case 'redirect':
      return 'Redirect'
    case 'function':
      return 'FunctionGeneratedResponse'
    case 'lambda':
      return 'LambdaGeneratedResponse'
    case 'other':
      return 'other'
    case 'absent':
      return 'none'
  }
}

/** How a URL was judged, for its detail line: the rule that gave the verdict. */
const RULE_WORDS: Record<VerifiedUrl['rule'], string> = {
  etag: 'judged by ETag',
  date: 'judged by Date',
  miss: 'judged as a miss',
  refresh: 'judged as a refresh hit',
  deleted: 'judged as a deleted file',
  answer: 'judged by the answer'
}

function listed(urls: readonly VerifiedUrl[], limit = 5): string {
  const shown = urls.slice(0, limit).map(url => url.path)
  return urls.length > limit
    ? `${shown.join(', ')}, … and ${formatNumber(urls.length - limit)} more`
    : shown.join(', ')
}

/**
 * What was chosen to check: `Verifying 100 of 500 changed URLs (a sample spread over the list) of E… at
 * https://…, against invalidation I….`
 */
export function selectionLine(
  verification: Pick<TargetVerification, 'targetId' | 'site' | 'selection' | 'invalidationId'>
): string {
  const { selection, site } = verification
  const count = selection.paths.length
  const of =
    count < selection.candidates
      ? `${formatNumber(count)} of ${formatCount(selection.candidates, 'changed URL')} (a sample spread over the list)`
      : formatCount(count, 'changed URL')
  return `Verifying ${of} of ${verification.targetId} at ${site.origin}, against invalidation ${verification.invalidationId}.`
}

/** Notes on what was left out of the check. */
export function selectionNotes(selection: UrlSelection): string[] {
  const notes: string[] = []
  if (selection.tags > 0) {
    notes.push(`${formatCount(selection.tags, 'cache tag')} not verified: a tag names no URL to request.`)
  }
  if (selection.uncheckedWildcards.length > 0) {
    const shown = selection.uncheckedWildcards.slice(0, 5).join(', ')
    const more =
      selection.uncheckedWildcards.length > 5
        ? ` and ${formatNumber(selection.uncheckedWildcards.length - 5)} more`
        : ''
    notes.push(
      `${formatCount(selection.uncheckedWildcards.length, 'wildcard')} not verified (${shown}${more}): no file under ${selection.uncheckedWildcards.length === 1 ? 'it was' : 'them were'} listed. List the changed files (paths-file, or the changes action's output) to have them checked.`
    )
  }
  if (selection.notCovered > 0) {
    notes.push(
      `${formatCount(selection.notCovered, 'listed path')} not verified: the invalidation does not cover ${selection.notCovered === 1 ? 'it' : 'them'}.`
    )
  }
  return notes
}

/** One line per verdict class, for the log. */
export function verdictLines(verification: TargetVerification): string[] {
  const { urls, targetId } = verification
  const by = (verdict: VerifiedUrl['verdict']) => urls.filter(url => url.verdict === verdict)
  const lines: string[] = []
  const live = by('live')
  const stale = by('stale')
  const unchecked = by('unchecked')
  const longLived = urls.filter(isLongLived)
  if (live.length > 0)
    lines.push(
      `${targetId}: live: ${formatCount(live.length, 'URL')} served fresh from the origin since the invalidation (${listed(live)}).`
    )
  if (stale.length > 0)
    lines.push(
      `${targetId}: stale: ${formatCount(stale.length, 'URL')} served from a copy cached before the invalidation (${listed(stale)}).`
    )
  if (unchecked.length > 0)
    lines.push(`${targetId}: not checkable: ${formatCount(unchecked.length, 'URL')} (${listed(unchecked)}).`)
  if (longLived.length > 0) {
    lines.push(
      `${targetId}: browser lifetime over ${formatSeconds(BROWSER_LIFETIME_LIMIT_SECONDS)}: ${formatCount(longLived.length, 'URL')} (${listed(longLived)}).`
    )
  }
  return lines
}

/** A detail line per URL, for a log group (site text in it is printed as plain text by the runner seam). */
export function detailLine(url: VerifiedUrl): string {
  const parts = [
    url.status === undefined ? 'no answer' : String(url.status),
    `X-Cache ${url.xCache ?? 'none'}`,
    ...(url.ageSeconds !== undefined ? [`Age ${url.ageSeconds}`] : []),
    ...(url.browser ? [`browsers keep it ${formatSeconds(url.browser.seconds)} (${url.browser.from})`] : []),
    ...(url.browserUnset ? ['browser lifetime not set'] : []),
    ...(url.redirect ? ['a redirect, judged as served'] : []),
    ...(url.object ? [`${url.object}${bucketWords(url)}`] : []),
    ...(url.bucketFailure ? [`HeadObject: ${url.bucketFailure}`] : []),
    ...(url.attempts > 1 ? [`${url.attempts} attempts`] : [])
  ]
  return `  ${url.verdict.padEnd(9)} ${url.url}  ${parts.join('; ')}; ${RULE_WORDS[url.rule]}: ${url.reason}`
}

const BUCKET_WORDS: Record<NonNullable<VerifiedUrl['bucket']>, string> = {
  present: ' (in the bucket)',
  absent: ' (not in the bucket)',
  denied: ' (HeadObject denied)',
  failed: ' (HeadObject failed)'
}

function bucketWords(url: VerifiedUrl): string {
  return url.bucket ? BUCKET_WORDS[url.bucket] : ''
}

/**
 * A note when HeadObject was denied or failed for some URLs: they were judged by Date instead of by
 * content. One line per target, naming the permission.
 */
export function bucketNotes(verification: TargetVerification): string[] {
  const notes: string[] = []
  for (const kind of ['denied', 'failed'] as const) {
    const urls = verification.urls.filter(url => url.bucket === kind)
    if (urls.length === 0) continue
    const buckets = [...new Set(urls.map(url => /^s3:\/\/([^/]+)\//.exec(url.object ?? '')?.[1] ?? ''))]
    const arns = buckets.map(bucket => `arn:aws:s3:::${bucket}/*`).join(', ')
    notes.push(
      kind === 'denied'
        ? `verify: S3 refused HeadObject for ${formatCount(urls.length, 'object')} of ${verification.targetId} (${listed(urls)}), so ${urls.length === 1 ? 'it was' : 'they were'} judged without the bucket's ETag: allow s3:GetObject on ${arns} for the check by content, and s3:ListBucket on the bucket, so that a deleted key reads as absent rather than refused.`
        : `verify: HeadObject failed for ${formatCount(urls.length, 'object')} of ${verification.targetId} (${listed(urls)}), so ${urls.length === 1 ? 'it was' : 'they were'} judged without the bucket's ETag; the log's "Verified" group says why.`
    )
  }
  return notes
}

/** Why a copy the invalidation should have cleared is still served: where to look. */
const STALE_CAUSES =
  "The path invalidated is not this URL's cache key: likely a viewer-request CloudFront Function or Lambda@Edge rewriting the URI (invalidate the rewritten path too, e.g. /dir/index.html for /dir/), an origin path, or a cache policy adding query strings, headers or cookies to the key. See docs/verify.md."

/**
 * The ::error:: for one stale URL, in the action's own words: the URL (percent-encoded), numbers, and
 * ETags only when they are plain (S3's hex digests); never the S3 key as given.
 */
function staleError(url: VerifiedUrl, invalidationId: string): string {
  const edge = `the edge (X-Cache ${cacheWord(url)}${url.ageSeconds !== undefined ? `, Age ${url.ageSeconds}` : ''})`
  if (url.rule === 'etag') {
    const tags = url.etags ? ` (ETag ${url.etags.edge}; the bucket's ${url.etags.bucket})` : ''
    if (cacheResult(url.xCache) === 'miss') {
      return `verify: ${url.url} is stale: the origin served other bytes than the bucket holds for it${tags}, after CloudFront reported invalidation ${invalidationId} Completed. The distribution does not read that key for this URL: check origin-path and the distribution's origin. See docs/verify.md.`
    }
    return `verify: ${url.url} is stale: ${edge} serves other bytes than the bucket holds for it${tags}, after CloudFront reported invalidation ${invalidationId} Completed. ${STALE_CAUSES}`
  }
  const before = -(url.fetchedAfterSeconds ?? 0)
  // Minutes apart may be the origin's clock rather than the copy: only the content can tell.
  const clock =
    before < 600
      ? " If the origin's clock runs behind AWS's, give the changed files as S3 keys (s3:// URIs or the sync's output) so that they are judged by content."
      : ''
  return `verify: ${url.url} is stale: ${edge} served a copy fetched from the origin ${formatSeconds(before)} before invalidation ${invalidationId} was created, after CloudFront reported it Completed. ${STALE_CAUSES}${clock}`
}

/** The ::error:: for each stale URL, capped, and a count of the rest. */
export function staleErrors(verification: TargetVerification): string[] {
  const stale = verification.urls.filter(url => url.verdict === 'stale')
  const errors = stale.slice(0, ANNOTATIONS_LIMIT).map(url => staleError(url, verification.invalidationId))
  if (stale.length > ANNOTATIONS_LIMIT) {
    errors.push(
      `verify: ${formatNumber(stale.length - ANNOTATIONS_LIMIT)} more stale URLs of ${verification.targetId}; the log's "Verified" group lists every one.`
    )
  }
  return errors
}

/** The ::error:: for each URL that could not be checked, capped. */
export function uncheckedErrors(verification: TargetVerification): string[] {
  const unchecked = verification.urls.filter(url => url.verdict === 'unchecked')
  const errors = unchecked
    .slice(0, ANNOTATIONS_LIMIT)
    .map(url => `verify: ${url.url} could not be checked: ${url.reason}.`)
  if (unchecked.length > ANNOTATIONS_LIMIT) {
    errors.push(
      `verify: ${formatCount(unchecked.length - ANNOTATIONS_LIMIT, 'more URL')} of ${verification.targetId} could not be checked; the log's "Verified" group lists every one.`
    )
  }
  return errors
}

/** The ::warning:: for each URL browsers may keep too long, capped. */
export function lifetimeWarnings(verification: TargetVerification): string[] {
  const long = verification.urls.filter(isLongLived)
  const warnings = long
    .slice(0, ANNOTATIONS_LIMIT)
    .map(
      url =>
        `verify: ${url.url} lets browsers keep it for ${formatSeconds(url.browser?.seconds ?? 0)} (${url.browser?.from}), over ${formatSeconds(BROWSER_LIFETIME_LIMIT_SECONDS)}: a browser that loaded it before the deploy may show the old copy until then, whatever CloudFront serves. For a URL that changes in place (HTML), send Cache-Control: no-cache (or a short max-age); keep long lifetimes for fingerprinted assets. See docs/verify.md.`
    )
  if (long.length > ANNOTATIONS_LIMIT) {
    warnings.push(
      `verify: ${formatCount(long.length - ANNOTATIONS_LIMIT, 'more URL')} of ${verification.targetId} let browsers keep them over ${formatSeconds(BROWSER_LIFETIME_LIMIT_SECONDS)}.`
    )
  }
  return warnings
}

/** How the step fails when some URL could not be fetched: what to do about it. */
const UNFETCHED_FIX =
  'A URL that cannot be fetched cannot be verified: allow the runner through (AWS WAF, signed URLs, geographic restrictions), set verify-url to an address the runner can reach, or set verify: false to skip verifying.'

/**
 * The advice that fits the URLs that could not be checked: none for a cancelled job, wait-timeout for a
 * deadline, access for refusals and failures, and otherwise each error's own fix.
 */
export function uncheckedFix(urls: readonly VerifiedUrl[]): string {
  const unchecked = urls.filter(url => url.verdict === 'unchecked')
  if (unchecked.length === 0) return ''
  if (unchecked.every(url => url.failure === 'cancelled')) return ''
  if (unchecked.every(url => url.failure === 'cancelled' || url.failure === 'deadline')) {
    return 'wait-timeout ran out while verifying: raise wait-timeout so that every URL can be checked.'
  }
  const unfetched = unchecked.some(
    url =>
      (url.failure !== undefined && url.failure !== 'cancelled' && url.failure !== 'deadline') ||
      url.refused === true
  )
  return unfetched
    ? UNFETCHED_FIX
    : 'Each error above says why its URL says nothing of the file, and what to change; or set verify: false to skip verifying.'
}

/** The summary's section: one table per target. */
export function renderVerification(verifications: readonly TargetVerification[]): string {
  if (verifications.length === 0) return ''
  const blocks = ['### Verified as a visitor gets it']
  for (const verification of verifications) {
    const counts = countVerdicts(verification.urls)
    const sampled =
      verification.selection.paths.length < verification.selection.candidates
        ? ` (a spread sample of ${formatNumber(verification.selection.candidates)})`
        : ''
    const parts = [
      `${formatNumber(counts.live)} live`,
      `${formatNumber(counts.stale)} stale`,
      `${formatNumber(counts.unchecked)} not checkable`
    ]
    blocks.push(
      `${inlineCode(verification.targetId)} at ${inlineCode(verification.site.origin)}, invalidation ${inlineCode(verification.invalidationId)} created ${inlineCode(verification.createTime)}: ${formatCount(verification.urls.length, 'URL')} checked${sampled}: ${parts.join(', ')}${counts.longLived > 0 ? `; ${formatNumber(counts.longLived)} with a browser lifetime over ${formatSeconds(BROWSER_LIFETIME_LIMIT_SECONDS)}` : ''}.`
    )
    const notes = selectionNotes(verification.selection)
    if (notes.length > 0) blocks.push(notes.map(note => `- ${escapeMarkdown(note)}`).join('\n'))
    if (verification.urls.length === 0) continue
    const rows = verification.urls.slice(0, SUMMARY_ROWS_LIMIT).map(url => {
      const verdict =
        url.verdict === 'live' ? '✅ live' : url.verdict === 'stale' ? '❌ stale' : '⚠️ not checkable'
      const age = url.ageSeconds === undefined ? '—' : formatSeconds(url.ageSeconds)
      const browser = url.browser
        ? `${isLongLived(url) ? '⚠️ ' : ''}${formatSeconds(url.browser.seconds)}`
        : url.browserUnset
          ? 'not set (browsers may guess from Last-Modified)'
          : '0 s'
      const status = url.status === undefined ? '—' : String(url.status)
      return `| ${inlineCode(url.path)} | ${verdict} | ${status} | ${url.xCache === undefined ? '—' : inlineCode(url.xCache)} | ${age} | ${browser} |`
    })
    const rest = verification.urls.length - rows.length
    blocks.push(
      [
        '| URL | Verdict | Status | X-Cache | Age of the copy | Browser lifetime |',
        '| --- | --- | ---: | --- | ---: | ---: |',
        ...rows
      ].join('\n') + (rest > 0 ? `\n\n… and ${formatNumber(rest)} more in the log.` : '')
    )
  }
  blocks.push(
    `Live: the edge serves the bytes the bucket holds (same ETag), where the step knows the S3 object; elsewhere a miss, a refresh hit, or a copy whose Date (when the edge fetched it from the origin) is at most ${CLOCK_TOLERANCE_SECONDS} s before the invalidation's CreateTime; for a deleted file, the origin's error or the error page. Browser lifetime: what max-age or Expires, less Age, lets a browser reuse without asking.`
  )
  // After the invalidation's own summary, which ends with a single line break.
  return '\n' + blocks.join('\n\n') + '\n'
}
