/**
 * What the lines of `paths` and `paths-file` name, and the paths CloudFront is sent for them (lines.ts
 * reads each line). Keys are mapped through the origin path and requested the way a browser requests a
 * link to them; what CloudFront refuses in that form is covered by a wildcard.
 * Pure: no I/O, no logging; what was read is returned as notes for the log and the summary.
 */
import { UserError } from '../common/errors.js'
import { browserPath, readSourceLine, refuseNonPath } from './lines.js'
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
    const item = readSourceLine(line)
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
