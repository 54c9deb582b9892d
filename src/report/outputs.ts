/** What the step hands on: its outputs, written as soon as they are known, and the job summary. */
import { asSentence, errorMessage } from '../common/errors.js'
import { overallStatus } from './results.js'
import type { Runner } from '../common/runner.js'
import type { DistributionResult, InvalidationStatus, Target } from '../types.js'

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
      ? [entryOf(result.target, result.invalidationId, result.status ?? 'InProgress')]
      : []
  )
}

/** Fleets hand on their lists at most this often while creating (and all of them at the end). */
export const LIST_OUTPUTS_EVERY_MS = 2_000
/** Up to this many invalidations, each one is handed on at once. */
const LISTED_AT_ONCE = 10

/**
 * The outputs are written as soon as each invalidation exists, before any waiting. Each target has a
 * slot: [index] for those the inputs named, [index, n] for the tenants of a multi-tenant distribution,
 * which take its place; the outputs list invalidations in slot order. A fleet's lists are rewritten at
 * most every LIST_OUTPUTS_EVERY_MS, and by flush() at the end, so that GITHUB_OUTPUT does not grow with
 * the square of the targets (every write appends the whole list).
 *
 * It is the one writer of the step's outputs. Before anything is created, a write that fails (a full disk)
 * fails the step at once. From the first create on, it neither stops the step nor loses an ID: the
 * "Created invalidation" line is already in the log, the wait goes on, and the step fails at the end
 * naming the file and every ID it could not hand on.
 */
export class CreatedOutputs {
  private readonly made = new Map<string, { slot: readonly number[]; entry: InvalidationEntry }>()
  private writeError: unknown
  private writtenAt = -Infinity
  private dirty = false
  constructor(
    private readonly runner: Runner,
    private readonly now: () => number = () => performance.now()
  ) {}
  created(slot: readonly number[], target: Target, id: string, status: InvalidationStatus): void {
    this.made.set(slot.join('.'), { slot, entry: entryOf(target, id, status) })
    this.dirty = true
    if (this.made.size <= LISTED_AT_ONCE || this.now() - this.writtenAt >= LIST_OUTPUTS_EVERY_MS) this.flush()
  }
  /** Before anything is found: no invalidation yet, for a step that fails early. */
  start(): void {
    this.runner.setOutput('invalidation-ids', '[]')
  }
  /** What the inputs named and the lookups found, before anything is created. */
  targets(targets: readonly Target[]): void {
    writeTargets((name, value) => {
      this.runner.setOutput(name, value)
    }, targets)
  }
  /**
   * At the end: the targets with the tenants found in their distributions' place, every invalidation,
   * and the step's status (Completed only when every target completed: one that failed is no complete
   * invalidation).
   */
  finish(named: readonly Target[], results: readonly DistributionResult[]): void {
    const found = results.map(result => result.target)
    writeTargets(
      (name, value) => {
        this.set(name, value)
      },
      [...named, ...found]
    )
    this.flush()
    if (results.some(result => result.invalidationId)) {
      this.set('status', overallStatus(results))
      this.set('invalidations', JSON.stringify(invalidationEntries(results)))
    }
  }
  /** Writes the lists if an invalidation was made since they were last written. */
  flush(): void {
    if (!this.dirty) return
    this.dirty = false
    this.writtenAt = this.now()
    const entries = this.entries()
    const ids = entries.map(entry => entry['invalidation-id'])
    this.set('invalidation-id', ids[0] ?? '')
    this.set('invalidation-ids', JSON.stringify(ids))
    this.set('invalidations', JSON.stringify(entries))
  }
  /** Sets an output; a failure is kept for failIfUnwritten(). */
  set(name: string, value: string): void {
    try {
      this.runner.setOutput(name, value)
    } catch (error) {
      this.writeError ??= error
    }
  }
  /** The IDs of the invalidations created so far, in slot order. */
  createdIds(): string[] {
    return this.entries().map(entry => entry['invalidation-id'])
  }
  /** Fails the step when an output could not be written: later steps would not see the IDs. */
  failIfUnwritten(): void {
    if (this.writeError === undefined) return
    const ids = this.createdIds()
    const created =
      ids.length === 0
        ? 'No invalidation had been created.'
        : `${ids.length === 1 ? 'Invalidation' : 'Invalidations'} ${ids.join(', ')} ${ids.length === 1 ? 'was' : 'were'} created and ${ids.length === 1 ? 'goes' : 'go'} on in CloudFront, but later steps cannot read ${ids.length === 1 ? 'its ID' : 'their IDs'} from the outputs.`
    this.runner.setFailed(`${asSentence(errorMessage(this.writeError))} ${created}`)
  }
  private entries(): InvalidationEntry[] {
    return [...this.made.values()].sort((a, b) => compareSlots(a.slot, b.slot)).map(({ entry }) => entry)
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
function writeTargets(setOutput: (name: string, value: string) => void, targets: readonly Target[]): void {
  const ids = (kind: Target['kind']) => [...new Set(targets.filter(t => t.kind === kind).map(t => t.id))]
  setOutput('distribution-ids', JSON.stringify(ids('distribution')))
  setOutput('distribution-tenant-ids', JSON.stringify(ids('tenant')))
}

/**
 * A summary that cannot be written is worth a warning, never the step's failure; the warning names the
 * invalidations it would have shown, so a full disk cannot hide them.
 */
export async function writeSummary(
  runner: Runner,
  markdown: string,
  createdIds: readonly string[] = []
): Promise<void> {
  try {
    await runner.appendSummary(markdown)
  } catch (error) {
    const ids = createdIds.length > 0 ? ` It would have shown invalidation ${createdIds.join(', ')}.` : ''
    runner.warning(`${asSentence(`Could not write the job summary: ${errorMessage(error)}`)}${ids}`)
  }
}
