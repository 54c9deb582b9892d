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
  if (error instanceof Error) return error.message
  // An Error of another realm (a vm context, as under jest) is no instance of this one's Error.
  const message = (error as { message?: unknown } | null | undefined)?.message
  return typeof message === 'string' ? message : String(error)
}

/** The text as a sentence, ending with a full stop, so that another can follow it. */
export function asSentence(text: string): string {
  return /[.!?)]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`
}

/** What `work` returns, or undefined when it threw, after `failed` failed the step for it. */
export function attempt<T>(work: () => T, failed: (error: unknown) => undefined): T | undefined {
  try {
    return work()
  } catch (error) {
    failed(error)
    return undefined
  }
}
