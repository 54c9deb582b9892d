/** What invalidation paths cost, and what a step bills: the log and the summary both count with this. */
import { formatNumber } from '../common/format.js'
import { billedPaths } from '../paths/plan.js'
import type { DistributionResult } from '../types.js'

/** What the log says of the bill with the plan (log.ts); the summary's bill line says the rest once. */
export const BILLING_NOTE =
  'CloudFront bills each path sent, a wildcard or a cache tag counting as one; the first 1,000 paths a month are free, per AWS account across all its distributions.'

/** What the summary's bill line adds to describeCost, which names the free paths already. */
export const BILL_COUNTING =
  'A wildcard or a cache tag counts as one path, and the free paths are shared by all the distributions of the account.'

/** CloudFront's price per invalidation path beyond the free ones, in thousandths of a US dollar. */
const PRICE_PER_PATH_MILLIDOLLARS = 5
const FREE_PATHS_PER_MONTH = 1000

/** USD 0.005, USD 0.14, USD 1,234.50: at least two decimals, three where a half cent needs them. */
export function formatUsd(millidollars: number): string {
  const whole = Math.floor(millidollars / 1000)
  const fraction = String(millidollars % 1000).padStart(3, '0')
  return `USD ${formatNumber(whole)}.${fraction.endsWith('0') ? fraction.slice(0, 2) : fraction}`
}

/**
 * What billed paths cost once the account's free paths of the month are used up. The action cannot see
 * how many are (CloudFront has no API for it, and other steps and distributions share them), so it says
 * both ends.
 */
export function describeCost(billed: number): string {
  return `${formatUsd(billed * PRICE_PER_PATH_MILLIDOLLARS)} at USD 0.005 a path once the account has used its ${formatNumber(FREE_PATHS_PER_MONTH)} free paths this month (the action cannot see how many it has used)`
}

/**
 * What the step bills: the paths of the invalidations it created, or in a dry run of those it would
 * create. The log and the summary both count with this.
 */
export function billedOfStep(
  results: readonly DistributionResult[],
  dryRun: boolean
): { billed: number; invalidations: number } {
  const planned = results.flatMap(result =>
    result.plan && (dryRun || result.invalidationId) ? [result.plan] : []
  )
  return { billed: planned.reduce((sum, plan) => sum + billedPaths(plan), 0), invalidations: planned.length }
}
