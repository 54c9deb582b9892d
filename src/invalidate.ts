/** One distribution's invalidation: create it (retrying what clears with time), then wait if asked. */
import * as core from '@actions/core'
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import {
  createInvalidation,
  getInvalidationStatus,
  isTooManyInvalidations,
  isTransientAwsError
} from './cloudfront.js'
import { WaitTimeoutError, errorMessage } from './errors.js'
import type { Settings } from './inputs.js'
import { logDetail, progressLog } from './log.js'
import type { PathPlan } from './plan.js'
import { formatCount, formatDuration, type DistributionResult } from './report.js'
import { retryUntil } from './retry.js'
import { waitForCompletion } from './wait.js'

/** One distribution's share of the step: what to send, and what came of it. */
export interface Plan {
  distributionId: string
  foundBy: readonly string[]
  paths: readonly string[]
  pathPlan: PathPlan
  callerReference: string
}

/** The step's one deadline: retries, unanswered calls and the wait for completion all end there. */
export interface Deadline {
  at: number
  /** wait-timeout, for messages. */
  seconds: number
  signal: AbortSignal
}

export async function invalidateOne(
  client: CloudFrontClient,
  plan: Plan,
  settings: Settings,
  deadline: Deadline,
  result: DistributionResult,
  onCreated: (id: string) => void
): Promise<void> {
  const { distributionId } = plan
  try {
    const invalidation = await retryUntil(
      () => createInvalidation(client, distributionId, plan.paths, plan.callerReference, deadline.signal),
      {
        shouldRetry: isTooManyInvalidations,
        deadline: deadline.at,
        onRetry: ({ attempt, delayMs, remainingMs }) =>
          core.info(
            `Too many invalidations in progress on ${distributionId}; retrying in ${formatDuration(delayMs)} with the same CallerReference (retry ${attempt}, ${formatDuration(remainingMs)} left of wait-timeout).`
          )
      }
    )
    result.invalidationId = invalidation.id
    result.status = invalidation.status
    onCreated(invalidation.id)
    core.info(`Created invalidation ${invalidation.id} on ${distributionId} (${invalidation.status}).`)
    if (!settings.wait) return
    if (invalidation.status === 'Completed') {
      result.waitedMs = 0
      result.polls = 0
      return
    }

    core.info(`Waiting for ${invalidation.id} to complete (wait-timeout ${settings.waitTimeoutSeconds} s).`)
    const waited = await waitForCompletion({
      poll: async () => {
        try {
          const status = await getInvalidationStatus(client, distributionId, invalidation.id, deadline.signal)
          return status === 'Completed'
        } catch (error) {
          // The poll at the deadline is cut short by it: not an error, just not complete in time.
          if (deadline.signal.aborted) return false
          throw error
        }
      },
      timeoutMs: deadline.at - Date.now(),
      isTransient: isTransientAwsError,
      onProgress: progressLog(invalidation.id)
    })
    result.waitedMs = waited.waitedMs
    result.polls = waited.polls
    if (!waited.completed) throw timedOut(settings, distributionId, result, waited.lastError)
    result.status = 'Completed'
    core.info(
      `Invalidation ${invalidation.id} on ${distributionId} completed after ${formatDuration(waited.waitedMs)} (${formatCount(waited.polls, 'poll')}).`
    )
  } catch (error) {
    // At the deadline, say what was being waited for, unless the error itself says more.
    const saysMore = error instanceof WaitTimeoutError || isTooManyInvalidations(error)
    const reported = deadline.signal.aborted && !saysMore ? timedOut(settings, distributionId, result) : error
    result.error = errorMessage(reported)
    logDetail(error)
  }
}

function timedOut(
  settings: Settings,
  distributionId: string,
  result: DistributionResult,
  lastError?: unknown
): WaitTimeoutError {
  const after = `Timed out after ${settings.waitTimeoutSeconds} s (wait-timeout)`
  if (!result.invalidationId) {
    return new WaitTimeoutError(
      `${after}: CloudFront did not accept the invalidation of ${distributionId} in time (no answer, or still throttling). Nothing was reported as created; check the network or proxy to cloudfront.amazonaws.com, or raise wait-timeout.`
    )
  }
  return new WaitTimeoutError(
    `${after} waiting for invalidation ${result.invalidationId} on ${distributionId}: ${lastError === undefined ? 'still InProgress' : `the last poll failed (${errorMessage(lastError)})`} after ${formatCount(result.polls ?? 0, 'poll')}. The invalidation goes on in CloudFront; raise wait-timeout, or set wait: false to not wait.`
  )
}
