/** The inputs of verifying and of waiting on an earlier invalidation: verify, verify-url, invalidation-id. */
import { UserError } from '../common/errors.js'
import { readBoolean, type InputReader } from '../common/input-common.js'
import { readSiteUrl, type Site } from './urls.js'

export interface VerifySettings {
  /** Request the changed URLs through the site once the invalidation is Completed. */
  verify: boolean
  /** verify-url: the site every target is checked at; absent: each target's own domain. */
  site?: Site
  /** invalidation-id: wait on (and verify) this invalidation instead of creating one. */
  invalidationId?: string
}

// CloudFront's invalidation IDs are upper-case letters and digits (I2J0I21PCUYOIK in the API reference).
const INVALIDATION_ID = /^[A-Z0-9]{5,64}$/

export function readVerifySettings(getInput: InputReader): VerifySettings {
  const verify = readBoolean(getInput, 'verify')
  const rawUrl = getInput('verify-url').trim()
  if (rawUrl && !verify) {
    throw new UserError(
      'verify-url is set but verify is not: set verify: true to check the site at verify-url, or remove verify-url.'
    )
  }
  const rawId = getInput('invalidation-id').trim()
  if (rawId && !INVALIDATION_ID.test(rawId)) {
    const id = rawId.replace(/^["']|["']$/g, '')
    const fix = INVALIDATION_ID.test(id)
      ? `remove the quotes: ${id}`
      : INVALIDATION_ID.test(id.toUpperCase())
        ? `IDs are upper case: ${id.toUpperCase()}`
        : 'give the ID a step wrote to its invalidation-id output (for example I2J0I21PCUYOIK)'
    throw new UserError(
      `invalidation-id: "${rawId.slice(0, 80)}" is not a CloudFront invalidation ID; ${fix}.`
    )
  }
  if (rawId) {
    if (getInput('caller-reference').trim()) {
      throw new UserError(
        'caller-reference: invalidation-id waits on an invalidation made earlier and creates none, so there is no request to name; remove caller-reference, or remove invalidation-id to create an invalidation.'
      )
    }
    if (!verify && (getInput('paths').trim() || getInput('paths-file').trim())) {
      throw new UserError(
        'paths: invalidation-id waits on an invalidation made earlier and sends no paths; with verify: true, paths and paths-file name the changed files to check (useful when the invalidation holds wildcards). Remove paths and paths-file, or set verify: true.'
      )
    }
  }
  return {
    verify,
    ...(rawUrl ? { site: readSiteUrl(rawUrl) } : {}),
    ...(rawId ? { invalidationId: rawId } : {})
  }
}
