/**
 * inventory-file: the site's objects after the deploy, one a line, read against the changed paths
 * (PathReader) into what compaction may clear.
 * Pure: no I/O, no logging.
 */
import { UserError } from '../common/errors.js'
import { S3_LS, browserPath, readSourceLine, refuseNonPath } from './lines.js'
import { encodePath, isCacheTag, isWildcard, normalisePath } from './paths.js'
import type { PathReader, SourceOptions } from './reader.js'

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
  if (S3_LS.test(line)) throw fix('is a line of aws s3 ls, which does not name the bucket')
  const item = readSourceLine(line)
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
      // A `delete:` line names an object the site no longer holds.
      if (item.deleted) return undefined
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
