/**
 * Listing a bucket's keyspace in ranges at once. ListObjectsV2 gives 1,000 keys a page, and each page is a
 * round trip that names where the next one starts, so one listing of 20,000 objects is 20 round trips one
 * after another (as `aws s3 sync` lists). The destination mostly holds what the source folder holds, so
 * the local file names say where its keys are: the keyspace is cut at every 1,000th local name, and each
 * range is listed from there (StartAfter) until it passes the next cut. The pages together hold exactly
 * what one listing holds, each object once, whatever the bucket holds: the cuts only decide how much of
 * the work runs at once.
 *
 * The first page is asked for at once, while the source folder is still being walked; the listing goes
 * on one page after another until the walk is done, and the rest of the keyspace is cut then.
 */
import { limiter } from './pool.js'

/** One listed object, as the comparison needs it. */
export interface RemoteObject {
  key: string
  size: number
  etag: string | undefined
  /** The checksum algorithms S3 stores for the object (ListObjectsV2's ChecksumAlgorithm). */
  checksumAlgorithms: string[]
  /** FULL_OBJECT or COMPOSITE, when S3 says. */
  checksumType: string | undefined
}

/** Where a page starts: after a key (StartAfter), or where the page before ended (ContinuationToken). */
export type PageStart = { startAfter?: string; token?: string }

export interface Page {
  /** In key order. */
  objects: RemoteObject[]
  /** The ContinuationToken of the next page; undefined on the last one. */
  next: string | undefined
}

export type FetchPage = (start: PageStart) => Promise<Page>

export interface KeyspaceOptions {
  /** Ranges listed at once. */
  concurrency: number
  /** Local names a range holds (S3's page size: a range the bucket mirrors is one request). */
  perRange: number
}

export const KEYSPACE_DEFAULTS: KeyspaceOptions = { concurrency: 8, perRange: 1000 }

/** An answer that would page forever: not an AWS error to explain. */
export class PagingError extends Error {}

/**
 * S3's key order: by the keys' UTF-8 bytes, which is code point order. JavaScript's `<` compares UTF-16
 * units, which puts a code point above U+FFFF (a surrogate pair) before U+E000 to U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const xPair = x >= 0xd800 && x <= 0xdfff
    const yPair = y >= 0xd800 && y <= 0xdfff
    if (xPair !== yPair) return xPair ? 1 : -1
    return x - y
  }
  return a.length - b.length
}

/**
 * Where to cut the keyspace after `after`: every `perRange`-th of the `sortedKeys` that follow it, but
 * not the last key (the range after the last cut holds the rest).
 */
export function cutPoints(sortedKeys: readonly string[], after: string, perRange: number): string[] {
  let low = 0
  let high = sortedKeys.length
  // The first key after `after`.
  while (low < high) {
    const middle = (low + high) >>> 1
    if (compareKeys(sortedKeys[middle] as string, after) > 0) high = middle
    else low = middle + 1
  }
  const cuts: string[] = []
  for (let index = low + perRange - 1; index < sortedKeys.length - 1; index += perRange) {
    cuts.push(sortedKeys[index] as string)
  }
  return cuts
}

/**
 * Every object of the listing, page by page through `onPage` (ranges in any order, each range's pages in
 * order). `localKeys` are the keys the source folder would give (in any order); the listing does not wait
 * for them. Returns the number of pages asked for.
 */
export async function listKeyspace(
  fetchPage: FetchPage,
  onPage: (objects: RemoteObject[]) => void,
  localKeys: Promise<readonly string[]> | undefined,
  options: KeyspaceOptions = KEYSPACE_DEFAULTS
): Promise<number> {
  let sorted: string[] | undefined
  // Without the local names (a walk that failed reports itself elsewhere) the listing stays in one range.
  localKeys?.then(
    keys => (sorted = [...keys].sort(compareKeys)),
    () => undefined
  )
  const paging: Paging = { fetchPage, onPage, follow: tokenGuard() }
  // One page after another while the source folder is walked.
  let start: PageStart = {}
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(start)
    onPage(page.objects)
    if (!paging.follow(page.next)) return pages
    start = { token: page.next }
    const last = page.objects.at(-1)?.key
    const cuts = sorted && last !== undefined ? cutPoints(sorted, last, options.perRange) : []
    if (cuts.length > 0)
      return pages + (await listRanges(paging, rangesFrom(start, cuts), options.concurrency))
  }
}

/** What listing each range shares: the fetch, where the pages go, and which tokens to follow. */
interface Paging {
  fetchPage: FetchPage
  onPage: (objects: RemoteObject[]) => void
  follow: (token: string | undefined) => token is string
}

/** Whether to follow a page's ContinuationToken: not on the last page, and never to a token seen before. */
function tokenGuard(): (token: string | undefined) => token is string {
  const seen = new Set<string>()
  return (token): token is string => {
    if (token === undefined) return false
    // A token seen before would page forever.
    if (seen.has(token)) {
      throw new PagingError('S3 answered ListObjectsV2 with the same NextContinuationToken twice')
    }
    seen.add(token)
    return true
  }
}

/** A range of the keyspace: the objects after `from` up to and including `until` (to the end without it). */
interface Range {
  from: PageStart
  until: string | undefined
}

/** The ranges the rest of the keyspace is cut into: up to the first cut from `start`, then cut to cut. */
function rangesFrom(start: PageStart, cuts: readonly string[]): Range[] {
  const ranges: Range[] = cuts.map((cut, index) => ({
    from: index === 0 ? start : { startAfter: cuts[index - 1] as string },
    until: cut
  }))
  ranges.push({ from: { startAfter: cuts.at(-1) as string }, until: undefined })
  return ranges
}

/** Lists the ranges, at most `concurrency` at once; returns the number of pages asked for. */
async function listRanges(paging: Paging, ranges: readonly Range[], concurrency: number): Promise<number> {
  const limit = limiter(concurrency)
  const pages = await Promise.all(ranges.map(range => limit(() => listRange(paging, range))))
  return pages.reduce((sum, count) => sum + count, 0)
}

/** Lists one range, page after page; returns the number of pages asked for. */
async function listRange(paging: Paging, { from, until }: Range): Promise<number> {
  let start = from
  for (let pages = 1; ; pages++) {
    const page = await paging.fetchPage(start)
    const past =
      until === undefined ? -1 : page.objects.findIndex(object => compareKeys(object.key, until) > 0)
    paging.onPage(past === -1 ? page.objects : page.objects.slice(0, past))
    const last = page.objects.at(-1)?.key
    const done = past !== -1 || (until !== undefined && last !== undefined && compareKeys(last, until) >= 0)
    if (done || !paging.follow(page.next)) return pages
    start = { token: page.next }
  }
}
