/** What a step's results add up to: its overall status, and what it was made on. */
import { formatCount } from '../common/format.js'
import type { DistributionResult, InvalidationStatus } from '../types.js'

/** InProgress unless every invalidation of the step is known to be Completed. */
export function overallStatus(results: readonly DistributionResult[]): InvalidationStatus {
  return results.length > 0 && results.every(result => result.status === 'Completed')
    ? 'Completed'
    : 'InProgress'
}

/** What a step's results were made on: `30 distributions`, `200 tenants`, `1 distribution and 3 tenants`. */
export function describeTargets(results: readonly DistributionResult[]): string {
  const tenants = results.filter(result => result.target.kind === 'tenant').length
  const distributions = results.length - tenants
  const parts = [
    ...(distributions > 0 || tenants === 0 ? [formatCount(distributions, 'distribution')] : []),
    ...(tenants > 0 ? [formatCount(tenants, 'tenant')] : [])
  ]
  return parts.join(' and ')
}
