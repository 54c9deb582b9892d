import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { findChanges, type FindDeps } from '../../src/changes/changes.js'
import { compileFilters } from '../../src/changes/exclude.js'
import { walkSource, type LocalTree } from '../../src/changes/local.js'
import { inventoryFileText, pathsFileText, summaryBlock } from '../../src/changes/report.js'
import type { RemoteObject } from '../../src/changes/s3.js'
import { readChangesSettings, readDestination } from '../../src/changes/settings.js'
import { UserError } from '../../src/common/errors.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

const dir = mkdtempSync(join(tmpdir(), 'changes-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

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

describe('walkSource', () => {
  it('finds every file below the folder, following links, leaving out excluded ones', async () => {
    const source = join(dir, 'site')
    mkdirSync(join(source, 'css'), { recursive: true })
    writeFileSync(join(source, 'index.html'), 'hello\n')
    writeFileSync(join(source, 'css', 'site.css'), 'body{}')
    writeFileSync(join(source, 'css', 'site.css.map'), '{}')
    symlinkSync(join(source, 'index.html'), join(source, 'home.html'))
    symlinkSync(join(dir, 'missing'), join(source, 'dangling.html'))
    symlinkSync(source, join(source, 'css', 'loop'))
    const walked = await walkSource(source, compileFilters(['*.map']))
    expect(walked.files.map(file => [file.relative, file.size]).sort()).toEqual([
      ['css/site.css', 6],
      ['home.html', 6],
      ['index.html', 6]
    ])
    expect(walked.excluded).toBe(1)
  })

  it('fails clearly for a missing folder, and for a file', async () => {
    const missing = await rejectionOf(walkSource(join(dir, 'nope'), []), UserError)
    expect(missing.message).toBe(
      `source: the folder ${join(dir, 'nope')} does not exist. Build the site into it in an earlier step of the same job, or give the folder aws s3 sync uploads, relative to the workspace.`
    )
    writeFileSync(join(dir, 'file.txt'), 'x')
    const file = await rejectionOf(walkSource(join(dir, 'file.txt'), []), UserError)
    expect(file.message).toMatch(/^source: .*file\.txt is a file, not a folder\./)
  })
})

describe('readChangesSettings', () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? ''

  it('reads source relative to the workspace, the destination, delete (default true), exclude and include lines', () => {
    const settings = readChangesSettings(
      inputs({
        source: 'public',
        destination: 's3://my-site/www',
        exclude: '*.map\n\n  drafts/*  \n',
        include: 'drafts/keep.html\r\n'
      }),
      { GITHUB_WORKSPACE: '/home/runner/work/site' }
    )
    expect(settings.source).toBe('/home/runner/work/site/public')
    expect(settings.bucket).toBe('my-site')
    expect(settings.prefix).toBe('www/')
    expect(settings.delete).toBe(true)
    expect(settings.filters.map(rule => [rule.pattern, rule.include])).toEqual([
      ['*.map', false],
      ['drafts/*', false],
      ['drafts/keep.html', true]
    ])
    expect(
      readChangesSettings(inputs({ source: 'p', destination: 's3://b1', delete: 'false' }), {}).delete
    ).toBe(false)
  })

  it('takes s3://bucket, s3://bucket/ and s3://bucket/prefix/ as aws s3 sync does', () => {
    expect(readDestination('s3://my-site')).toEqual({ bucket: 'my-site', prefix: '' })
    expect(readDestination('s3://my-site/')).toEqual({ bucket: 'my-site', prefix: '' })
    expect(readDestination('s3://my-site/a/b/')).toEqual({ bucket: 'my-site', prefix: 'a/b/' })
  })

  it.each(['my-site', 'https://my-site.s3.amazonaws.com/', 's3:/my-site', 's3://', ''])(
    'refuses the destination %j, naming the input and the form',
    raw => {
      expect(() => readDestination(raw)).toThrow(UserError)
      expect(() => readDestination(raw)).toThrow(
        /^destination: .* Use s3:\/\/bucket or s3:\/\/bucket\/prefix/
      )
    }
  )

  it('needs a source, and a real region', () => {
    expect(() => readChangesSettings(inputs({ destination: 's3://b1' }), {})).toThrow(/^source is required/)
    expect(() =>
      readChangesSettings(inputs({ source: 'p', destination: 's3://b1', 'aws-region': 'Frankfurt' }), {})
    ).toThrow(/^aws-region: "Frankfurt" is not an AWS region name/)
  })
})

describe('report', () => {
  it('writes one s3:// URI a line, keys raw', () => {
    expect(
      pathsFileText('b1', [
        { key: 'a b/ü%20.html', kind: 'changed', why: '' },
        { key: '::error::x', kind: 'added', why: '' }
      ])
    ).toBe('s3://b1/a b/ü%20.html\ns3://b1/::error::x\n')
    expect(pathsFileText('b1', [])).toBe('')
  })

  it('fails rather than miss a key with a line break', () => {
    expect(() => pathsFileText('b1', [{ key: 'a\nb', kind: 'deleted', why: '' }])).toThrow(
      /^The deleted object "a\\nb" has a line break in its key/
    )
  })

  it('writes the inventory one s3:// URI a line, leaving out and naming a key with a line break', () => {
    expect(inventoryFileText('b1', ['a b/ü.html', 'x\ny', 'z'])).toEqual({
      text: 's3://b1/a b/ü.html\ns3://b1/z\n',
      leftOut: ['x\ny']
    })
  })

  it('writes the summary as a heading and a table of the counts, the destination escaped', () => {
    expect(summaryBlock('s3://b1/<img src=x>/', { changed: 1, added: 2, deleted: 0, unchanged: 1234 })).toBe(
      [
        '## Changes to <code>s3://b1/&lt;img src=x&gt;/</code>',
        '',
        '| Changed | Added | Deleted | Unchanged | In the paths-file |',
        '| ---: | ---: | ---: | ---: | ---: |',
        '| 1 | 2 | 0 | 1,234 | 3 |',
        ''
      ].join('\n')
    )
    // Markdown applies between inline HTML tags: none of it survives, nor a line break or a table cell's end.
    expect(
      summaryBlock('s3://b1/a*b*_c_`d`[e](f)|g\n## h/', {
        changed: 0,
        added: 0,
        deleted: 0,
        unchanged: 0
      }).split('\n')[0]
    ).toBe('## Changes to <code>s3://b1/a\\*b\\*\\_c\\_\\`d\\`\\[e\\]\\(f\\)\\|g \\#\\# h/</code>')
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
