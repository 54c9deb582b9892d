/**
 * Pure: which URLs verify requests, and where. Every exact path an invalidation cleared is a URL a
 * visitor requests; a wildcard is checked through the files it covers that the step was given (the
 * paths-file, the changes output, paths already covered, the paths compaction folded into it). Above
 * a limit, a spread sample: every part of the list is represented, and the log says how many of how many.
 */
import { UserError } from '../common/errors.js'
import { EVERYTHING, WildcardCover, isCacheTag, isWildcard } from '../paths/paths.js'

/** The most URLs verified per target; a longer list is sampled evenly across it. */
const VERIFY_SAMPLE_LIMIT = 100

export interface UrlSelection {
  /** Paths to request (as CloudFront was sent them: already percent-encoded), in list order. */
  paths: string[]
  /** Distinct file paths the invalidation covers, before sampling. */
  candidates: number
  /** Cache tags left out: no URL names them. */
  tags: number
  /** Wildcards with no given file under them, left out (`/*` alone is checked at `/`). */
  uncheckedWildcards: string[]
  /** Given files no path of the invalidation covers, left out (invalidation-id with paths). */
  notCovered: number
}

/**
 * `files`: the exact paths known to have changed (requested ones, or given with invalidation-id);
 * `invalidated`: what the invalidation cleared (paths, wildcards, tags).
 */
export function selectUrls(
  files: readonly string[],
  invalidated: readonly string[],
  limit = VERIFY_SAMPLE_LIMIT
): UrlSelection {
  const tags = invalidated.filter(isCacheTag).length
  const wildcards = invalidated.filter(item => !isCacheTag(item) && isWildcard(item))
  const exact = new Set(invalidated.filter(item => !isCacheTag(item) && !isWildcard(item)))
  const cover = new WildcardCover(wildcards)
  const seen = new Set<string>()
  const chosen: string[] = []
  let notCovered = 0
  const underWildcard = new Set<number>()
  for (const path of files) {
    if (isCacheTag(path) || isWildcard(path) || seen.has(path)) continue
    seen.add(path)
    const index = cover.indexOf(path)
    if (!exact.has(path) && index === -1) {
      notCovered++
      continue
    }
    if (index !== -1) underWildcard.add(index)
    chosen.push(path)
  }
  // Exact paths of the invalidation itself (invalidation-id without paths: they are the files).
  for (const path of exact) {
    if (seen.has(path)) continue
    seen.add(path)
    chosen.push(path)
  }
  const uncheckedWildcards: string[] = []
  cover.prefixes.forEach((prefix, index) => {
    if (underWildcard.has(index)) return
    const wildcard = `${prefix}*`
    // `/*` with no file named: the home page is what every visitor loads first.
    if (wildcard === EVERYTHING && !seen.has('/')) {
      seen.add('/')
      chosen.push('/')
      return
    }
    uncheckedWildcards.push(wildcard)
  })
  return { paths: spread(chosen, limit), candidates: chosen.length, tags, uncheckedWildcards, notCovered }
}

/** `limit` items spread evenly over the list, first and last included, in list order. */
export function spread<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items]
  if (limit <= 1) return items.slice(0, limit)
  const picked: T[] = []
  for (let i = 0; i < limit; i++) picked.push(items[Math.round((i * (items.length - 1)) / (limit - 1))] as T)
  return picked
}

/** The site a target is verified at: scheme, host and port, nothing else. */
export interface Site {
  /** `https://www.example.com` (with `:port` when not the scheme's default). */
  origin: string
  /** Lower-case host name, for the allow-list of requests. */
  hostname: string
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

/** The default site of a domain CloudFront names (an alias, a *.cloudfront.net name, a tenant's domain). */
export function siteOfDomain(domain: string): Site {
  const hostname = domain.toLowerCase().replace(/\.$/, '')
  return { origin: `https://${hostname}`, hostname }
}

/**
 * The URL of a path on the site, by concatenation: a path is never resolved against the site, so that
 * `//other.example/x` stays on the site's host. Undefined when the result would leave it anyway.
 */
export function urlOf(site: Site, path: string): URL | undefined {
  if (!path.startsWith('/')) return undefined
  let url: URL
  try {
    url = new URL(`${site.origin}${path}`)
  } catch {
    return undefined
  }
  return url.hostname.toLowerCase() === site.hostname && `${url.protocol}//${url.host}` === site.origin
    ? url
    : undefined
}
