import { UserError } from '../common/errors.js'

/** What is invalidated when neither `paths` nor `paths-file` names anything. */
export const EVERYTHING = '/*'

/** CloudFront rejects longer paths. */
export const MAX_PATH_LENGTH = 4000

/** CloudFront's longest cache tag, not counting the `#` that marks it. */
export const MAX_TAG_LENGTH = 256

// RFC 1738 "unsafe" characters (plus controls and DEL): CloudFront only matches a path whose unsafe
// characters are percent-encoded, and does not match one whose safe characters were encoded. `#` is
// among them: a browser never sends it raw (it starts the fragment), so a file named `a#b.html` is
// requested, cached and invalidated as `a%23b.html`. `~` is left alone: RFC 3986 made it unreserved,
// and browsers send it as it is.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x20"#<>{}|\\^`[\]\x7f]/
const HEX = /^[0-9A-Fa-f]{2}$/
// Anything encodePath might change: most paths have none of these and skip the loop (1M paths in a plan).
// eslint-disable-next-line no-control-regex
const MAY_NEED_ENCODING = /[\x00-\x20"#%<>{}|\\^`[\]\x7f-\uffff]/
// A cache tag: ASCII visible characters (33 to 126) except the comma, which separates tags at the origin.
const TAG = /^#[\x21-\x2b\x2d-\x7e]+$/

/** One item per non-empty line, trimmed (CRLF files from Windows runners included). */
export function splitLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  // One pass, one array: a paths-file may list a million lines.
  const lines: string[] = []
  for (const line of body.split(body.includes('\r') ? /\r?\n|\r/ : '\n')) {
    const trimmed = line.trim()
    if (trimmed.length > 0) lines.push(trimmed)
  }
  return lines
}

// A piece of a line that lists several items: a path, a cache tag, an http(s) URL or an S3 URI.
const LISTED_PIECE = /^(?:[/#]|(?:https?|s3):\/\/)/i

/**
 * The items of the `paths` input: one per line. A line may also list several paths separated by spaces
 * or commas, as `aws cloudfront create-invalidation --paths /a /b` users write them, when every piece
 * starts with `/`, `#` (a cache tag, which can hold neither), `http(s)://` or `s3://`; otherwise the line is one path
 * (`/docs/read me.html`).
 */
export function splitPathsInput(text: string): string[] {
  return splitLines(text).flatMap(line => {
    const pieces = line.split(/[\s,]+/).filter(piece => piece.length > 0)
    return pieces.length > 1 && pieces.every(piece => LISTED_PIECE.test(piece)) ? pieces : [line]
  })
}

/**
 * Percent-encodes, as UTF-8, the characters CloudFront needs encoded (non-ASCII and RFC 1738 unsafe,
 * and a `%` that does not start a valid `%XX` escape); leaves everything else, including existing
 * escapes, as it is.
 */
export function encodePath(path: string): string {
  if (!MAY_NEED_ENCODING.test(path)) return path
  let out = ''
  for (let i = 0; i < path.length; i++) {
    const ch = path[i] as string
    const code = ch.charCodeAt(0)
    if (ch === '%') {
      out += HEX.test(path.slice(i + 1, i + 3)) ? '%' : '%25'
    } else if (code >= 0x80) {
      // A surrogate pair is one code point: encode both halves together.
      const cp = path.codePointAt(i) as number
      const whole = String.fromCodePoint(cp)
      out += encodeURIComponent(whole)
      i += whole.length - 1
    } else if (UNSAFE.test(ch)) {
      out += '%' + code.toString(16).toUpperCase().padStart(2, '0')
    } else {
      out += ch
    }
  }
  return out
}

const PLAIN_PATH = /^[\w\-./]*$/
// A path that may hold a `\` or a dot segment (`.`, `..`, also written `%2e`).
const MAY_NEED_RESOLVING = /\\|(?:^|\/)(?:\.|%2e)/i

/**
 * Resolves dot segments as the WHATWG URL parser does for an http(s) URL's path (`/a/../b` is `/b`,
 * `/a/.` is `/a/`, `%2e` counts as `.`), and reads `\` as `/`, as it does too: the path a browser requests.
 * The query, if any, is left as it is.
 */
export function resolvePath(path: string): string {
  const query = path.indexOf('?')
  const head = (query === -1 ? path : path.slice(0, query)).replaceAll('\\', '/')
  const tail = query === -1 ? '' : path.slice(query)
  const segments = head.split('/').slice(1)
  const out: string[] = []
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string
    const last = i === segments.length - 1
    const lower = segment.length <= 6 ? segment.toLowerCase() : ''
    if (lower === '..' || lower === '.%2e' || lower === '%2e.' || lower === '%2e%2e') {
      out.pop()
      if (last) out.push('')
    } else if (lower === '.' || lower === '%2e') {
      if (last) out.push('')
    } else {
      out.push(segment)
    }
  }
  return `/${out.join('/')}${tail}`
}

/** Leading `/`, dot segments and `\` resolved, encoding, and CloudFront's rules on wildcards and length. */
export function normalisePath(raw: string, source: string): string {
  const withSlash = raw.startsWith('/') ? raw : `/${raw}`
  // Most paths of a long list (hashed assets) have nothing to resolve, encode or check but their length.
  if (PLAIN_PATH.test(withSlash) && !withSlash.includes('/.') && withSlash.length <= MAX_PATH_LENGTH) {
    return withSlash
  }
  // resolvePath leaves the query alone, so a match in the query only costs a little time.
  const resolved = MAY_NEED_RESOLVING.test(withSlash) ? resolvePath(withSlash) : withSlash
  const path = encodePath(resolved)
  const star = path.indexOf('*')
  if (star !== -1 && star !== path.length - 1) {
    throw new UserError(
      `${source}: "${raw}" has a * that is not its last character; CloudFront only accepts a wildcard at the end of a path (for example /images/*).`
    )
  }
  if (path.length > MAX_PATH_LENGTH) {
    throw new UserError(
      `${source}: a path is ${path.length} characters long once encoded; CloudFront accepts at most ${MAX_PATH_LENGTH}. Invalidate its directory with a wildcard instead (for example /dir/*).`
    )
  }
  return path
}

/** An item that names a CloudFront cache tag (`#product:tv`) rather than a path. */
export function isCacheTag(item: string): boolean {
  return item.startsWith('#')
}

/** A wildcard path: `*` as its last character (normalisePath rejects it anywhere else). */
export function isWildcard(path: string): boolean {
  return path.endsWith('*')
}

/**
 * A cache tag is sent as it is: no leading `/`, no encoding. CloudFront invalidates every object its
 * origin tagged so (header named by the distribution's CacheTagConfig), and refuses wildcards in tags.
 */
export function normaliseCacheTag(raw: string, source: string): string {
  const tag = raw.slice(1)
  if (raw.includes('*')) {
    throw new UserError(
      `${source}: "${raw}" is a cache tag (it starts with #) with a *; CloudFront matches tags exactly and accepts no wildcard in them. List each tag, or use a path wildcard such as /images/*.`
    )
  }
  if (tag.length === 0 || tag.length > MAX_TAG_LENGTH) {
    throw new UserError(
      `${source}: "${raw.slice(0, 40)}${raw.length > 40 ? '…' : ''}" is a cache tag (it starts with #) of ${tag.length} characters; CloudFront accepts 1 to ${MAX_TAG_LENGTH} after the #.`
    )
  }
  if (!TAG.test(raw)) {
    throw new UserError(
      `${source}: "${raw}" is a cache tag (it starts with #) with a character CloudFront does not accept in tags: only visible ASCII characters, no space and no comma. To invalidate a path, start it with / instead.`
    )
  }
  return raw
}

/** A cache tag or a path, ready to send. */
export function normaliseItem(raw: string, source: string): string {
  return isCacheTag(raw) ? normaliseCacheTag(raw, source) : normalisePath(raw, source)
}

/**
 * Normalises every item and drops repeats, keeping the first-seen order. Cache tags are
 * case-insensitive in CloudFront, so `#News` repeats `#news`; paths are case-sensitive.
 * `seen` lets several sources (paths, then paths-file) share one pass without a second dedupe.
 */
export function preparePaths(
  items: readonly string[],
  source: string,
  seen: Set<string> = new Set<string>(),
  out: string[] = []
): string[] {
  for (const item of items) {
    const normalised = normaliseItem(item, source)
    const size = seen.size
    // One Set operation per item, not has() then add(): hashing a million new strings is most of the cost.
    seen.add(isCacheTag(normalised) ? normalised.toLowerCase() : normalised)
    if (seen.size !== size) out.push(normalised)
  }
  return out
}

/**
 * Finds the wildcard of a set that covers a path, if any. `P*` covers every path starting with `P`
 * (other wildcards too). Kept prefix-free (no prefix starts with another), the prefixes that could cover
 * a path form a chain with at most one member, and it is the greatest prefix not above the path in code
 * unit order: a binary search, so 1M paths against any number of wildcards stay fast.
 */
export class WildcardCover {
  /** The prefixes (wildcards without their `*`), sorted, none a prefix of another. */
  readonly prefixes: readonly string[]

  constructor(wildcards: Iterable<string>) {
    const sorted = [...new Set([...wildcards].map(wildcard => wildcard.slice(0, -1)))].sort()
    const kept: string[] = []
    for (const prefix of sorted) {
      const last = kept.at(-1)
      // Sorted, every string that starts with `last` comes right after it.
      if (last === undefined || !prefix.startsWith(last)) kept.push(prefix)
    }
    this.prefixes = kept
  }

  /** The index in `prefixes` of the wildcard covering `path`, or -1. */
  indexOf(path: string): number {
    const { prefixes } = this
    let low = 0
    let high = prefixes.length - 1
    let found = -1
    while (low <= high) {
      const middle = (low + high) >>> 1
      if ((prefixes[middle] as string) <= path) {
        found = middle
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    return found !== -1 && path.startsWith(prefixes[found] as string) ? found : -1
  }

  /** True when a wildcard other than `path` itself covers it. */
  covers(path: string): boolean {
    const index = this.indexOf(path)
    return index !== -1 && `${this.prefixes[index]}*` !== path
  }
}

/**
 * Drops every path that a wildcard of the same list already covers (`/a/*` covers `/a/b.html` and
 * `/a/b/*`; `/a*` covers `/ab.html`; `/*` covers every path), keeping the first-seen order. Cache tags
 * are never covered by a path.
 */
export function dropCoveredPaths(items: readonly string[]): readonly string[] {
  const wildcards = items.filter(item => isWildcard(item) && !isCacheTag(item))
  if (wildcards.length === 0) return items
  const cover = new WildcardCover(wildcards)
  return items.filter(item => isCacheTag(item) || !cover.covers(item))
}
