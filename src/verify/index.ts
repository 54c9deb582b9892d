/**
 * Verifying, once the invalidations are Completed: each target's changed URLs are requested through its
 * site, judged (judge.ts), logged a line per verdict class, annotated (stale and not checkable URLs fail
 * the step, long browser lifetimes warn), and handed to the summary. Returns the outcome; the caller
 * (main, or flow.ts for invalidation-id) writes the verified output and fails the step.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import type { Clock } from '../clock.js'
import { getInvalidationRecordFor, servedDomain } from '../cloudfront.js'
import { UserError, errorMessage } from '../errors.js'
import type { ProxySettings } from '../http.js'
import { logDetail } from '../runner.js'
import { formatCount, formatNumber } from '../format.js'
import type { Runner } from '../runner.js'
import type { Deadline, DistributionResult, InvalidationRecord, Target } from '../types.js'
import type { VerifySettings } from './inputs.js'
import {
  UNCHECKED_FIX,
  countVerdicts,
  detailLine,
  lifetimeWarnings,
  selectionLine,
  selectionNotes,
  staleErrors,
  uncheckedErrors,
  verdictLines,
  type TargetVerification
} from './report.js'
import { siteClient, verifyPaths, type SiteClient } from './site.js'
import { selectUrls, siteOfDomain, type Site } from './urls.js'

export interface VerifyDeps {
  client: CloudFrontClient
  runner: Runner
  clock: Clock
  proxy: ProxySettings
  deadline: Deadline
  /** The site client; made from `proxy` when not given (tests give their own). */
  site?: SiteClient
}

export interface VerifyOutcome {
  /** The `verified` output: true when every URL checked is live. */
  verified: 'true' | 'false'
  verifications: TargetVerification[]
  /** Why the step fails, when it does: stale or not checkable URLs, or a target not verified. */
  failure?: string
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
  const verifications: TargetVerification[] = []
  const problems: string[] = []
  try {
    for (const result of results) {
      if (!result.invalidationId) continue
      const verified = await verifyResult(
        result,
        result.invalidationId,
        { files, settings, records, client },
        deps
      )
      if ('problem' in verified) {
        problems.push(verified.problem)
        continue
      }
      verifications.push(verified.verification)
      problems.push(...annotate(verified.verification, deps.runner))
    }
  } finally {
    if (!deps.site) client.close()
  }
  const allCompleted = results.every(result => !result.invalidationId || result.status === 'Completed')
  return outcomeOf(verifications, problems, allCompleted)
}

/** What every result of one verifyCompleted is verified with. */
interface VerifyContext {
  files: readonly string[]
  settings: VerifySettings
  records: ReadonlyMap<string, InvalidationRecord>
  client: SiteClient
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
  const target = result.target ?? { kind: 'distribution' as const, id: result.distributionId }
  try {
    const record = context.records.get(invalidationId) ?? (await recordOf(deps, target, invalidationId))
    const site =
      context.settings.site ?? siteOfDomain(await servedDomain(deps.client, target, deps.deadline.signal))
    return { verification: await verifyTarget(target, record, site, context.files, context.client, deps) }
  } catch (error) {
    logDetail(runner, error)
    runner.error(`verify: ${result.distributionId} could not be verified: ${errorMessage(error)}`)
    return { problem: `${result.distributionId} could not be verified` }
  }
}

/** Stale and not checkable URLs as errors, long browser lifetimes as warnings; returns the problems. */
function annotate(verification: TargetVerification, runner: Runner): string[] {
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
  const unchecked = verifications.some(verification => countVerdicts(verification.urls).unchecked > 0)
  // A wait that ran out with fail-on-timeout false leaves an invalidation InProgress: not "completed".
  const state = allCompleted ? 'The invalidation completed, but visitors' : 'Visitors'
  return {
    verified: problems.length === 0 ? 'true' : 'false',
    verifications,
    ...(problems.length > 0
      ? {
          failure: `verify: ${problems.join('; ')}. ${state} are not known to get the new content; see the errors above.${unchecked ? ` ${UNCHECKED_FIX}` : ''}`
        }
      : {})
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
  files: readonly string[],
  client: SiteClient,
  deps: VerifyDeps
): Promise<TargetVerification> {
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
    signal: deps.deadline.signal
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
