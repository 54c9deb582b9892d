import { describe, expect, it } from '@jest/globals'
import { findChanges, type FindDeps } from '../../src/changes/changes.js'
import { compileFilters } from '../../src/changes/exclude.js'
import type { LocalTree } from '../../src/changes/local.js'
import type { RemoteObject } from '../../src/changes/s3.js'
import { UserError } from '../../src/common/errors.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

const object = (key: string, size: number, etag = 'b1946ac92492d2347c6235b4d2611184'): RemoteObject => ({
  key,
  size,
  etag: `"${etag}"`,
  checksumAlgorithms: [],
  checksumType: undefined
})

function tree(files: [string, number][]): Promise<LocalTree> {
  return Promise.resolve({
    files: files.map(([relative, size]) => ({ relative, path: `/site/${relative}`, size })),
    unreadable: [],
    excluded: 0
  })
}

/** Every file's MD5 is the default ETag above unless listed in `edited`. */
function deps(pages: RemoteObject[][], edited: string[] = []): FindDeps & { events: string[] } {
  const events: string[] = []
  return {
    events,
    list: async (onPage, localKeys) => {
      // The keys the source folder gives, where the listing may be cut.
      events.push(`local keys ${(await localKeys).join(' ')}`)
      for (const [index, page] of pages.entries()) {
        // Each page arrives after the comparisons of the one before have started.
        await new Promise(resolve => setTimeout(resolve, 5))
        events.push(`page ${index + 1}`)
        onPage(page)
      }
    },
    compare: {
      hash: async path => {
        events.push(`read ${path}`)
        const md5 = edited.includes(path)
          ? '0123456789abcdef0123456789abcdef'
          : 'b1946ac92492d2347c6235b4d2611184'
        return { size: 6, md5, parts: new Map() }
      },
      head: async () => {
        throw new Error('no HeadObject expected')
      }
    }
  }
}

const options = { prefix: 'site/', delete: true, filters: compileFilters([]), concurrency: 4 }

describe('findChanges', () => {
  it('lists changed, added and deleted objects in key order, and counts the unchanged', async () => {
    const fake = deps(
      [
        [object('site/a.html', 6), object('site/b.html', 6), object('site/gone.html', 6)],
        [object('site/img/', 0), object('site/z.html', 7)]
      ],
      ['/site/b.html']
    )
    const result = await findChanges(
      tree([
        ['a.html', 6],
        ['b.html', 6],
        ['new.html', 3],
        ['z.html', 6]
      ]),
      options,
      fake
    )
    expect(result.changes).toEqual([
      {
        key: 'site/b.html',
        kind: 'changed',
        why: 'content differs (MD5 is not the ETag); S3 stores no checksum to compare instead'
      },
      { key: 'site/gone.html', kind: 'deleted', why: 'not in source (sync --delete deletes it)' },
      { key: 'site/new.html', kind: 'added', why: 'not in S3 yet' },
      { key: 'site/z.html', kind: 'changed', why: 'size differs (6 bytes here, 7 in S3)' }
    ])
    expect(result.unchanged).toBe(1)
    // The console's empty "folder" object is neither compared nor deleted, as aws s3 sync leaves it.
    expect(result.listedObjects).toBe(5)
    // After the sync: every source file, and the folder object; not the deleted one.
    expect(result.inventory).toEqual([
      'site/a.html',
      'site/b.html',
      'site/img/',
      'site/new.html',
      'site/z.html'
    ])
  })

  it('compares the objects of a page while the next page is on its way', async () => {
    const fake = deps([[object('site/a.html', 6)], [object('site/b.html', 6)]])
    await findChanges(
      tree([
        ['a.html', 6],
        ['b.html', 6]
      ]),
      options,
      fake
    )
    expect(fake.events).toEqual([
      'local keys site/a.html site/b.html',
      'page 1',
      'read /site/a.html',
      'page 2',
      'read /site/b.html'
    ])
  })

  it('lists no deletions without delete, and leaves excluded files and objects alone', async () => {
    const fake = deps([[object('site/gone.html', 6), object('site/app.js.map', 6)]])
    // walkSource leaves excluded files out; here the objects are excluded as the sync's --delete side does.
    const result = await findChanges(
      tree([]),
      { ...options, delete: false, filters: compileFilters(['*.map']) },
      fake
    )
    expect(result.changes).toEqual([])
    expect(result.excludedObjects).toBe(1)
    // A sync without delete keeps both; an excluded object stays whatever delete says.
    expect(result.inventory).toEqual(['site/app.js.map', 'site/gone.html'])
    const withDelete = await findChanges(
      tree([['index.html', 6]]),
      { ...options, filters: compileFilters(['*.map']) },
      deps([[object('site/gone.html', 6), object('site/app.js.map', 6)]])
    )
    expect(withDelete.inventory).toEqual(['site/app.js.map', 'site/index.html'])
  })

  it('fails when the listing fails, after the walk', async () => {
    const failing: FindDeps = {
      list: async () => {
        throw new UserError('Access denied to s3:ListBucket')
      },
      compare: deps([]).compare
    }
    const error = await rejectionOf(findChanges(tree([]), options, failing), UserError)
    expect(error.message).toBe('Access denied to s3:ListBucket')
  })
})

describe('findChanges with files the sync cannot read', () => {
  const unreadableTree = (): Promise<LocalTree> =>
    Promise.resolve({
      files: [
        ['a.html', 6],
        ['secret.html', 6],
        ['secret-new.html', 6]
      ].map(([relative, size]) => ({
        relative: relative as string,
        path: `/site/${relative}`,
        size: size as number
      })),
      unreadable: [{ relative: 'private/', reason: 'EACCES' }],
      excluded: 0
    })
  const pages = () => [
    [object('site/a.html', 6), object('site/private/p.html', 6), object('site/secret.html', 6)]
  ]
  const blocked = (path: string) => Promise.resolve(path.includes('secret') ? 'EACCES' : undefined)

  it('deletes their objects with delete, adds none of them, and says how many objects each had', async () => {
    const result = await findChanges(unreadableTree(), options, {
      ...deps(pages(), ['/site/secret.html']),
      unreadable: blocked
    })
    expect(result.changes.map(change => `${change.kind} ${change.key}`)).toEqual([
      'deleted site/private/p.html',
      'deleted site/secret.html'
    ])
    expect(result.changes[1]?.why).toBe(
      'the file is not readable here (EACCES): aws s3 sync skips it, and --delete deletes the object'
    )
    expect(result.inventory).toEqual(['site/a.html'])
    expect(result.unreadable).toEqual([
      { relative: 'private/', reason: 'EACCES', objects: 1 },
      { relative: 'secret-new.html', reason: 'EACCES', objects: 0 },
      { relative: 'secret.html', reason: 'EACCES', objects: 1 }
    ])
  })

  it('leaves their objects without delete', async () => {
    const result = await findChanges(
      unreadableTree(),
      { ...options, delete: false },
      {
        ...deps(pages(), ['/site/secret.html']),
        unreadable: blocked
      }
    )
    expect(result.changes).toEqual([])
    expect(result.inventory).toEqual(['site/a.html', 'site/private/p.html', 'site/secret.html'])
  })
})
