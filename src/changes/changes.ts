/**
 * What `aws s3 sync source s3://bucket/prefix [--delete]` would change, by content: the listing of the
 * destination is matched against the source folder page by page, each page's pairs compared while the
 * next page is fetched, at most `concurrency` comparisons (file reads, HeadObjects) at once.
 */
import { compareObject, type CompareDeps, type LocalFile } from './compare.js'
import { isExcluded, type ExcludeRule } from './exclude.js'
import type { LocalTree } from './local.js'
import { limiter } from './pool.js'
import type { RemoteObject } from './s3.js'

export type ChangeKind = 'changed' | 'added' | 'deleted'

export interface Change {
  key: string
  kind: ChangeKind
  why: string
}

export interface ChangesResult {
  /** In key order. */
  changes: Change[]
  unchanged: number
  /** How each unchanged object was found equal, counted (`MD5 equals the ETag`: 19,997). */
  unchangedHow: Map<string, number>
  listedObjects: number
  excludedObjects: number
  /**
   * The objects the destination holds after the sync, in key order: every source file, and the listed
   * objects the sync leaves (excluded ones, empty folder markers, and without delete those the source
   * lacks). The invalidate action's inventory-file.
   */
  inventory: string[]
}

export interface FindOptions {
  prefix: string
  delete: boolean
  excludes: readonly ExcludeRule[]
  concurrency: number
}

export interface FindDeps {
  /**
   * Lists the destination, calling onPage with each page as it arrives; `localKeys`, the keys the source
   * folder gives, once it is walked, say where to split the listing.
   */
  list: (onPage: (objects: RemoteObject[]) => void, localKeys: Promise<string[]>) => Promise<unknown>
  compare: CompareDeps
}

export async function findChanges(
  walking: Promise<LocalTree>,
  options: FindOptions,
  deps: FindDeps
): Promise<ChangesResult> {
  const result: ChangesResult = {
    changes: [],
    unchanged: 0,
    unchangedHow: new Map(),
    listedObjects: 0,
    excludedObjects: 0,
    inventory: []
  }
  // Listed objects the sync leaves where they are.
  const kept: string[] = []
  const limit = limiter(options.concurrency)
  const comparisons: Promise<void>[] = []
  const matched = new Set<string>()
  // Set once the source folder is walked.
  const local: { files?: Map<string, LocalFile> } = {}
  // Pages that arrive before the source folder is walked wait here.
  const early: RemoteObject[][] = []

  const take = (objects: RemoteObject[], files: Map<string, LocalFile>) => {
    for (const object of objects) {
      result.listedObjects++
      // ListObjectsV2 with a prefix returns only keys that start with it.
      const relative = object.key.slice(options.prefix.length)
      // An empty "folder" made in the console: aws s3 sync neither compares nor deletes it.
      if (object.size === 0 && object.key.endsWith('/')) {
        kept.push(object.key)
        continue
      }
      if (isExcluded(options.excludes, relative)) {
        result.excludedObjects++
        kept.push(object.key)
        continue
      }
      const file = files.get(relative)
      if (!file) {
        if (!options.delete) kept.push(object.key)
        if (options.delete) {
          result.changes.push({
            key: object.key,
            kind: 'deleted',
            why: 'not in source (sync --delete deletes it)'
          })
        }
        continue
      }
      matched.add(relative)
      comparisons.push(
        limit(() => compareObject(file, object, deps.compare)).then(verdict => {
          if (verdict.changed) {
            result.changes.push({ key: object.key, kind: 'changed', why: verdict.why })
          } else {
            result.unchanged++
            result.unchangedHow.set(verdict.how, (result.unchangedHow.get(verdict.how) ?? 0) + 1)
          }
        })
      )
    }
  }

  const localKeys = walking.then(tree => tree.files.map(file => options.prefix + file.relative))
  // A failed walk is reported below, by awaiting walking.
  localKeys.catch(() => undefined)
  const listing = deps.list(objects => {
    if (local.files) take(objects, local.files)
    else early.push(objects)
  }, localKeys)
  // Handled below; marked handled now so a listing that fails during the walk is not "unhandled".
  listing.catch(() => undefined)
  // The walk runs while the first page is on its way.
  const files = new Map((await walking).files.map(file => [file.relative, file]))
  local.files = files
  for (const objects of early.splice(0)) take(objects, files)
  await listing
  await Promise.all(comparisons)

  for (const [relative] of files) {
    if (!matched.has(relative)) {
      result.changes.push({ key: options.prefix + relative, kind: 'added', why: 'not in S3 yet' })
    }
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  result.changes.sort((a, b) => byKey(a.key, b.key))
  result.inventory = [...files.keys()]
    .map(relative => options.prefix + relative)
    .concat(kept)
    .sort(byKey)
  return result
}
