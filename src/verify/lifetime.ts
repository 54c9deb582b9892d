/**
 * Pure: how long browsers may keep an answer without asking again (RFC 9111), which no invalidation
 * reaches, and when that is long enough for the step to warn.
 */
import { formatSeconds } from '../common/format.js'
import { httpDate, seconds, type Answer } from './headers.js'

export interface BrowserLifetime {
  seconds: number
  /** `max-age=86400`, `max-age=86400 less Age 600`, `Expires 1 d after Date`. */
  from: string
}

/** Browsers may keep a changed URL at most this long before the step warns (one hour). */
export const BROWSER_LIFETIME_LIMIT_SECONDS = 3600

/** The Cache-Control directives, lower-case names, values without quotes. */
function cacheControl(value: string | undefined): Map<string, string> {
  const directives = new Map<string, string>()
  for (const part of (value ?? '').split(',')) {
    const [rawName = '', ...rest] = part.split('=')
    const name = rawName.trim().toLowerCase()
    if (name) directives.set(name, rest.join('=').trim().replace(/^"|"$/g, ''))
  }
  return directives
}

/**
 * How long a browser may reuse the answer without asking again (RFC 9111 4.2): the freshness lifetime
 * (max-age, else Expires minus Date) less the age the answer already has (`Age`, 4.2.3). s-maxage is for
 * shared caches such as CloudFront, not for browsers; no-store, no-cache and max-age=0 keep nothing.
 * Without either, browsers may guess a lifetime from Last-Modified (a heuristic): see browserUnset.
 */
export function browserLifetime(headers: Answer['headers']): BrowserLifetime | undefined {
  const directives = cacheControl(headers['cache-control'])
  if (directives.has('no-store') || directives.has('no-cache')) return undefined
  const age = seconds(headers.age) ?? 0
  const less = (lifetime: number, from: string): BrowserLifetime | undefined => {
    const left = lifetime - age
    if (left <= 0) return undefined
    return { seconds: left, from: age > 0 ? `${from} less Age ${age}` : from }
  }
  const maxAge = directives.get('max-age')
  if (maxAge !== undefined) {
    const value = /^\d{1,12}$/.test(maxAge) ? Number(maxAge) : 0
    return less(value, `max-age=${value}`)
  }
  const expires = headers.expires
  if (expires === undefined) return undefined
  // An Expires that is no valid date means "already expired" (RFC 9111 5.3).
  const at = httpDate(expires)
  const date = httpDate(headers.date)
  if (at === undefined || date === undefined) return undefined
  const lifetime = Math.floor((at - date) / 1000)
  return less(lifetime, `Expires ${formatSeconds(lifetime)} after Date`)
}

/** True when nothing in the answer sets a browser lifetime, so that browsers may guess one (RFC 9111 4.2.2). */
export function browserLifetimeUnset(headers: Answer['headers']): boolean {
  const directives = cacheControl(headers['cache-control'])
  return (
    !directives.has('max-age') &&
    !directives.has('no-store') &&
    !directives.has('no-cache') &&
    headers.expires === undefined
  )
}
