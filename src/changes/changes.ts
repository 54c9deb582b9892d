/**
 * What `aws s3 sync source s3://bucket/prefix [--delete]` would change, by content: the listing of the
 * destination is matched against the source folder page by page, each page's pairs compared while the
 * next pages are fetched, at most `concurrency` comparisons (file reads, HeadObjects) at once.
 *
 * A file or folder the runner cannot read, the sync skips with a warning (and exit code 2): it uploads
 * nothing of it, and with --delete deletes its objects as if the source lacked them. So does this.
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

/** A file or folder of source that aws s3 sync skips because it cannot read it. */
export interface Unreadable {
  /** Below the source folder, with `/` separators; a folder's ends in `/`. */
  relative: string
  /** EACCES, ENOENT, … */
  reason: string
  /** The objects (not excluded) the destination holds for it, or under it: deleted with delete, else left. */
  objects: number
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
  /** What the sync skips as unreadable, in path order. */
  unreadable: Unreadable[]
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
  /**
   * Why the sync cannot read this file, or undefined when it can (local.ts, unreadableReason). Asked of
   * every file that is not found unchanged (those were read); without it, every file counts as readable.
   */
  unreadable?: (path: string) => Promise<string | undefined>
  /** Told what is listed and compared, for the progress line. */
  progress?: FindProgress
}

export interface FindProgress {
  listed: (objects: number) => void
  /** A file of this size is to be compared by content (it has the size of its object). */
  toHash: (bytes: number) => void
  /** One of those is compared. */
  hashed: () => void
  /** The whole listing is in, and every page's comparisons have started. */
  listingDone: () => void
}

export async function findChanges(
  walking: Promise<LocalTree>,
  options: FindOptions,
  deps: FindDeps
): Promise<ChangesResult> {
  const limit = limiter(options.concurrency)
  const comparing = comparer(limit, deps)
  const { files, skipped, pages } = await listAlongsideWalk(walking, options.prefix, deps, (objects, local) =>
    placePage(objects, local, options, comparing.add)
  )
  const verdicts = await comparing.done()
  // The files no object matched are added, unless the sync cannot read them.
  const matched = new Set(pages.flatMap(page => page.matched))
  const unmatched = [...files.values()].filter(file => !matched.has(file.relative))
  const reasons = await Promise.all(unmatched.map(file => limit(() => readable(file, deps))))
  for (const [index, file] of unmatched.entries()) {
    const reason = reasons[index]
    if (reason !== undefined) verdicts.skipped.push({ relative: file.relative, reason, objects: 0 })
  }
  return assemble(files, [...skipped.values(), ...verdicts.skipped], pages, verdicts, options)
}

/** Why the sync skips this file, or undefined when it reads it; nothing is opened once the run stopped. */
async function readable(file: LocalFile, deps: FindDeps): Promise<string | undefined> {
  deps.compare.signal?.throwIfAborted()
  return deps.unreadable?.(file.path)
}

/** The source as placePage sees it: its files by path, and what of it the sync skips. */
interface Local {
  files: ReadonlyMap<string, LocalFile>
  /** The walk's unreadable file or folder this path is, or is in. */
  skippedAt: (relative: string) => Unreadable | undefined
}

/**
 * Lists the destination while the source folder is walked, handing each page to `onPage` with the
 * source's files (by path below the source); pages that arrive before the walk is done wait for it.
 * Resolves once the whole listing is handed on, with the files and what `onPage` made of each page.
 */
async function listAlongsideWalk<T>(
  walking: Promise<LocalTree>,
  prefix: string,
  deps: FindDeps,
  onPage: (objects: RemoteObject[], local: Local) => T
): Promise<{ files: Map<string, LocalFile>; skipped: Map<string, Unreadable>; pages: T[] }> {
  const pages: T[] = []
  // Set once the source folder is walked.
  const state: { local?: Local } = {}
  // Pages that arrive before the source folder is walked wait here.
  const early: RemoteObject[][] = []
  const localKeys = walking.then(tree => tree.files.map(file => prefix + file.relative))
  // A failed walk is reported below, by awaiting walking.
  localKeys.catch(() => undefined)
  const listing = deps.list(objects => {
    deps.progress?.listed(objects.length)
    if (state.local) pages.push(onPage(objects, state.local))
    else early.push(objects)
  }, localKeys)
  // Handled below; marked handled now so a listing that fails during the walk is not "unhandled".
  listing.catch(() => undefined)
  // The walk runs while the first page is on its way; a listing that fails meanwhile fails at once.
  const tree = await Promise.race([walking, listing.then(() => walking)])
  const files = new Map(tree.files.map(file => [file.relative, file]))
  const skipped = new Map(tree.unreadable.map(entry => [entry.relative, { ...entry, objects: 0 }]))
  const skippedAt = (relative: string): Unreadable | undefined => {
    if (skipped.size === 0) return undefined
    const own = skipped.get(relative)
    if (own) return own
    // The folders it is in, outermost first.
    for (let slash = relative.indexOf('/'); slash !== -1; slash = relative.indexOf('/', slash + 1)) {
      const folder = skipped.get(relative.slice(0, slash + 1))
      if (folder) return folder
    }
    return undefined
  }
  state.local = { files, skippedAt }
  for (const objects of early.splice(0)) pages.push(onPage(objects, state.local))
  await listing
  deps.progress?.listingDone()
  return { files, skipped, pages }
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
  local: Local,
  options: FindOptions,
  compare: (file: LocalFile, object: RemoteObject) => void
): PlacedPage {
  const page: PlacedPage = { listed: objects.length, excluded: 0, kept: [], deleted: [], matched: [] }
  for (const object of objects) {
    // ListObjectsV2 with a prefix returns only keys that start with it.
    const relative = object.key.slice(options.prefix.length)
    const file = local.files.get(relative)
    // An empty "folder" made in the console: aws s3 sync neither compares nor deletes it.
    if (object.size === 0 && object.key.endsWith('/')) {
      page.kept.push(object.key)
    } else if (isExcluded(options.filters, relative)) {
      page.excluded++
      page.kept.push(object.key)
    } else if (file) {
      page.matched.push(relative)
      compare(file, object)
    } else {
      const skipped = local.skippedAt(relative)
      if (skipped) skipped.objects++
      if (!options.delete) page.kept.push(object.key)
      else if (skipped) page.deleted.push({ key: object.key, kind: 'deleted', why: skippedWhy(skipped) })
      else
        page.deleted.push({
          key: object.key,
          kind: 'deleted',
          why: 'not in source (sync --delete deletes it)'
        })
    }
  }
  return page
}

/** Why the object of a file (or in a folder) the sync skips is deleted. */
function skippedWhy(skipped: Unreadable): string {
  const what = skipped.relative.endsWith('/') ? `in ${skipped.relative}, which` : 'the file'
  return `${what} is not readable here (${skipped.reason}): aws s3 sync skips it, and --delete deletes the object`
}

interface Verdicts {
  changed: Change[]
  unchanged: number
  unchangedHow: Map<string, number>
  /** Files the sync skips as unreadable; `objects` 1 for those with an object. */
  skipped: Unreadable[]
}

/**
 * Compares each pair handed to `add` by content, through `limit`; `done` waits for every comparison and
 * gives the verdicts, unchanged ones counted by how they were found equal. A file not found unchanged is
 * opened once more, to know whether the sync can read it.
 */
function comparer(
  limit: ReturnType<typeof limiter>,
  deps: FindDeps
): { add: (file: LocalFile, object: RemoteObject) => void; done: () => Promise<Verdicts> } {
  const comparisons: Promise<void>[] = []
  const verdicts: Verdicts = { changed: [], unchanged: 0, unchangedHow: new Map(), skipped: [] }
  const add = (file: LocalFile, object: RemoteObject) => {
    const byContent = file.size === object.size
    if (byContent) deps.progress?.toHash(file.size)
    const comparison = limit(async () => {
      deps.compare.signal?.throwIfAborted()
      const verdict = await compareObject(file, object, deps.compare)
      if (byContent) deps.progress?.hashed()
      const reason = verdict.changed ? await readable(file, deps) : undefined
      return reason === undefined ? verdict : { skipped: reason }
    }).then(verdict => {
      if ('skipped' in verdict) {
        verdicts.skipped.push({ relative: file.relative, reason: verdict.skipped, objects: 1 })
      } else if (verdict.changed) {
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

/**
 * The result: the source files no object matched are added, the files the sync skips are not, and their
 * objects are deleted (with delete) or left; changes and inventory in key order.
 */
function assemble(
  files: ReadonlyMap<string, LocalFile>,
  unreadable: readonly Unreadable[],
  pages: readonly PlacedPage[],
  verdicts: Verdicts,
  { prefix, delete: deletes }: FindOptions
): ChangesResult {
  const matched = new Set(pages.flatMap(page => page.matched))
  const skipped = new Map(verdicts.skipped.map(entry => [entry.relative, entry]))
  const added: Change[] = [...files.keys()]
    .filter(relative => !matched.has(relative) && !skipped.has(relative))
    .map(relative => ({ key: prefix + relative, kind: 'added', why: 'not in S3 yet' }))
  const skippedDeleted: Change[] = deletes
    ? verdicts.skipped
        .filter(entry => entry.objects > 0)
        .map(entry => ({ key: prefix + entry.relative, kind: 'deleted', why: skippedWhy(entry) }))
    : []
  // After the sync the bucket holds every file it uploads, and the object of a skipped one unless deleted.
  const held = [...files.keys()].filter(relative => {
    const entry = skipped.get(relative)
    return !entry || (entry.objects > 0 && !deletes)
  })
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return {
    changes: [...pages.flatMap(page => page.deleted), ...verdicts.changed, ...added, ...skippedDeleted].sort(
      (a, b) => byKey(a.key, b.key)
    ),
    unchanged: verdicts.unchanged,
    unchangedHow: verdicts.unchangedHow,
    listedObjects: pages.reduce((sum, page) => sum + page.listed, 0),
    excludedObjects: pages.reduce((sum, page) => sum + page.excluded, 0),
    // The objects the sync leaves where they are, and every source file.
    inventory: held
      .map(relative => prefix + relative)
      .concat(pages.flatMap(page => page.kept))
      .sort(byKey),
    unreadable: [...unreadable].sort((a, b) => byKey(a.relative, b.relative))
  }
}
