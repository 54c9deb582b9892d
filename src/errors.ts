/**
 * An error the user fixes by changing something: an input, a permission, a setting.
 * Its message names what to change and is shown as a clean ::error:: annotation, without a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

/** The wait deadline passed. The invalidation exists and goes on; only waiting stopped. */
export class WaitTimeoutError extends UserError {
  constructor(message: string) {
    super(message)
    this.name = 'WaitTimeoutError'
  }
}

/** CloudFront has no such distribution (NoSuchDistribution): a typo, another account, or a multi-tenant one. */
export class NotFoundError extends UserError {
  constructor(message: string) {
    super(message)
    this.name = 'NotFoundError'
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
