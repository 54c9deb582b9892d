import { describe, expect, it } from '@jest/globals'
import {
  PagingError,
  compareKeys,
  cutPoints,
  listKeyspace,
  type FetchPage,
  type PageStart
} from '../../src/changes/listing.js'
import type { RemoteObject } from '../../src/changes/s3.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

/** S3's order, as the spec has it: by UTF-8 bytes. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b))

const object = (key: string): RemoteObject => ({
  key,
  size: 1,
  etag: '"x"',
  checksumAlgorithms: [],
  checksumType: undefined
})

/**
 * ListObjectsV2 over `keys` (already below the prefix), `pageSize` keys a page: StartAfter, an opaque
 * ContinuationToken (which wins over StartAfter, as in S3), pages in UTF-8 byte order. Records each
 * request and how many were in flight at once.
 */
function bucket(keys: readonly string[], pageSize: number) {
  const sorted = [...keys].sort(byBytes)
  const calls: PageStart[] = []
  const stats = { inFlight: 0, most: 0 }
  const fetchPage: FetchPage = async start => {
    calls.push(start)
    stats.inFlight++
    stats.most = Math.max(stats.most, stats.inFlight)
    await new Promise(resolve => setTimeout(resolve, 2))
    stats.inFlight--
    const after = start.token !== undefined ? Buffer.from(start.token, 'base64').toString() : start.startAfter
    let from = after === undefined ? 0 : sorted.findIndex(key => byBytes(key, after) > 0)
    if (from === -1) from = sorted.length
    const page = sorted.slice(from, from + pageSize)
    const more = from + pageSize < sorted.length
    return {
      objects: page.map(object),
      next: more ? Buffer.from(page.at(-1) as string).toString('base64') : undefined
    }
  }
  return { sorted, calls, stats, fetchPage }
}

/** Lists `remote` with `local` as the source folder's keys; returns every key handed on, in order given. */
async function listAll(
  remote: readonly string[],
  local: readonly string[] | Promise<readonly string[]> | undefined,
  pageSize = 3,
  concurrency = 3
) {
  const fake = bucket(remote, pageSize)
  const seen: string[] = []
  const pages = await listKeyspace(
    fake.fetchPage,
    objects => seen.push(...objects.map(o => o.key)),
    local === undefined ? undefined : Promise.resolve(local),
    { concurrency, perRange: pageSize }
  )
  return { ...fake, seen, pages }
}

const numbered = (count: number, name = (i: number) => `www/page-${String(i).padStart(4, '0')}.html`) =>
  Array.from({ length: count }, (_, i) => name(i))

describe('compareKeys', () => {
  it('orders keys by their UTF-8 bytes, as S3 lists them, not by UTF-16 units', () => {
    const keys = [
      'a',
      'a/',
      'a/b',
      'a-b',
      'ab',
      'A',
      '',
      'é',
      'e\u0301',
      '\u00ff',
      '\u0100',
      '中文',
      '\ue000',
      '\uffff',
      '😀',
      '😀a',
      '\u{10ffff}',
      '\u{1f600}\u{1f601}',
      'z'
    ]
    const sorted = [...keys].sort(compareKeys)
    expect(sorted).toEqual([...keys].sort(byBytes))
    // Where UTF-16 order differs: U+E000 and U+FFFF sort before the emoji in S3.
    expect(compareKeys('\uffff', '😀')).toBeLessThan(0)
    expect('\uffff' < '😀').toBe(false)
    expect(compareKeys('abc', 'abc')).toBe(0)
  })

  it('agrees with the byte order on random keys of mixed scripts', () => {
    const alphabet = ['a', 'Z', '/', '-', '.', 'é', 'ß', '中', '\ue000', '\uffff', '😀', '𝄞', '\u{10ffff}']
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const keys = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 5) }, () => alphabet[Math.floor(random() * 13)]).join('')
    )
    expect([...keys].sort(compareKeys)).toEqual([...keys].sort(byBytes))
  })
})

describe('cutPoints', () => {
  const keys = numbered(10, i => `k${i}`)
  it('cuts every perRange-th key after the given one, never at the last key', () => {
    expect(cutPoints(keys, 'k', 3)).toEqual(['k2', 'k5', 'k8'])
    expect(cutPoints(keys, 'k1', 3)).toEqual(['k4', 'k7'])
    expect(cutPoints(keys, 'k6', 3)).toEqual([])
    expect(cutPoints(keys, 'k9', 3)).toEqual([])
    // After a key that is not local itself.
    expect(cutPoints(keys, 'k15', 2)).toEqual(['k3', 'k5', 'k7'])
  })
})

describe('listKeyspace', () => {
  const expectExactly = (seen: string[], remote: readonly string[]) => {
    expect(seen.length).toBe(remote.length)
    expect([...seen].sort(byBytes)).toEqual([...remote].sort(byBytes))
  }

  it('lists a bucket that mirrors the source folder in ranges at once, each object once', async () => {
    const keys = numbered(30)
    const { seen, calls, stats, pages } = await listAll(keys, keys)
    expectExactly(seen, keys)
    expect(stats.most).toBe(3)
    // One page before the cuts, then one request a range: no more requests than one listing makes.
    expect(pages).toBe(calls.length)
    expect(pages).toBeLessThanOrEqual(11)
    expect(calls.filter(call => call.startAfter !== undefined).length).toBeGreaterThan(0)
  })

  it('returns exactly what one listing returns whatever differs around the cut points', async () => {
    const local = numbered(40)
    const cases: [string, string[]][] = [
      [
        'the bucket holds objects the source lacks, before, at and after each cut',
        [
          ...local,
          ...local.map(key => `${key}~`),
          ...local.map(key => key.replace('.html', '')),
          'www/',
          'www/a',
          'www/zzz'
        ]
      ],
      ['the bucket lacks most of the source', local.filter((_, i) => i % 5 === 0)],
      ['the bucket lacks every cut point', local.filter((_, i) => i % 3 !== 2)],
      ['the bucket is empty', []],
      [
        'the bucket holds only what sorts after every local key',
        ['www/zz-1', 'www/zz-2', 'www/zz-3', 'www/zz-4']
      ],
      [
        'the bucket holds only what sorts before every local key',
        ['www/0', 'www/1', 'www/2', 'www/3', 'www/4']
      ]
    ]
    for (const [, remote] of cases) {
      const { seen } = await listAll(remote, local)
      expectExactly(seen, remote)
    }
  })

  it('cuts unicode keys in S3 order, where UTF-16 order differs', async () => {
    const names = ['a', 'é', 'ß', '中文', '\ue000', '\uffff', '😀', '😀😀', '𝄞', 'z', 'Z', '-', '.']
    const local = names.flatMap(name => [`www/${name}`, `www/${name}/index.html`, `www/${name}.html`])
    const remote = [...local.filter((_, i) => i % 4 !== 0), ...names.map(name => `www/${name}~`)]
    // A JavaScript sort would put the emoji between \ue000 and \uffff and cut there.
    const { seen } = await listAll(remote, [...local].sort())
    expectExactly(seen, remote)
  })

  it('lists one page after another until the source folder is walked, then cuts the rest', async () => {
    const keys = numbered(30)
    const fake = bucket(keys, 3)
    let walked!: (keys: string[]) => void
    const local = new Promise<string[]>(resolve => (walked = resolve))
    const seen: string[] = []
    const listing = listKeyspace(
      fake.fetchPage,
      objects => {
        seen.push(...objects.map(o => o.key))
        // The walk ends after the third page.
        if (seen.length === 9) walked(keys)
      },
      local,
      { concurrency: 4, perRange: 3 }
    )
    await listing
    expectExactly(seen, keys)
    expect(fake.calls.slice(0, 3).every(call => call.startAfter === undefined)).toBe(true)
    expect(fake.stats.most).toBeGreaterThan(1)
  })

  it('lists one page after another without the source keys, or when the walk fails', async () => {
    const keys = numbered(10)
    const without = await listAll(keys, undefined)
    expectExactly(without.seen, keys)
    expect(without.stats.most).toBe(1)
    const fake = bucket(keys, 3)
    const failed = Promise.reject(new Error('walk failed'))
    const seen: string[] = []
    await listKeyspace(fake.fetchPage, objects => seen.push(...objects.map(o => o.key)), failed)
    expectExactly(seen, keys)
    expect(fake.calls.every(call => call.startAfter === undefined)).toBe(true)
  })

  it('stops at a continuation token given twice, in a range too', async () => {
    const remote = numbered(30)
    const fake = bucket(remote, 3)
    const looping: FetchPage = async start => {
      const page = await fake.fetchPage(start.token === 'same' ? { startAfter: remote[20] as string } : start)
      // From the fifth request on, every page names the same next token.
      return fake.calls.length >= 5 && page.next ? { ...page, next: 'same' } : page
    }
    const local = Promise.resolve(remote.slice(0, 12))
    const error = await rejectionOf(
      listKeyspace(looping, () => undefined, local, { concurrency: 1, perRange: 3 }),
      PagingError
    )
    expect(error.message).toBe('S3 answered ListObjectsV2 with the same NextContinuationToken twice')
    expect(fake.calls.some(call => call.startAfter !== undefined)).toBe(true)
  })

  it('fails with the error of a range that fails', async () => {
    const keys = numbered(12)
    const fake = bucket(keys, 3)
    const failing: FetchPage = async start => {
      if (start.startAfter === keys[8]) throw new Error('AccessDenied')
      return fake.fetchPage(start)
    }
    const error = await rejectionOf(
      listKeyspace(failing, () => undefined, Promise.resolve(keys), { concurrency: 2, perRange: 3 })
    )
    expect(error.message).toBe('AccessDenied')
  })
})
