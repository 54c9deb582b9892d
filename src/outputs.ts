/** What the step hands on: its outputs, written as soon as they are known, and the job summary. */
import { errorMessage } from './errors.js'
import type { InvalidationStatus } from './cloudfront.js'
import type { Runner } from './runner.js'
import type { DistributionResult, Target } from './types.js'

/** One item of the `invalidations` output: which invalidation was made on what. */
export interface InvalidationEntry {
  'distribution-id'?: string
  'distribution-tenant-id'?: string
  'invalidation-id': string
  status: InvalidationStatus
}

function entryOf(target: Target, invalidationId: string, status: InvalidationStatus): InvalidationEntry {
  if (target.kind === 'distribution') {
    return { 'distribution-id': target.id, 'invalidation-id': invalidationId, status }
  }
  return {
    ...(target.distributionId ? { 'distribution-id': target.distributionId } : {}),
    'distribution-tenant-id': target.id,
    'invalidation-id': invalidationId,
    status
  }
}

/** The `invalidations` output of the results, in their order; targets without an invalidation are left out. */
export function invalidationEntries(results: readonly DistributionResult[]): InvalidationEntry[] {
  return results.flatMap(result =>
    result.invalidationId
      ? [
          entryOf(
            result.target ?? { kind: 'distribution', id: result.distributionId },
            result.invalidationId,
            result.status ?? 'InProgress'
          )
        ]
      : []
  )
}

/**
 * The outputs are written as soon as each invalidation exists, before any waiting. Each target has a
 * slot: [index] for those the inputs named, [index, n] for the tenants of a multi-tenant distribution,
 * which take its place; the outputs list invalidations in slot order.
 */
export class CreatedOutputs {
  private readonly made = new Map<string, { slot: readonly number[]; entry: InvalidationEntry }>()
  constructor(private readonly runner: Runner) {}
  created(slot: readonly number[], target: Target, id: string, status: InvalidationStatus): void {
    this.made.set(slot.join('.'), { slot, entry: entryOf(target, id, status) })
    const entries = [...this.made.values()]
      .sort((a, b) => compareSlots(a.slot, b.slot))
      .map(({ entry }) => entry)
    const ids = entries.map(entry => entry['invalidation-id'])
    this.runner.setOutput('invalidation-id', ids[0] ?? '')
    this.runner.setOutput('invalidation-ids', JSON.stringify(ids))
    this.runner.setOutput('invalidations', JSON.stringify(entries))
  }
}

function compareSlots(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? -1) - (b[i] ?? -1)
    if (difference !== 0) return difference
  }
  return 0
}

/** distribution-ids and distribution-tenant-ids: what the step invalidates, each once, in order. */
export function writeTargets(runner: Runner, targets: readonly Target[]): void {
  const ids = (kind: Target['kind']) => [...new Set(targets.filter(t => t.kind === kind).map(t => t.id))]
  runner.setOutput('distribution-ids', JSON.stringify(ids('distribution')))
  runner.setOutput('distribution-tenant-ids', JSON.stringify(ids('tenant')))
}

/** A summary that cannot be written is worth a warning, never the step's failure. */
export async function writeSummary(runner: Runner, markdown: string): Promise<void> {
  try {
    await runner.appendSummary(markdown)
  } catch (error) {
    runner.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}
