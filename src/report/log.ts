/** The step's log: one line per step, long detail in groups (the progress while waiting: send/progress.ts). */
import { formatCount, formatNumber } from '../common/format.js'
import type { Settings } from '../inputs/inputs.js'
import { describeTenant } from '../targets/lookup.js'
import { MAX_WILDCARDS } from '../paths/plan.js'
import { BILLING_NOTE, billedOfStep, describeCost } from './billing.js'
import { notesLog } from './notes.js'
import { clears, describeEverything, describePlan } from './plan.js'
import { describeTargets } from './results.js'
import { plainText } from './wording.js'
import type { Runner } from '../common/runner.js'
import type { DistributionResult, PathPlan, Plan } from '../types.js'

/** Every distribution gets the same path plan: how it came from the request is logged once. */
function logPathPlan(runner: Runner, plan: PathPlan, settings: Settings): void {
  runner.startGroup(`Paths: ${describePlan(plan)}`)
  const notes = plan.notes ? notesLog(plan.notes) : { info: [], warnings: [] }
  for (const line of notes.info) runner.info(line)
  if (plan.alreadyCovered > 0) {
    runner.info(
      `${formatCount(plan.alreadyCovered, 'listed path')} dropped: a wildcard listed with them already covers them.`
    )
  }
  if (plan.compacted.length > 0) {
    runner.info(
      plan.inventory
        ? `Compacted with the inventory, clearing the fewest unchanged objects within max-paths (${settings.maxPaths}) and ${MAX_WILDCARDS} wildcards, then using the fewest paths:`
        : `${formatCount(plan.requested - plan.alreadyCovered, 'path')} are more than max-paths (${settings.maxPaths}) or ${MAX_WILDCARDS} wildcards allow; compacted into:`
    )
    for (const wildcard of plan.compacted) {
      runner.info(
        `  ${wildcard.path}  stands for ${formatCount(wildcard.covers, 'requested path')}${clears(wildcard)}`
      )
    }
  }
  if (plan.inventory && plan.inventory.missing > 0) {
    runner.info(
      `${formatCount(plan.inventory.missing, 'changed object')} not in inventory-file: deleted by the deploy, or the inventory is of another site or from before the deploy.`
    )
  }
  runner.info(BILLING_NOTE)
  runner.endGroup()
  for (const warning of notes.warnings) runner.warning(warning)
  if (plan.inventory && !plan.inventory.exact) {
    runner.warning(
      `inventory-file: the search for the wildcards that clear the fewest unchanged objects gave up on this many directories, so the deepest wildcards that fit were sent instead; the counts of what they clear are exact. A lower max-paths makes the search smaller.`
    )
  }
  const everything = describeEverything(plan)
  if (everything?.warning) runner.warning(plainText(everything.sentence))
  else if (everything) runner.info(plainText(everything.sentence))
}

export function logPlans(runner: Runner, plans: readonly Plan[], settings: Settings): void {
  const verb = settings.dryRun ? 'Dry run: would invalidate' : 'Invalidating'
  const [first] = plans
  if (!first) return
  // Every distribution is sent the same paths: they are listed once.
  logPathPlan(runner, first.pathPlan, settings)
  if (first.paths.length > 1) {
    runner.startGroup(`Paths sent (${formatNumber(first.paths.length)})`)
    runner.info(first.paths.join('\n'))
    runner.endGroup()
  }
  // A fleet's line per distribution goes in a group: the progress line is what shows while it runs.
  const fleet = plans.length > 1
  if (fleet) runner.startGroup(`${verb} ${plans.length} distributions, from ${settings.pathsSource}`)
  for (const plan of plans) {
    const count =
      plan.paths.length === 1 ? `1 path (${plan.paths[0]})` : `${formatNumber(plan.paths.length)} paths`
    const what =
      plan.target.kind === 'tenant' ? describeTenant(plan.target) : `distribution ${plan.distributionId}`
    runner.info(`${verb} ${count} of ${what}, from ${settings.pathsSource}.`)
    runner.debug(`CallerReference for ${plan.distributionId}: ${plan.callerReference}`)
  }
  if (fleet) runner.endGroup()
}

/**
 * The step's bill, counted as the summary counts it: the paths of the invalidations created (or, in a
 * dry run, that would be).
 */
export function logBill(runner: Runner, results: readonly DistributionResult[], dryRun: boolean): void {
  const { billed, invalidations } = billedOfStep(results, dryRun)
  if (invalidations === 0) return
  const of =
    results.length > 1
      ? ` (${formatCount(invalidations, 'invalidation')} of ${describeTargets(results)})`
      : ''
  runner.info(
    `Billed paths ${dryRun ? 'this step would send' : 'of this step'}: ${formatNumber(billed)}${of}, ${describeCost(billed)}.`
  )
}
