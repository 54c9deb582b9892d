/**
 * CloudFront's errors that more than one call meets: the ones a user can fix, turned into a UserError that
 * names the permission or the input to change; and the ones worth another try. A call's own refusal is
 * worded with the call.
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry'
import { explainWith } from '../aws/aws-config.js'
import { ANY_RESOURCE, inRolePolicy, isAccessDenied } from '../aws/denied.js'
import { errorName, sdkError } from '../aws/sdk-error.js'
import { arnOf, kindOf, type InvalidationOperation } from './kinds.js'

/** Worth another poll: throttling the SDK's retries gave up on, a 5xx, a dropped or timed-out connection. */
export function isTransientAwsError(error: unknown): boolean {
  const cause = sdkError(error)
  if (!(cause instanceof Error)) return false
  const classified = cause as Parameters<typeof isTransientError>[0]
  return isThrottlingError(classified) || isTransientError(classified) || isServerError(classified)
}

/** CloudFront's limit on invalidations in progress: clears as earlier ones complete, so worth retrying. */
export function isTooManyInvalidations(error: unknown): boolean {
  return errorName(sdkError(error)) === 'TooManyInvalidationsInProgress'
}

/** CloudFront does not know the invalidation: explained or not, as the SDK threw it. */
export function isNoSuchInvalidation(error: unknown): boolean {
  return errorName(sdkError(error)) === 'NoSuchInvalidation'
}

/**
 * The errors of the calls that find distributions (ListDistributions, and the tagging API's GetResources):
 * the fixable ones name the permission and the input that needs it. Neither permission can be limited to
 * one distribution, so the fix names the resource "*".
 */
export function explainLookupError(
  error: unknown,
  permission: 'cloudfront:ListDistributions' | 'tag:GetResources',
  input: 'distribution-alias' | 'distribution-tag'
): Error {
  const operation = permission.slice(permission.indexOf(':') + 1)
  return explainWith(error, `${operation} (for ${input})`, ({ name, message, explain }) =>
    isAccessDenied(name)
      ? explain(
          `Access denied to ${permission}, which ${input} needs to find distributions. Allow ${inRolePolicy(permission, ANY_RESOURCE)}, or use distribution-id instead. (${message})`
        )
      : undefined
  )
}

/**
 * Turns the errors a user can fix into a UserError that names the fix, for a distribution's or a tenant's
 * invalidation (the operation says which; the tenant API's permissions are its own actions'). Others keep
 * their own message; every one keeps the original as its cause.
 */
export function explainError(error: unknown, operation: InvalidationOperation, id: string): Error {
  const kind = kindOf(operation)
  return explainWith(error, `${operation} on ${id}`, ({ name, message, explain }) => {
    if (isAccessDenied(name)) {
      return explain(
        `Access denied to cloudfront:${operation} on ${kind.noun} ${id}. Allow ${inRolePolicy(`cloudfront:${operation}`, `${arnOf(kind, id)}${kind.orElse}`)}. (${message})`
      )
    }
    if (name === kind.missing.name) return Object.assign(kind.missing.error(id), { cause: error })
    if (name === 'TooManyInvalidationsInProgress') {
      return explain(
        `Too many invalidations are in progress on ${kind.noun} ${id}${kind.inProgressLimits}, and retrying until wait-timeout did not get through. Invalidate fewer paths (a wildcard such as /assets/* counts as one), or raise wait-timeout.`
      )
    }
    if (name === 'InvalidationBatchAlreadyExists') {
      return explain(
        `caller-reference: the CallerReference of this request was already used for a different invalidation of ${id}. Use a new caller-reference for every batch of paths, or leave caller-reference empty so the action derives one.`
      )
    }
    if (name === 'InvalidArgument' || name === 'BatchTooLarge' || name === 'InconsistentQuantities') {
      return explain(`paths: CloudFront refused the invalidation of ${id} (${name}: ${message}).`)
    }
    return undefined
  })
}
