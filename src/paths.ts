import { UserError } from './errors.js'

/** What is invalidated when neither `paths` nor `paths-file` names anything. */
export const EVERYTHING = '/*'

/** CloudFront rejects longer paths. */
export const MAX_PATH_LENGTH = 4000

// RFC 1738 "unsafe" characters (plus controls and DEL): CloudFront only matches a path whose unsafe
// characters are percent-encoded, and does not match one whose safe characters were encoded. `#` is
// among them: a browser never sends it raw (it starts the fragment), so a file named `a#b.html` is
// requested, cached and invalidated as `a%23b.html`. `~` is left alone: RFC 3986 made it unreserved,
// and browsers send it as it is.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x20"#<>{}|\\^`[\]\x7f]/
const HEX = /^[0-9A-Fa-f]{2}$/

/** One item per non-empty line, trimmed (CRLF files from Windows runners included). */
export function splitLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .map(line => line.trim())
    .filter(line => line.length > 0)
}

/**
 * The items of the `paths` input: one per line. A single line may also list several paths separated
 * by spaces or commas, as `aws cloudfront create-invalidation --paths /a /b` users write them, when
 * every piece starts with `/`; otherwise the line is one path (`/docs/read me.html`).
 */
export function splitPathsInput(text: string): string[] {
  const lines = splitLines(text)
  const [only] = lines
  if (lines.length !== 1 || only === undefined) return lines
  const pieces = only.split(/[\s,]+/).filter(piece => piece.length > 0)
  return pieces.length > 1 && pieces.every(piece => piece.startsWith('/')) ? pieces : lines
}

/**
 * Percent-encodes, as UTF-8, the characters CloudFront needs encoded (non-ASCII and RFC 1738 unsafe,
 * and a `%` that does not start a valid `%XX` escape); leaves everything else, including existing
 * escapes, as it is.
 */
export function encodePath(path: string): string {
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

/** Leading `/`, encoding, and CloudFront's rules on wildcards and length. */
export function normalisePath(raw: string, source: string): string {
  const withSlash = raw.startsWith('/') ? raw : `/${raw}`
  const path = encodePath(withSlash)
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

/** Normalises every item and drops repeats, keeping the first-seen order. */
export function preparePaths(items: readonly string[], source: string): string[] {
  const seen = new Set<string>()
  for (const item of items) seen.add(normalisePath(item, source))
  return [...seen]
}
