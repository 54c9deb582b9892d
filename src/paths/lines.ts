/**
 * The grammar of a line of `paths`, `paths-file` and `inventory-file`: what it names. A line may be a URL
 * path, an http(s) URL, an S3 URI (`s3://bucket/key`, the key raw) or a line of AWS CLI output
 * (`upload: … to s3://bucket/key`); a key is requested the way a browser requests a link to it
 * (browserPath). Forms pasted from other tools that name no path are refused, naming the line.
 * Pure: no I/O, no logging.
 */
import { UserError } from '../common/errors.js'

/** What one line names. */
export type LineItem =
  /** A URL path as the user wrote it, or a cache tag (`#tag`). */
  | { kind: 'path'; text: string }
  /** The path and query of an http(s) URL, as the URL parser gives them. */
  | { kind: 'url'; text: string }
  /**
   * An S3 object key, raw: `%`, `?`, `#` and `*` are characters of its name; `deleted` for a `delete:`
   * line of the CLI (the sync removed the object).
   */
  | { kind: 'key'; key: string; from: 's3' | 'cli'; uri: string; bucket: string; deleted?: true }
  /** AWS CLI output that names no destination key: progress, `Completed …`, warnings, downloads. */
  | { kind: 'ignored' }

// What `aws s3 sync`, `cp`, `mv` and `rm` print (awscli/customizations/s3/results.py): `<type>: <src> to
// <dest>` or `delete: <src>`, the S3 side as `s3://` + bucket + `/` + key with the key raw, each line
// padded with spaces to the length of the last progress line, and progress lines ended by `\r`.
const CLI_DESTINATION = /^(?:upload|copy|move): /
const CLI_DELETE = 'delete: '
const CLI_OTHER =
  /^(?:\(dryrun\) |(?:upload|download|copy|move|delete) failed: |download: |Completed \d|warning: |fatal error: |cancelled: )/
export const URL_SCHEME = /^https?:\/\//i
const S3_SCHEME = 's3://'
// `s3://bucket/key`: a bucket name has no space or slash (an access point ARN has colons), and a key is not empty.
const S3_OBJECT = /^s3:\/\/[^\s/]+\/./

/** What a line names; the line is trimmed (the CLI pads its lines with spaces). */
export function readSourceLine(line: string): LineItem {
  const first = line.charCodeAt(0)
  // Most lines are URL paths: decide those with one comparison.
  if (first === 0x2f /* / */ || first === 0x23 /* # */) return { kind: 'path', text: line }
  if (line.startsWith(S3_SCHEME)) return keyOf(line, 's3')
  if (URL_SCHEME.test(line)) return { kind: 'url', text: urlPath(line) }
  if (CLI_DESTINATION.test(line)) {
    // Keys and local paths may hold spaces and even " to ": the destination follows the last " to s3://"
    // that starts a bucket name and a key (a key may itself hold " to s3://…").
    let to = line.lastIndexOf(' to s3://')
    while (to > 0 && !S3_OBJECT.test(line.slice(to + 4))) to = line.lastIndexOf(' to s3://', to - 1)
    return to <= 0 ? { kind: 'ignored' } : keyOf(line.slice(to + 4), 'cli')
  }
  if (line.startsWith(CLI_DELETE)) {
    const target = line.slice(CLI_DELETE.length)
    // `sync s3://… ./dir --delete` deletes local files: nothing CloudFront serves.
    return target.startsWith(S3_SCHEME) ? keyOf(target, 'cli', true) : { kind: 'ignored' }
  }
  if (CLI_OTHER.test(line)) return { kind: 'ignored' }
  return { kind: 'path', text: line }
}

// An access point's ARN in place of the bucket, as the AWS CLI takes it (awscli/customizations/s3/utils.py,
// _S3_ACCESSPOINT_TO_BUCKET_KEY_REGEX): `arn:…:accesspoint/NAME` or `…:accesspoint:NAME`, then `/` + key.
const ACCESS_POINT = /^arn:aws[^:]*:s3:[a-z0-9-]*:\d{12}:accesspoint[:/][^/]+/

function keyOf(uri: string, from: 's3' | 'cli', deleted = false): LineItem {
  const accessPoint = ACCESS_POINT.exec(uri.slice(S3_SCHEME.length))?.[0]
  const slash = uri.indexOf('/', S3_SCHEME.length + (accessPoint?.length ?? 0))
  return {
    kind: 'key',
    key: slash === -1 ? '' : uri.slice(slash + 1),
    from,
    uri,
    bucket: uri.slice(S3_SCHEME.length, slash === -1 ? undefined : slash),
    ...(deleted ? { deleted: true as const } : {})
  }
}

function urlPath(text: string): string {
  try {
    const url = new URL(text)
    return url.pathname + url.search
  } catch {
    throw new UserError(
      `"${text}" starts like a URL but is not one. Give a URL such as https://www.example.com/a.html, or only its path (/a.html).`
    )
  }
}

// `\` too: a browser reads a raw `\` in a link as `/`, the separator of another key (the object
// `old\a.js` is not `old/a.js`), so the one URL of `old\a.js` is `/old%5Ca.js`.
const LINK_ESCAPES: Record<string, string> = { '%': '%25', '?': '%3F', '#': '%23', '\\': '%5C' }
// Keys a browser requests as `/` + key, unchanged: no character to encode and no dot segment.
const PLAIN_KEY = /^[\w\-./]*$/
export const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/

/**
 * The path a browser requests for a link to a key that escapes only `%`, `?`, `#` and `\` (the characters
 * that would otherwise change what the link names): the WHATWG URL parser percent-encodes the rest as
 * UTF-8, resolves dot segments, drops tabs and newlines and trims surrounding spaces. A URL path or an
 * http(s) URL is no key: there `\` still reads as `/` (resolvePath), as browsers read it.
 */
export function browserPath(key: string): string {
  if (PLAIN_KEY.test(key) && !DOT_SEGMENT.test(key)) return `/${key}`
  return new URL(`https://www.example.com/${key.replace(/[%?#\\]/g, ch => LINK_ESCAPES[ch] as string)}`)
    .pathname
}

// `aws s3 ls --recursive` prints date, time, size and key; without the bucket it names no object.
export const S3_LS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ /

/**
 * Why an item that does not start with / is no path, when it is one of the forms users paste from other
 * tools: sent as written, each would be billed and clear nothing (`- /a.html` becomes `/-%20/a.html`).
 * A bare name (`index.html`, a key without its bucket) is still read as a path from the root.
 */
function nonPathForm(text: string): string | undefined {
  if (/^- /.test(text)) {
    return 'is a YAML list item. Give one path a line, without "- " (paths: | and then /a.html on the next line)'
  }
  if (/^\[.*\]$/.test(text))
    return 'looks like a JSON array. Give one path a line, without brackets or quotes'
  // aws s3api list-objects-v2 output: as JSON ("Key": "a.html",), or as text (tab-separated fields, or
  // with --query Contents[].Key every key on one line). A browser drops tabs from a URL: no path holds one.
  if (/^"[^"]*"\s*:/.test(text) || /^[[\]{},]+$/.test(text)) {
    return 'is a line of JSON output. Give one item a line: keys as s3://bucket/key URIs, or the aws s3 sync output'
  }
  if (text.includes('\t')) {
    return 'holds a tab, which no browser sends in a URL (aws s3api … --output text puts several keys on one line, tab-separated). Give one item a line: keys as s3://bucket/key URIs, or the aws s3 sync output'
  }
  if (/^(["'`]).*\1$/.test(text)) return 'is in quotes. Remove the quotes around it'
  if (/^[A-Za-z]:[\\/]/.test(text) || text.startsWith('\\\\')) {
    return 'is a local file path. Give the path the site serves it at (/a.html), the S3 key as s3://bucket/key, or the aws s3 sync output'
  }
  if (S3_LS.test(text) || /^ *PRE \S/.test(text)) {
    return 'is a line of aws s3 ls, which names neither the bucket nor the path. Give the aws s3 sync output, or s3://bucket/key URIs'
  }
  return undefined
}

/** Throws when an item that does not start with / is one of the forms nonPathForm names. */
export function refuseNonPath(text: string, source: string): void {
  const why = nonPathForm(text)
  if (why) throw new UserError(`${source}: "${text.slice(0, 80)}${text.length > 80 ? '…' : ''}" ${why}.`)
}
