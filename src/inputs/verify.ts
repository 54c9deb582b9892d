/**
 * The inputs of verifying and of waiting on an earlier invalidation: verify, verify-url, invalidation-id,
 * checked against the other inputs inputs.ts read (caller-reference, paths and paths-file).
 */
import { UserError } from '../common/errors.js'
import { readBoolean, type InputReader } from '../common/input-common.js'
import type { Site } from '../types.js'

export interface VerifySettings {
  /** Request the changed URLs through the site once the invalidation is Completed. */
  verify: boolean
  /** verify-url: the site every target is checked at; absent: each target's own domain. */
  site?: Site
  /** invalidation-id: wait on (and verify) this invalidation instead of creating one. */
  invalidationId?: string
}

/** What of the other inputs invalidation-id rules out, as inputs.ts read them. */
export interface OtherInputs {
  /** caller-reference was given. */
  callerReference: boolean
  /** paths or paths-file was given. */
  paths: boolean
}

// CloudFront's invalidation IDs are upper-case letters and digits (I2J0I21PCUYOIK in the API reference).
const INVALIDATION_ID = /^[A-Z0-9]{5,64}$/

export function readVerifySettings(getInput: InputReader, given: OtherInputs): VerifySettings {
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
    if (given.callerReference) {
      throw new UserError(
        'caller-reference: invalidation-id waits on an invalidation made earlier and creates none, so there is no request to name; remove caller-reference, or remove invalidation-id to create an invalidation.'
      )
    }
    if (!verify && given.paths) {
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

/**
 * verify-url as given: an http(s) URL of a site root, without credentials, query or fragment. A path
 * other than `/` is refused: the invalidated paths are the site's own paths from its root.
 */
export function readSiteUrl(raw: string, input = 'verify-url'): Site {
  const text = raw.trim()
  let url: URL | undefined
  try {
    url = /[\s]/.test(text)
      ? undefined
      : new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`)
  } catch {
    url = undefined
  }
  const example = 'for example https://www.example.com'
  if (!url || !url.hostname)
    throw new UserError(
      `${input}: "${text.slice(0, 200)}" is not a URL; give the site's address, ${example}.`
    )
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(
      `${input}: only http:// and https:// sites can be verified, not ${url.protocol.slice(0, -1)}; ${example}.`
    )
  }
  if (url.username || url.password) {
    throw new UserError(
      `${input}: remove the user name and password from the URL; verify sends no credentials, as a visitor's browser sends none.`
    )
  }
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new UserError(
      `${input}: give the site's root alone (${url.protocol}//${url.host}), without a path, query or fragment; the invalidated paths are requested from it.`
    )
  }
  return { origin: `${url.protocol}//${url.host}`, hostname: url.hostname.toLowerCase() }
}
