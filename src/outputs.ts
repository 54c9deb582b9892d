/** What the step hands on: its outputs, written as soon as they are known, and the job summary. */
import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { renderSummary, type DistributionResult } from './report.js'

/** The outputs are written as soon as each invalidation exists, before any waiting. */
export class CreatedOutputs {
  private readonly ids: (string | undefined)[]
  constructor(count: number) {
    this.ids = new Array<string | undefined>(count).fill(undefined)
  }
  created(index: number, id: string): void {
    this.ids[index] = id
    const created = this.ids.filter((value): value is string => value !== undefined)
    core.setOutput('invalidation-id', created[0])
    core.setOutput('invalidation-ids', JSON.stringify(created))
  }
  any(): boolean {
    return this.ids.some(id => id !== undefined)
  }
}

export async function writeSummary(results: readonly DistributionResult[], dryRun: boolean): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(results, { dryRun })).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}
