/**
 * What each line of `paths` and `paths-file` names, and the path CloudFront is sent for it. A line may be
 * a URL path, an http(s) URL, an S3 URI (`s3://bucket/key`, the key raw) or a line of AWS CLI output
 * (`upload: … to s3://bucket/key`). Keys are mapped through the origin path and requested the way a
 * browser requests a link to them; what CloudFront refuses in that form is covered by a wildcard.
 * Pure: no I/O, no logging; what was read is returned as notes for the log and the summary.
 */
import { UserError } from '../common/errors.js'
import { encodePath, isCacheTag, isWildcard, normaliseCacheTag, normalisePath } from './paths.js'
import type { ChangedObject, CoveringWildcard, PathNotes } from '../types.js'

export interface SourceOptions {
  /** The distribution's origin path, `/prod`, or '' for none: a key under it is served at the path after it. */
  originPath: string
  /** The index document (`index.html`), or '' for none: each path ending with it also clears its directory. */
  indexDocument: string
  /** Keep the S3 object behind each path read from a key (PathReader.objects): verify's exact check needs them. */
  keepObjects?: boolean
}

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

export function emptyNotes(options: SourceOptions = { originPath: '', indexDocument: '' }): PathNotes {
  return {
    cliKeys: 0,
    cliIgnored: 0,
    s3Keys: 0,
    urls: 0,
    plusKeys: 0,
    originPath: options.originPath,
    indexDocument: options.indexDocument,
    indexAdded: [],
    covering: []
  }
}

// What `aws s3 sync`, `cp`, `mv` and `rm` print (awscli/customizations/s3/results.py): `<type>: <src> to
// <dest>` or `delete: <src>`, the S3 side as `s3://` + bucket + `/` + key with the key raw, each line
// padded with spaces to the length of the last progress line, and progress lines ended by `\r`.
const CLI_DESTINATION = /^(?:upload|copy|move): /
const CLI_DELETE = 'delete: '
const CLI_OTHER =
  /^(?:\(dryrun\) |(?:upload|download|copy|move|delete) failed: |download: |Completed \d|warning: |fatal error: |cancelled: )/
const URL_SCHEME = /^https?:\/\//i
const S3_SCHEME = 's3://'
// `s3://bucket/key`: a bucket name has no space or slash (an access point ARN has colons), and a key is not empty.
const S3_OBJECT = /^s3:\/\/[^\s/]+\/./

/** What a line names; the line is trimmed (the CLI pads its lines with spaces). */
export function readLine(line: string): LineItem {
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

function keyOf(uri: string, from: 's3' | 'cli', deleted = false): LineItem {
  const slash = uri.indexOf('/', S3_SCHEME.length)
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
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/

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

/** Checks origin-path, as CloudFront does for an origin's OriginPath; returns it, or '' for none. */
export function readOriginPath(raw: string): string {
  const value = raw.trim()
  if (value === '') return ''
  const fix = (why: string, example = '/prod') =>
    new UserError(
      `origin-path: "${value}" ${why}. Give the distribution's origin path as CloudFront shows it (for example ${example}), or leave origin-path empty when the origin has none.`
    )
  if (/^s3:\/\//i.test(value) || URL_SCHEME.test(value)) {
    throw fix('is a URI; the origin path is only the folder of the bucket the origin reads from')
  }
  if (!value.startsWith('/')) throw fix('does not start with /', `/${value.replace(/\/+$/, '')}`)
  if (value === '/') throw fix('is only /; an origin path names a folder')
  if (value.endsWith('/')) throw fix('ends with /', value.replace(/\/+$/, ''))
  if (/[*?#\\]/.test(value) || value.includes('//') || DOT_SEGMENT.test(value.slice(1))) {
    throw fix('is not a folder path: it may not hold *, ?, #, \\, // or . and .. segments')
  }
  return value
}

/** Checks index-document: a file name, or '' to add no directories. */
export function readIndexDocument(raw: string): string {
  const value = raw.trim()
  if (value === '') return ''
  if (/[/\\*?#]/.test(value) || value === '.' || value === '..') {
    throw new UserError(
      `index-document: "${value}" is not a file name. Give the name of the file a directory URL serves (for example index.html), without / or wildcards; leave it empty to add no directories.`
    )
  }
  return value
}

/**
 * Reads lines into the items to send: normalised, deduplicated in first-seen order, with index
 * directories added and refused characters covered. One reader serves every source of a step (paths,
 * then paths-file), so an item listed in both is sent once.
 */
export class PathReader {
  readonly items: string[] = []
  readonly notes: PathNotes
  /** The S3 object behind each path read from a key (its index directory and `%2B` form too), for verify. */
  readonly objects = new Map<string, ChangedObject>()
  private readonly seen = new Set<string>()
  private readonly covered = new Map<string, CoveringWildcard>()
  private readonly coveredPaths = new Set<string>()
  /** The `%2B` forms of keys' paths: other URLs of an object already counted. */
  private readonly plusPaths = new Set<string>()
  /** The key prefix origin-path stands for (`prod/`), or ''. */
  private readonly keyPrefix: string
  /** `/` + the index document as it is sent, or '' when off. */
  private readonly indexSuffix: string
  private readonly options: SourceOptions

  constructor(options: SourceOptions) {
    this.options = options
    this.notes = emptyNotes(options)
    this.keyPrefix = options.originPath ? `${options.originPath.slice(1)}/` : ''
    this.indexSuffix = options.indexDocument ? encodePath(browserPath(options.indexDocument)) : ''
  }

  /** Reads every line; `source` names the input in errors (`paths`, `paths-file changed.txt`). */
  add(lines: readonly string[], source: string): this {
    for (const line of lines) this.addLine(line, source)
    this.notes.covering = [...this.covered.values()]
    this.notes.plusKeys = this.plusPaths.size
    return this
  }

  private addLine(line: string, source: string): void {
    // Most lines of a long list are URL paths: no LineItem for them.
    if (line.charCodeAt(0) === 0x2f /* / */) {
      this.addPath(normalisePath(line, source))
      return
    }
    const item = readLine(line)
    switch (item.kind) {
      case 'ignored':
        this.notes.cliIgnored++
        return
      case 'path':
        if (isCacheTag(item.text)) {
          this.push(normaliseCacheTag(item.text, source))
          return
        }
        refuseNonPath(item.text, source)
        this.addPath(normalisePath(item.text, source))
        return
      case 'url':
        this.notes.urls++
        this.addPath(normalisePath(item.text, source))
        return
      case 'key':
        if (item.from === 'cli') this.notes.cliKeys++
        else this.notes.s3Keys++
        this.addKeyPath(encodePath(browserPath(this.pathOfKey(item.key, item.uri, source))), {
          s3: { bucket: item.bucket, key: item.key },
          ...(item.deleted ? { deleted: 'a delete: line of the sync output' } : {})
        })
    }
  }

  /** A key's path, and its `%2B` form when it holds a `+` (plusForm). */
  private addKeyPath(path: string, object: ChangedObject): void {
    this.addPath(path, object)
    const plus = plusForm(path)
    if (plus === undefined) return
    this.plusPaths.add(plus)
    this.addPath(plus, object)
  }

  private pathOfKey(key: string, uri: string, source: string): string {
    if (key === '') {
      throw new UserError(
        `${source}: "${uri}" names a bucket, not an object. Give an object's key (s3://bucket/index.html), or a path wildcard such as /*.`
      )
    }
    if (!this.keyPrefix) return key
    if (key.startsWith(this.keyPrefix)) return key.slice(this.keyPrefix.length)
    throw new UserError(
      `origin-path: the key "${key}" (${source}) is not under the origin path ${this.options.originPath}, so this distribution does not serve it and nothing was invalidated. Set origin-path to the distribution's origin path, or list only keys under ${this.keyPrefix}.`
    )
  }

  /**
   * A path as a browser requests it: with its index directory, each covered where CloudFront refuses it.
   * `object`: the S3 object it was read from, when it was a key.
   */
  private addPath(path: string, object?: ChangedObject): void {
    const fromKey = object !== undefined
    this.send(path, fromKey)
    const keep = object !== undefined && this.options.keepObjects === true
    if (keep) this.objects.set(path, object)
    const suffix = this.indexSuffix
    if (suffix && path.endsWith(suffix) && !isWildcard(path) && !path.includes('?')) {
      const directory = path.slice(0, path.length - suffix.length + 1)
      if (this.send(directory, fromKey)) this.notes.indexAdded.push({ path: directory, because: path })
      if (keep) this.objects.set(directory, object)
    }
  }

  /** Sends a path, or the wildcard that covers it; true when that was new. */
  private send(path: string, fromKey: boolean): boolean {
    const at = refusedAt(path, fromKey)
    if (at === -1) return this.push(path)
    const wildcard = `${path.slice(0, at)}*`
    const known = this.covered.get(wildcard)
    if (!this.coveredPaths.has(path)) {
      this.coveredPaths.add(path)
      if (known) known.covers++
      else
        this.covered.set(wildcard, {
          path: wildcard,
          character: path[at] as '~' | '*',
          covers: 1,
          example: path
        })
    }
    return this.push(wildcard)
  }

  /** True when `path` (a path as browsers request it, before covering) was read as a changed item. */
  has(path: string): boolean {
    return this.seen.has(path) || this.coveredPaths.has(path)
  }

  /**
   * The changed objects as browsers request them: the items that name one object (no cache tag, no
   * wildcard, no directory path), and those sent as a covering wildcard.
   */
  objectPaths(): string[] {
    const out = this.items.filter(item => !isCacheTag(item) && !isWildcard(item) && !item.endsWith('/'))
    const all = [...out, ...this.coveredPaths]
    return this.plusPaths.size === 0 ? all : all.filter(path => !this.plusPaths.has(path))
  }

  private push(item: string): boolean {
    const size = this.seen.size
    // One Set operation per item, not has() then add(): hashing a million new strings is most of the cost.
    this.seen.add(isCacheTag(item) ? item.toLowerCase() : item)
    if (this.seen.size === size) return false
    this.items.push(item)
    return true
  }
}

/**
 * The other URL of a key holding `+`, or undefined: the path with `%2B` for each `+`. S3's REST endpoint
 * reads a `+` in a path as a space, behind CloudFront too (imgix/js-core#88, dnbert/prm#46), so there
 * the object `a+b.html` is served only at `/a%2Bb.html` (`/a+b.html` is the object `a b.html`), while a
 * website endpoint serves it at `/a+b.html`. CloudFront caches the two apart (its guide: do not encode
 * other characters, "or CloudFront won't invalidate the old version"), and which origin the distribution
 * has is not known here, so both are sent.
 */
function plusForm(path: string): string | undefined {
  return path.includes('+') ? path.replaceAll('+', '%2B') : undefined
}

/**
 * Where CloudFront refuses the path as browsers send it, or -1. A raw `~` is refused with InvalidArgument
 * (aws/aws-sdk-js-v3#4042, apancutt/deploy-aws-s3-cloudfront#6: CloudFront wants RFC 1738 paths, where
 * `~` is unsafe), and `%7E` is accepted but does not clear what browsers request, since they send `~`
 * raw (RFC 3986 made it unreserved). A `*` is a wildcard except as the last character: one inside a key
 * cannot be sent either. A path the user wrote with a `*` inside fails earlier (normalisePath).
 */
function refusedAt(path: string, fromKey: boolean): number {
  const tilde = path.indexOf('~')
  if (!fromKey) return tilde
  const star = path.indexOf('*')
  if (star === -1) return tilde
  return tilde === -1 ? star : Math.min(tilde, star)
}

/** The site's objects after the deploy (inventory-file), against what changed: what compaction may clear. */
export interface Inventory {
  /** Distinct objects listed. */
  objects: number
  /** The paths, as browsers request them, of the objects that did not change. */
  unchanged: string[]
  /** Changed objects the inventory does not hold: deleted ones, or a sign of an inventory of another site. */
  missing: number
  /** Their paths, as browsers request them (verify judges them as deleted files). */
  missingPaths?: string[]
}

// `aws s3 ls --recursive` prints date, time, size and key; without the bucket it names no object.
const S3_LS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ /

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

function refuseNonPath(text: string, source: string): void {
  const why = nonPathForm(text)
  if (why) throw new UserError(`${source}: "${text.slice(0, 80)}${text.length > 80 ? '…' : ''}" ${why}.`)
}

/**
 * Reads inventory-file: one object a line, in the forms paths-file takes (URL paths, URLs, s3:// URIs,
 * aws s3 output), keys mapped through origin-path as for the changes. What is not one object fails:
 * a cache tag, a wildcard, a line of `aws s3 ls`. A `delete:` line of aws s3 output names an object
 * the site no longer holds, so it is left out.
 */
export function readInventory(
  lines: readonly string[],
  source: string,
  options: SourceOptions,
  changed: PathReader
): Inventory {
  const keyPrefix = options.originPath ? `${options.originPath.slice(1)}/` : ''
  const paths = new Set<string>()
  for (const line of lines) {
    const path = inventoryPath(line, source, options, keyPrefix)
    if (path !== undefined) paths.add(path)
  }
  const unchanged: string[] = []
  for (const path of paths) if (!changed.has(path)) unchanged.push(path)
  const missingPaths = changed.objectPaths().filter(path => !paths.has(path))
  return { objects: paths.size, unchanged, missing: missingPaths.length, missingPaths }
}

function inventoryPath(
  line: string,
  source: string,
  options: SourceOptions,
  keyPrefix: string
): string | undefined {
  const fix = (why: string) =>
    new UserError(
      `${source}: "${line.slice(0, 80)}${line.length > 80 ? '…' : ''}" ${why}. List one object a line, as s3://bucket/key URIs (the changes action's inventory-file output writes them), URL paths or URLs.`
    )
  const asPath = (text: string) => {
    const path = normalisePath(text, source)
    if (isWildcard(path)) throw fix('is a wildcard, not an object')
    return path
  }
  if (line.charCodeAt(0) === 0x2f /* / */) return asPath(line)
  if (line.startsWith(CLI_DELETE)) return undefined
  if (S3_LS.test(line)) throw fix('is a line of aws s3 ls, which does not name the bucket')
  const item = readLine(line)
  switch (item.kind) {
    case 'ignored':
      return undefined
    case 'path':
      if (isCacheTag(item.text)) throw fix('is a cache tag, not an object')
      refuseNonPath(item.text, source)
      return asPath(item.text)
    case 'url':
      return asPath(item.text)
    case 'key': {
      if (item.key === '') throw fix('names a bucket, not an object')
      if (keyPrefix && !item.key.startsWith(keyPrefix)) {
        throw new UserError(
          `origin-path: the key "${item.key}" (${source}) is not under the origin path ${options.originPath}, so this distribution does not serve it. Set origin-path to the distribution's origin path, or list only keys under ${keyPrefix} in the inventory.`
        )
      }
      return encodePath(browserPath(item.key.slice(keyPrefix.length)))
    }
  }
}
