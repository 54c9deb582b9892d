import { createHash } from 'node:crypto'
import type { RunContext } from '../types.js'

/**
 * The CallerReference of one invalidation batch. CloudFront treats a repeated reference with the same
 * batch as the same request and answers with the existing invalidation, so every retry in this step
 * (after throttling, or a response lost on the way back) reuses it and can never create a duplicate.
 *
 * It differs for another run, attempt (a re-run invalidates again), job, step, distribution or path
 * list. `stepNonce` is drawn once per step execution: matrix legs share run, job and step names, and
 * without it two legs invalidating the same paths would get one shared invalidation.
 *
 * Readable prefix (`gha-<run>-<attempt>-`) so an invalidation in the console can be traced to its run.
 */
export function callerReference(
  context: Pick<RunContext, 'repository' | 'runId' | 'runAttempt' | 'job' | 'step'>,
  distributionId: string,
  paths: readonly string[],
  stepNonce: string
): string {
  const digest = createHash('sha256')
  for (const part of [context.repository, context.job, context.step, distributionId, stepNonce]) {
    digest.update(part).update('\0')
  }
  for (const path of paths) digest.update(path).update('\n')
  const id = (value: string) => value.replace(/[^\w.-]/g, '').slice(0, 24) || '0'
  return `gha-${id(context.runId)}-${id(context.runAttempt)}-${digest.digest('hex').slice(0, 32)}`
}
