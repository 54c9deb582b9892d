/** What the step hands on: its outputs, written as soon as they are known, and the job summary. */
import { asSentence, errorMessage } from './errors.js'
import type { Runner } from './runner.js'

/**
 * The outputs are written as soon as each invalidation exists, before any waiting. A write that fails (a
 * full disk) neither stops the step nor loses an ID: the "Created invalidation" line is already in the
 * log, the wait goes on, and the step fails at the end naming the file and every ID it could not hand on.
 */
export class CreatedOutputs {
  private readonly ids: (string | undefined)[]
  private writeError: unknown
  constructor(
    private readonly runner: Runner,
    count: number
  ) {
    this.ids = new Array<string | undefined>(count).fill(undefined)
  }
  created(index: number, id: string): void {
    this.ids[index] = id
    const created = this.created_()
    this.set('invalidation-id', created[0] ?? '')
    this.set('invalidation-ids', JSON.stringify(created))
  }
  /** Sets an output; a failure is kept for failIfUnwritten(). */
  set(name: string, value: string): void {
    try {
      this.runner.setOutput(name, value)
    } catch (error) {
      this.writeError ??= error
    }
  }
  any(): boolean {
    return this.ids.some(id => id !== undefined)
  }
  /** The IDs of the invalidations created so far, in the order of the distributions. */
  createdIds(): string[] {
    return this.created_()
  }
  /** Fails the step when an output could not be written: later steps would not see the IDs. */
  failIfUnwritten(): void {
    if (this.writeError === undefined) return
    const ids = this.created_()
    const created =
      ids.length === 0
        ? 'No invalidation had been created.'
        : `${ids.length === 1 ? 'Invalidation' : 'Invalidations'} ${ids.join(', ')} ${ids.length === 1 ? 'was' : 'were'} created and ${ids.length === 1 ? 'goes' : 'go'} on in CloudFront, but later steps cannot read ${ids.length === 1 ? 'its ID' : 'their IDs'} from the outputs.`
    this.runner.setFailed(`${asSentence(errorMessage(this.writeError))} ${created}`)
  }
  private created_(): string[] {
    return this.ids.filter((value): value is string => value !== undefined)
  }
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
