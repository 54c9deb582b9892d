/** One line on how the paths sent came from those requested, and what each compacted wildcard clears. */
import { formatCount, formatNumber } from '../common/format.js'
import { billedPaths } from '../paths/plan.js'
import type { CompactedWildcard, PathPlan } from '../types.js'

/** What the plan clears that did not change, as far as the inventory tells. */
function describeUnchanged(plan: PathPlan): string | undefined {
  const inventory = plan.inventory
  if (!inventory) {
    return plan.compacted.length > 0
      ? 'unchanged objects the wildcards clear: unknown without inventory-file'
      : undefined
  }
  return `inventory of ${formatCount(inventory.objects, 'object')} (${formatNumber(inventory.unchanged)} unchanged): the wildcards clear ${formatCount(inventory.cleared, 'unchanged object')}${inventory.exact ? '' : ' (the search for the fewest gave up; deepest wildcards sent)'}`
}

/** One line on how the paths sent came from those requested: what the log and the summary both say. */
export function describePlan(plan: PathPlan): string {
  const kinds = [
    formatCount(plan.wildcards, 'wildcard'),
    ...(plan.tags > 0 ? [formatCount(plan.tags, 'cache tag')] : [])
  ]
  const parts = [
    `requested ${formatCount(plan.requested, 'path')}`,
    `sent ${formatNumber(plan.paths.length)} (${kinds.join(', ')})`
  ]
  if (plan.alreadyCovered > 0) {
    parts.push(`${formatNumber(plan.alreadyCovered)} dropped as a listed wildcard covers them`)
  }
  if (plan.compacted.length > 0) {
    const covered = plan.compacted.reduce((sum, wildcard) => sum + wildcard.covers, 0)
    parts.push(`${formatNumber(covered)} compacted into ${formatCount(plan.compacted.length, 'wildcard')}`)
  }
  parts.push(`billed paths: ${formatNumber(billedPaths(plan))}`)
  const unchanged = describeUnchanged(plan)
  if (unchanged) parts.push(unchanged)
  const text = parts.join('; ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

/** `, clears 3 unchanged objects`, when the inventory tells. */
export function clears(wildcard: CompactedWildcard): string {
  return wildcard.unchanged === undefined
    ? ''
    : `, clears ${formatCount(wildcard.unchanged, 'unchanged object')}`
}

/**
 * Why /* was sent, when it was: every object the inventory holds changed (it clears nothing that did
 * not), no plan within max-paths clears fewer unchanged objects, or nothing narrower fitted without an
 * inventory. The log and the summary each word it; undefined when /* was not the fallback.
 */
export type EverythingSent = 'all-changed' | 'fewest-unchanged' | 'nothing-narrower'

export function everythingSent(plan: PathPlan): EverythingSent | undefined {
  if (!plan.everything) return undefined
  if (!plan.inventory) return 'nothing-narrower'
  return plan.inventory.cleared === 0 ? 'all-changed' : 'fewest-unchanged'
}
