/** What the step hands on: its outputs, written as soon as they are known, and the job summary. */
import { errorMessage } from './errors.js'
import type { Runner } from './runner.js'

/** The outputs are written as soon as each invalidation exists, before any waiting. */
export class CreatedOutputs {
  private readonly ids: (string | undefined)[]
  constructor(
    private readonly runner: Runner,
    count: number
  ) {
    this.ids = new Array<string | undefined>(count).fill(undefined)
  }
  created(index: number, id: string): void {
    this.ids[index] = id
    const created = this.ids.filter((value): value is string => value !== undefined)
    this.runner.setOutput('invalidation-id', created[0] ?? '')
    this.runner.setOutput('invalidation-ids', JSON.stringify(created))
  }
  any(): boolean {
    return this.ids.some(id => id !== undefined)
  }
}

/** A summary that cannot be written is worth a warning, never the step's failure. */
export async function writeSummary(runner: Runner, markdown: string): Promise<void> {
  try {
    await runner.appendSummary(markdown)
  } catch (error) {
    runner.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}
