/** The step's log: one line per step, long detail in groups, progress while waiting. */
import * as core from '@actions/core'
import { UserError, errorMessage } from './errors.js'
import type { Settings } from './inputs.js'
import type { Plan } from './invalidate.js'
import { MAX_WILDCARDS, billedPaths, type PathPlan } from './plan.js'
import {
  BILLING_NOTE,
  describeNotes,
  describePlan,
  formatCount,
  formatDuration,
  formatNumber
} from './report.js'
import type { WaitOptions } from './wait.js'

/** Every distribution gets the same path plan: how it came from the request is logged once. */
function logPathPlan(plan: PathPlan, settings: Settings, distributions: number): void {
  core.startGroup(`Paths: ${describePlan(plan)}`)
  const notes = plan.notes ? describeNotes(plan.notes) : { info: [], warnings: [] }
  for (const line of notes.info) core.info(line)
  if (plan.alreadyCovered > 0) {
    core.info(
      `${formatCount(plan.alreadyCovered, 'listed path')} dropped: a wildcard listed with them already covers them.`
    )
  }
  if (plan.compacted.length > 0) {
    core.info(
      `${formatCount(plan.requested - plan.alreadyCovered, 'path')} are more than max-paths (${settings.maxPaths}) or ${MAX_WILDCARDS} wildcards allow; compacted into:`
    )
    for (const wildcard of plan.compacted) {
      core.info(`  ${wildcard.path}  stands for ${formatCount(wildcard.covers, 'requested path')}`)
    }
  }
  if (distributions > 1) {
    core.info(
      `Billed paths of this step: ${formatNumber(billedPaths(plan) * distributions)} (${billedPaths(plan)} for each of ${distributions} distributions).`
    )
  }
  core.info(BILLING_NOTE)
  core.endGroup()
  for (const warning of notes.warnings) core.warning(warning)
  if (plan.everything) {
    core.warning(
      `max-paths: the ${formatCount(plan.requested, 'requested path')} could not be covered by at most ${MAX_WILDCARDS} directory wildcards and ${settings.maxPaths} paths in all, so /* is invalidated instead: every cached object of the distribution. Raise max-paths, or list fewer paths (for example only what changed).`
    )
  }
}

export function logPlans(plans: readonly Plan[], settings: Settings): void {
  const verb = settings.dryRun ? 'Dry run: would invalidate' : 'Invalidating'
  const [first] = plans
  if (!first) return
  // Every distribution is sent the same paths: they are listed once.
  logPathPlan(first.pathPlan, settings, plans.length)
  if (first.paths.length > 1) {
    core.startGroup(`Paths sent (${formatNumber(first.paths.length)})`)
    core.info(first.paths.join('\n'))
    core.endGroup()
  }
  for (const plan of plans) {
    const count =
      plan.paths.length === 1 ? `1 path (${plan.paths[0]})` : `${formatNumber(plan.paths.length)} paths`
    core.info(`${verb} ${count} of distribution ${plan.distributionId}, from ${settings.pathsSource}.`)
    core.debug(`CallerReference for ${plan.distributionId}: ${plan.callerReference}`)
  }
}

/** A progress line every 10 s or so (polls are more frequent), and every failed poll. */
export function progressLog(invalidationId: string): NonNullable<WaitOptions['onProgress']> {
  let loggedAt = -Infinity
  return ({ elapsedMs, polls, error }) => {
    if (error === undefined && elapsedMs - loggedAt < 10_000) return
    loggedAt = elapsedMs
    const status = error === undefined ? 'InProgress' : `poll failed (${errorMessage(error)}), will retry`
    core.info(
      `  ${invalidationId}: ${status} after ${formatDuration(elapsedMs)} (${formatCount(polls, 'poll')})`
    )
  }
}

/** Unexpected errors keep their stack, but only in the debug log: the annotation stays one clear line. */
export function logDetail(error: unknown): void {
  if (error instanceof UserError && !(error.cause instanceof Error)) return
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  const cause =
    error instanceof Error && error.cause instanceof Error ? `\nCaused by: ${error.cause.stack}` : ''
  core.debug(detail + cause)
}
