/**
 * What `aws s3 sync source s3://bucket/prefix [--delete]` would change, by content: the listing of the
 * destination is matched against the source folder page by page, each page's pairs compared while the
 * next pages are fetched, at most `concurrency` comparisons (file reads, HeadObjects) at once.
 */
import { compareObject, type CompareDeps, type LocalFile } from './compare.js'
import { isExcluded, type FilterRule } from './exclude.js'
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
  filters: readonly FilterRule[]
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
  const comparing = comparer(options.concurrency, deps.compare)
  const { files, pages } = await listAlongsideWalk(walking, options.prefix, deps.list, (objects, files) =>
    placePage(objects, files, options, comparing.add)
  )
  return assemble(files, pages, await comparing.done(), options.prefix)
}

/**
 * Lists the destination while the source folder is walked, handing each page to `onPage` with the
 * source's files (by path below the source); pages that arrive before the walk is done wait for it.
 * Resolves once the whole listing is handed on, with the files and what `onPage` made of each page.
 */
async function listAlongsideWalk<T>(
  walking: Promise<LocalTree>,
  prefix: string,
  list: FindDeps['list'],
  onPage: (objects: RemoteObject[], files: ReadonlyMap<string, LocalFile>) => T
): Promise<{ files: Map<string, LocalFile>; pages: T[] }> {
  const pages: T[] = []
  // Set once the source folder is walked.
  const local: { files?: Map<string, LocalFile> } = {}
  // Pages that arrive before the source folder is walked wait here.
  const early: RemoteObject[][] = []
  const localKeys = walking.then(tree => tree.files.map(file => prefix + file.relative))
  // A failed walk is reported below, by awaiting walking.
  localKeys.catch(() => undefined)
  const listing = list(objects => {
    if (local.files) pages.push(onPage(objects, local.files))
    else early.push(objects)
  }, localKeys)
  // Handled below; marked handled now so a listing that fails during the walk is not "unhandled".
  listing.catch(() => undefined)
  // The walk runs while the first page is on its way.
  const files = new Map((await walking).files.map(file => [file.relative, file]))
  local.files = files
  for (const objects of early.splice(0)) pages.push(onPage(objects, files))
  await listing
  return { files, pages }
}

/** What the sync does with the objects of one page, before any content is compared. */
interface PlacedPage {
  listed: number
  excluded: number
  /** Keys the sync leaves where they are. */
  kept: string[]
  deleted: Change[]
  /** The source files (by path below the source) that an object of the page is compared with. */
  matched: string[]
}

/**
 * Sorts one page's objects by what the sync does with them, handing `compare` each one with a source file.
 */
function placePage(
  objects: readonly RemoteObject[],
  files: ReadonlyMap<string, LocalFile>,
  options: FindOptions,
  compare: (file: LocalFile, object: RemoteObject) => void
): PlacedPage {
  const page: PlacedPage = { listed: objects.length, excluded: 0, kept: [], deleted: [], matched: [] }
  for (const object of objects) {
    // ListObjectsV2 with a prefix returns only keys that start with it.
    const relative = object.key.slice(options.prefix.length)
    const file = files.get(relative)
    // An empty "folder" made in the console: aws s3 sync neither compares nor deletes it.
    if (object.size === 0 && object.key.endsWith('/')) {
      page.kept.push(object.key)
    } else if (isExcluded(options.filters, relative)) {
      page.excluded++
      page.kept.push(object.key)
    } else if (file) {
      page.matched.push(relative)
      compare(file, object)
    } else if (options.delete) {
      page.deleted.push({ key: object.key, kind: 'deleted', why: 'not in source (sync --delete deletes it)' })
    } else {
      page.kept.push(object.key)
    }
  }
  return page
}

interface Verdicts {
  changed: Change[]
  unchanged: number
  unchangedHow: Map<string, number>
}

/**
 * Compares each pair handed to `add` by content, at most `concurrency` at once; `done` waits for every
 * comparison and gives the verdicts, unchanged ones counted by how they were found equal.
 */
function comparer(
  concurrency: number,
  deps: CompareDeps
): { add: (file: LocalFile, object: RemoteObject) => void; done: () => Promise<Verdicts> } {
  const limit = limiter(concurrency)
  const comparisons: Promise<void>[] = []
  const verdicts: Verdicts = { changed: [], unchanged: 0, unchangedHow: new Map() }
  const add = (file: LocalFile, object: RemoteObject) => {
    const comparison = limit(() => compareObject(file, object, deps)).then(verdict => {
      if (verdict.changed) {
        verdicts.changed.push({ key: object.key, kind: 'changed', why: verdict.why })
      } else {
        verdicts.unchanged++
        verdicts.unchangedHow.set(verdict.how, (verdicts.unchangedHow.get(verdict.how) ?? 0) + 1)
      }
    })
    // done() reports a failure; marked handled so one after a failed listing (done() never called) is
    // not an unhandled rejection, which ends the process with a stack trace.
    comparison.catch(() => undefined)
    comparisons.push(comparison)
  }
  const done = async () => {
    await Promise.all(comparisons)
    return verdicts
  }
  return { add, done }
}

/** The result: the source files no object matched are added; changes and inventory in key order. */
function assemble(
  files: ReadonlyMap<string, LocalFile>,
  pages: readonly PlacedPage[],
  verdicts: Verdicts,
  prefix: string
): ChangesResult {
  const matched = new Set(pages.flatMap(page => page.matched))
  const added: Change[] = [...files.keys()]
    .filter(relative => !matched.has(relative))
    .map(relative => ({ key: prefix + relative, kind: 'added', why: 'not in S3 yet' }))
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return {
    changes: [...pages.flatMap(page => page.deleted), ...verdicts.changed, ...added].sort((a, b) =>
      byKey(a.key, b.key)
    ),
    unchanged: verdicts.unchanged,
    unchangedHow: verdicts.unchangedHow,
    listedObjects: pages.reduce((sum, page) => sum + page.listed, 0),
    excludedObjects: pages.reduce((sum, page) => sum + page.excluded, 0),
    // The objects the sync leaves where they are, and every source file.
    inventory: [...files.keys()]
      .map(relative => prefix + relative)
      .concat(pages.flatMap(page => page.kept))
      .sort(byKey)
  }
}
