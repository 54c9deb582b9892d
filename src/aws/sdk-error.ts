/**
 * What an AWS SDK error says of itself: its name (the service's error code) and the HTTP status of the
 * answer, read here and nowhere else; and the SDK's own error inside one explainWith (aws-config.ts) has
 * explained.
 */
import { isThrottlingError } from '@smithy/core/retry'

/**
 * The error's name: for an SDK error the service's error code (`AccessDenied`, `NoSuchInvalidation`), for
 * one of Node's its kind (`TimeoutError`); '' for a thrown value without one.
 */
export function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null | undefined)?.name
  return typeof name === 'string' ? name : ''
}

/** The HTTP status of the answer the call failed with; undefined when no answer came. */
export function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null | undefined)?.$metadata?.httpStatusCode
}

/** The SDK's error itself: explainWith keeps it as the cause of the error it returns. */
export function sdkError(error: unknown): unknown {
  return error instanceof Error && error.cause instanceof Error ? error.cause : error
}

/**
 * A call that may have done its work although it failed: it got no answer (cut off, dropped, timed out),
 * or a 5xx, after which the service may have acted all the same. Throttling and the other 4xx refusals
 * did nothing, nor did a connection refused or a host name that does not resolve (never reached).
 */
export function mayHaveActed(error: unknown): boolean {
  const cause = sdkError(error)
  const code = (cause as { code?: unknown } | null | undefined)?.code
  if (typeof code === 'string' && NEVER_REACHED.has(code)) return false
  if (cause instanceof Error && isThrottlingError(cause as Parameters<typeof isThrottlingError>[0]))
    return false
  const status = httpStatus(cause)
  return status === undefined || status >= 500
}

const NEVER_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])
