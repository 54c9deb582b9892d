/**
 * Verifying, once the invalidations are Completed: each target's changed URLs are requested through its
 * site, judged (judge.ts), logged a line per verdict class, annotated (stale and not checkable URLs fail
 * the step, long browser lifetimes warn), and handed to the summary. Returns the outcome; the caller
 * (src/ending.ts, for both flows) writes the verified output and fails the step.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { isCancelled, type CancelledError, type Clock } from '../common/clock.js'
import { getInvalidationRecordFor, servedDomain } from '../cloudfront/calls.js'
import { UserError, errorMessage } from '../common/errors.js'
import type { ProxySettings } from '../common/http.js'
import { logDetail } from '../common/runner.js'
import { formatCount, formatNumber } from '../common/format.js'
import type { Runner } from '../common/runner.js'
import type {
  ChangedObject,
  Deadline,
  DistributionResult,
  InvalidationRecord,
  Site,
  Target
} from '../types.js'
import type { BucketReader } from './bucket.js'
import type { VerifySettings } from '../inputs/verify.js'
import {
  bucketNotes,
  countVerdicts,
  detailLine,
  lifetimeWarnings,
  selectionLine,
  selectionNotes,
  staleErrors,
  uncheckedErrors,
  uncheckedFix,
  verdictLines,
  type TargetVerification
} from './report.js'
import { siteClient, verifyPaths, type SiteClient } from './site.js'
import { selectUrls, siteOfDomain } from './urls.js'

export interface VerifyDeps {
  client: CloudFrontClient
  runner: Runner
  clock: Clock
  proxy: ProxySettings
  deadline: Deadline
  /** The site client; made from `proxy` when not given (tests give their own). */
  site?: SiteClient
  /** What the step's sources say of the object behind each changed path (settings.changedObjects). */
  objects?: ReadonlyMap<string, ChangedObject>
  /** HeadObject for the objects whose S3 key is known; made on first use, closed at the end. */
  bucket?: () => BucketReader
}

export interface VerifyOutcome {
  /** The `verified` output: true when every URL checked is live. */
  verified: 'true' | 'false'
  verifications: TargetVerification[]
  /** Why the step fails, when it does: stale or not checkable URLs, or a target not verified. */
  failure?: string
  /** The job was cancelled while verifying: `failure` says so, and is the step's one error. */
  cancelled?: boolean
}

/**
 * Refuses verify-url with several targets: one address cannot serve two sites' caches, and checking
 * another target's site would judge the wrong cache. Each target's own domain is the default.
 */
export function checkVerifyTargets(settings: VerifySettings, targets: readonly Target[]): void {
  if (settings.site && targets.length > 1) {
    throw new UserError(
      `verify-url: one address is given, but the step invalidates ${targets.length} distributions and tenants, each served at its own domain. Remove verify-url so that each is checked at its own (first alias, tenant domain, or *.cloudfront.net name), or verify each in its own step.`
    )
  }
}

/**
 * Verifies every result that completed; `files` are the changed files the step was given, `records` the
 * invalidations already read (invalidation-id's wait), by ID.
 */
export async function verifyCompleted(
  results: readonly DistributionResult[],
  files: readonly string[],
  settings: VerifySettings,
  deps: VerifyDeps,
  records: ReadonlyMap<string, InvalidationRecord> = new Map()
): Promise<VerifyOutcome> {
  const client = deps.site ?? siteClient(deps.proxy)
  const bucket = needsBucket(deps.objects) ? deps.bucket?.() : undefined
  const verifications: TargetVerification[] = []
  const problems: string[] = []
  try {
    for (const result of results) {
      if (!result.invalidationId) continue
      const verified = await verifyResult(
        result,
        result.invalidationId,
        { files, settings, records, client, ...(bucket ? { bucket } : {}) },
        deps
      )
      if ('problem' in verified) {
        problems.push(verified.problem)
        continue
      }
      verifications.push(verified.verification)
      if (!isCancelled(deps.deadline.signal)) problems.push(...annotate(verified.verification, deps.runner))
    }
  } finally {
    if (!deps.site) client.close()
    bucket?.close()
  }
  if (isCancelled(deps.deadline.signal)) return cancelledOutcome(verifications, deps.deadline.signal)
  const allCompleted = results.every(result => !result.invalidationId || result.status === 'Completed')
  return outcomeOf(verifications, problems, allCompleted)
}

function needsBucket(objects: ReadonlyMap<string, ChangedObject> | undefined): boolean {
  for (const object of objects?.values() ?? []) if (object.s3) return true
  return false
}

/** What every result of one verifyCompleted is verified with. */
interface VerifyContext {
  files: readonly string[]
  settings: VerifySettings
  records: ReadonlyMap<string, InvalidationRecord>
  client: SiteClient
  bucket?: BucketReader
}

/** One result's verification, or the problem (already logged) that kept it from being verified. */
async function verifyResult(
  result: DistributionResult,
  invalidationId: string,
  context: VerifyContext,
  deps: VerifyDeps
): Promise<{ verification: TargetVerification } | { problem: string }> {
  const { runner } = deps
  if (result.status !== 'Completed') {
    runner.warning(
      `verify: ${result.distributionId} was not verified: invalidation ${invalidationId} is not Completed.`
    )
    return { problem: `${result.distributionId} was not verified` }
  }
  const { target } = result
  try {
    const record = context.records.get(invalidationId) ?? (await recordOf(deps, target, invalidationId))
    const site =
      context.settings.site ?? siteOfDomain(await servedDomain(deps.client, target, deps.deadline.signal))
    return { verification: await verifyTarget(target, record, site, context, deps) }
  } catch (error) {
    logDetail(runner, error)
    // A cancelled job's one error says so (cancelledOutcome); the call it cut short is only detail.
    if (!isCancelled(deps.deadline.signal))
      runner.error(`verify: ${result.distributionId} could not be verified: ${errorMessage(error)}`)
    return { problem: `${result.distributionId} could not be verified` }
  }
}

/** Stale and not checkable URLs as errors, long browser lifetimes as warnings; returns the problems. */
function annotate(verification: TargetVerification, runner: Runner): string[] {
  for (const note of bucketNotes(verification)) runner.info(note)
  for (const message of staleErrors(verification)) runner.error(message)
  for (const message of uncheckedErrors(verification)) runner.error(message)
  for (const message of lifetimeWarnings(verification)) runner.warning(message)
  const counts = countVerdicts(verification.urls)
  const problems: string[] = []
  if (counts.stale > 0) problems.push(`${formatCount(counts.stale, 'stale URL')} on ${verification.targetId}`)
  if (counts.unchecked > 0) {
    problems.push(`${formatNumber(counts.unchecked)} not checkable on ${verification.targetId}`)
  }
  return problems
}

function outcomeOf(
  verifications: TargetVerification[],
  problems: readonly string[],
  allCompleted: boolean
): VerifyOutcome {
  const fix = uncheckedFix(verifications.flatMap(verification => verification.urls))
  // A wait that ran out with fail-on-timeout false leaves an invalidation InProgress: not "completed".
  const state = allCompleted ? 'The invalidation completed, but visitors' : 'Visitors'
  return {
    verified: problems.length === 0 ? 'true' : 'false',
    verifications,
    ...(problems.length > 0
      ? {
          failure: `verify: ${problems.join('; ')}. ${state} are not known to get the new content; see the errors above.${fix ? ` ${fix}` : ''}`
        }
      : {})
  }
}

/** The job was cancelled while verifying: one error that says so, and how far verifying got. */
function cancelledOutcome(verifications: TargetVerification[], signal: AbortSignal): VerifyOutcome {
  const urls = verifications.flatMap(verification => verification.urls)
  const asked = urls.filter(url => url.failure !== 'cancelled')
  const counts = countVerdicts(asked)
  const found =
    asked.length === 0
      ? 'no URL was checked'
      : `${formatNumber(asked.length)} of ${formatCount(urls.length, 'URL')} checked (${formatNumber(counts.live)} live, ${formatNumber(counts.stale)} stale, ${formatNumber(counts.unchecked)} not checkable), the rest not`
  return {
    verified: 'false',
    verifications,
    cancelled: true,
    failure: `${(signal.reason as CancelledError).during('verifying')}: ${found}. The invalidation itself was not affected; see the summary.`
  }
}

/** GetInvalidation for CreateTime and the paths; a just-created one may take a moment to be visible. */
async function recordOf(deps: VerifyDeps, target: Target, id: string): Promise<InvalidationRecord> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getInvalidationRecordFor(deps.client, target, id, deps.deadline.signal)
    } catch (error) {
      if (attempt >= 3 || deps.deadline.signal.aborted || error instanceof UserError) throw error
      await deps.clock.sleep(2000 * attempt, deps.deadline.signal)
    }
  }
}

async function verifyTarget(
  target: Target,
  record: InvalidationRecord,
  site: Site,
  context: VerifyContext,
  deps: VerifyDeps
): Promise<TargetVerification> {
  const { files, client, bucket } = context
  const { runner } = deps
  const selection = selectUrls(files, record.paths)
  const base = {
    targetId: target.id,
    invalidationId: record.id,
    site,
    selection,
    createTime: record.createTime
  }
  runner.info(selectionLine(base))
  for (const note of selectionNotes(selection)) runner.info(note)
  const urls = await verifyPaths(site, selection.paths, record.createdAt, {
    client,
    clock: deps.clock,
    signal: deps.deadline.signal,
    ...(deps.objects ? { objects: deps.objects } : {}),
    ...(bucket ? { bucket } : {})
  })
  const verification: TargetVerification = { ...base, urls }
  if (urls.length === 0) {
    runner.warning(
      `verify: nothing of ${target.id} could be verified: the invalidation names no file (only cache tags, or wildcards with no listed file under them). List the changed files with paths-file to have them checked.`
    )
    return verification
  }
  runner.startGroup(`Verified ${formatCount(urls.length, 'URL')} of ${target.id} at ${site.origin}`)
  for (const url of urls) runner.info(detailLine(url))
  runner.endGroup()
  for (const line of verdictLines(verification)) runner.info(line)
  return verification
}
