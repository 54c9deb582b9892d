/**
 * A create the deadline cut short: the job was cancelled, or wait-timeout passed, while CloudFront had not
 * answered it (or had answered a 5xx), so the invalidation may exist all the same. In a short grace the
 * step looks for it by its CallerReference, creating nothing, and says what it found, or how to look.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { cancelOf, graceAfter, type Clock } from '../common/clock.js'
import { asSentence, errorMessage } from '../common/errors.js'
import { formatDuration } from '../common/format.js'
import { findInvalidationFor } from '../cloudfront/calls.js'
import type { Deadline, Invalidation, Plan } from '../types.js'

/** The invalidation found by its CallerReference, or a sentence on why none was. */
export type Lookup = { found: Invalidation } | { missing: string }

/**
 * Looks for the invalidation a cut-short create may have made: among the target's newest, made at
 * `sentAt` (epoch ms) or later, the one with the plan's CallerReference and paths; within graceAfter the
 * deadline.
 */
export async function lookForCutShort(
  plan: Plan,
  sentAt: number,
  deadline: Deadline,
  deps: { client: CloudFrontClient; clock: Clock }
): Promise<Lookup> {
  const { client, clock } = deps
  const signal = graceAfter(deadline, clock)
  const started = clock.now()
  try {
    const found = await findInvalidationFor(client, plan.target, plan, sentAt, signal)
    if (found) return { found }
    return {
      missing: `The step looked among the newest invalidations of ${plan.distributionId} and found none with it; CloudFront may still make it.`
    }
  } catch (error) {
    if (signal.aborted) {
      return {
        missing: `The step looked for it for ${formatDuration(clock.now() - started)} and had no answer in that time (from CloudFront, or a turn in the step's pace of calls).`
      }
    }
    return { missing: `The step could not look for it: ${asSentence(errorMessage(error))}` }
  }
}

/** What a cut-short create left, when the lookup found nothing: that it may exist, its CallerReference, how to look. */
export function mayExist(plan: Plan, missing: string): string {
  return `It may have been created all the same, with CallerReference ${plan.callerReference}. ${missing} ${howToLook(plan)}`
}

/** The invalidation the lookup found, in the words of the deadline that cut its create short. */
export function foundAfter(deadline: Deadline, plan: Plan, found: Invalidation): string {
  const cut = cancelOf(deadline) ? 'Cancelled' : `Timed out after ${deadline.seconds} s (wait-timeout)`
  return `${cut} before CloudFront answered the create on ${plan.distributionId}; the step then found invalidation ${found.id} by its CallerReference (${plan.callerReference}), and it goes on in CloudFront.`
}

/** The AWS CLI commands that show whether an invalidation with the plan's CallerReference exists. */
function howToLook({ target, distributionId }: Plan): string {
  const [list, get] =
    target.kind === 'tenant'
      ? [
          `aws cloudfront list-invalidations-for-distribution-tenant --id ${distributionId}`,
          `aws cloudfront get-invalidation-for-distribution-tenant --distribution-tenant-id ${distributionId} --id ID`
        ]
      : [
          `aws cloudfront list-invalidations --distribution-id ${distributionId}`,
          `aws cloudfront get-invalidation --distribution-id ${distributionId} --id ID`
        ]
  return `To see whether it exists, run ${list} (newest first), then ${get} for each one's CallerReference and paths.`
}
