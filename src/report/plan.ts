/**
 * One line on how the paths sent came from those requested, what each compacted wildcard clears, and why
 * /* was sent when it was the fallback.
 */
import { formatCount, formatNumber } from '../common/format.js'
import { billedPaths, MAX_WILDCARDS } from '../paths/plan.js'
import type { CompactedWildcard, PathPlan } from '../types.js'
import { code, type Sentence } from './wording.js'

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
 * What the log and the summary say when /* was sent as the fallback, worded once: every object the
 * inventory holds changed, so it clears nothing that did not (a note); no plan within max-paths clears
 * fewer unchanged objects, or nothing narrower fitted without an inventory (a warning). Undefined when
 * /* was not the fallback.
 */
export function describeEverything(plan: PathPlan): { warning: boolean; sentence: Sentence } | undefined {
  if (!plan.everything) return undefined
  const inventory = plan.inventory
  if (!inventory) {
    return {
      warning: true,
      sentence: [
        `max-paths: the ${formatCount(plan.requested, 'requested path')} could not be covered by at most ${MAX_WILDCARDS} directory wildcards and ${formatCount(plan.maxPaths, 'path')} in all, so `,
        code('/*'),
        ' is invalidated instead: every cached object of the distribution. Raise max-paths, or list fewer paths (for example only what changed).'
      ]
    }
  }
  if (inventory.cleared === 0) {
    return {
      warning: false,
      sentence: [
        'Every object the inventory holds changed, so ',
        code('/*'),
        ' clears nothing that did not change (objects served from another origin are cleared too).'
      ]
    }
  }
  return {
    warning: true,
    sentence: [
      'max-paths: ',
      code('/*'),
      ` is invalidated, every cached object of the distribution (${formatCount(inventory.cleared, 'unchanged object')} by the inventory): no plan within ${formatCount(plan.maxPaths, 'path')} and ${MAX_WILDCARDS} wildcards clears fewer. Raise max-paths to list more of the changed paths.`
    ]
  }
}
