import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { inventoryFileText, pathsFileText } from '../../src/changes/report.js'
import { resolvePath, splitLines } from '../../src/paths/paths.js'
import { describeNotes } from '../../src/report/report.js'
import {
  PathReader,
  browserPath,
  readIndexDocument,
  readInventory,
  readLine,
  readOriginPath
} from '../../src/paths/sources.js'

const read = (lines: string[], options = { originPath: '', indexDocument: '' }) =>
  new PathReader(options).add(lines, 'paths-file sync.txt')

describe('readLine: what a line names', () => {
  it.each([
    ['a URL path', '/docs/a.html', { kind: 'path', text: '/docs/a.html' }],
    ['a cache tag', '#product:tv', { kind: 'path', text: '#product:tv' }],
    ['a relative path', 'index.html', { kind: 'path', text: 'index.html' }],
    [
      'an https URL: path and query, fragment dropped',
      'https://www.example.com/a b.html?v=1#top',
      { kind: 'url', text: '/a%20b.html?v=1' }
    ],
    ['an http URL with dot segments', 'HTTP://example.com/a/../b.html', { kind: 'url', text: '/b.html' }],
    [
      'an S3 URI, key raw',
      's3://my-bucket/100%.html',
      { kind: 'key', key: '100%.html', from: 's3', uri: 's3://my-bucket/100%.html', bucket: 'my-bucket' }
    ],
    [
      'an upload line, a key with spaces and " to "',
      'upload: build/how to a b.html to s3://b/how to a b.html',
      { kind: 'key', key: 'how to a b.html', from: 'cli', uri: 's3://b/how to a b.html', bucket: 'b' }
    ],
    [
      'an upload line whose key holds " to s3://"',
      'upload: build/x to s3://y.html to s3://b/x to s3://y.html',
      { kind: 'key', key: 'x to s3://y.html', from: 'cli', uri: 's3://b/x to s3://y.html', bucket: 'b' }
    ],
    [
      'a copy line',
      'copy: s3://a/k.html to s3://b/k2.html',
      { kind: 'key', key: 'k2.html', from: 'cli', uri: 's3://b/k2.html', bucket: 'b' }
    ],
    [
      'a move line',
      'move: build/k.html to s3://b/k.html',
      { kind: 'key', key: 'k.html', from: 'cli', uri: 's3://b/k.html', bucket: 'b' }
    ],
    [
      'a delete line',
      'delete: s3://b/old.html',
      { kind: 'key', key: 'old.html', from: 'cli', uri: 's3://b/old.html', bucket: 'b', deleted: true }
    ],
    ['a local delete of a download sync', 'delete: build/old.html', { kind: 'ignored' }],
    ['a move to a local file', 'move: s3://b/k.html to build/k.html', { kind: 'ignored' }],
    ['progress', 'Completed 1.2 MiB/3.4 MiB (1.1 MiB/s) with 3 file(s) remaining', { kind: 'ignored' }],
    ['a dry run line', '(dryrun) upload: a.html to s3://b/a.html', { kind: 'ignored' }],
    ['a warning', 'warning: Skipping file /x. File does not exist.', { kind: 'ignored' }],
    ['a failure', 'upload failed: a.html to s3://b/a.html An error occurred', { kind: 'ignored' }],
    ['a download', 'download: s3://b/a.html to a.html', { kind: 'ignored' }],
    [
      'a Windows upload line: the local half has \\, the key is taken raw',
      'upload: build\\docs\\a.js to s3://b/docs/a.js',
      { kind: 'key', key: 'docs/a.js', from: 'cli', uri: 's3://b/docs/a.js', bucket: 'b' }
    ],
    [
      'a delete line of a key holding \\',
      'delete: s3://b/old\\thing.js',
      {
        kind: 'key',
        key: 'old\\thing.js',
        from: 'cli',
        uri: 's3://b/old\\thing.js',
        bucket: 'b',
        deleted: true
      }
    ]
  ])('%s', (_, line, expected) => {
    expect(readLine(line)).toEqual(expected)
  })

  it('names a line that starts like a URL but is not one', () => {
    expect(() => readLine('https://')).toThrow(UserError)
  })
})

describe('browserPath: a link to the key that escapes only %, ?, # and \\, as the WHATWG URL parser reads it', () => {
  it.each([
    ['index.html', '/index.html'],
    ['a b.html', '/a%20b.html'],
    ['100%.html', '/100%25.html'],
    ['q?.html', '/q%3F.html'],
    ['c#.html', '/c%23.html'],
    ['über/日.png', '/%C3%BCber/%E6%97%A5.png'],
    ['a+b.html', '/a+b.html'],
    ["it's.html", "/it's.html"],
    ['"q".html', '/%22q%22.html'],
    ['runtime~main.js', '/runtime~main.js'],
    ['a|[b]^.html', '/a|[b]%5E.html'],
    ['a/../b.html', '/b.html'],
    ['a/./b/.', '/a/b/'],
    // A key's \ is a character of its name, not a separator: the object old\b.html is another than old/b.html.
    ['old\\b.html', '/old%5Cb.html'],
    ['a\\..\\b.html', '/a%5C..%5Cb.html'],
    ['%5C.html', '/%255C.html'],
    ['%2e%2e/x', '/%252e%252e/x']
  ])('%j -> %j', (key, path) => {
    expect(browserPath(key)).toBe(path)
  })
})

describe('resolvePath: dot segments and \\ in URL paths, as WHATWG resolves them', () => {
  const cases = [
    '/a/../b',
    '/a/./b',
    '/a/b/..',
    '/a/b/.',
    '/..',
    '/a/%2e%2E/b',
    '/a/.%2e',
    '/a\\b\\..\\c',
    '/a//./b',
    '/a/..?q=/../x',
    '/.well-known/a',
    '/a/...'
  ]
  it.each(cases)('%s as new URL() resolves it', path => {
    const url = new URL(`https://h${path}`)
    expect(resolvePath(path)).toBe(url.pathname + url.search)
  })
})

describe('PathReader', () => {
  it('keeps plain URL paths as before: existing escapes, cache tags, a leading / added', () => {
    expect(read(['/a%2Fb', '#News', 'docs/read me.html', '/s?q=a b']).items).toEqual([
      '/a%2Fb',
      '#News',
      '/docs/read%20me.html',
      '/s?q=a%20b'
    ])
  })

  it('reads copied forms as the path browsers request: URLs, \\, dot segments', () => {
    expect(read(['https://www.example.com/a.html', 'build\\app.js', '/a/../b.html']).items).toEqual([
      '/a.html',
      '/build/app.js',
      '/b.html'
    ])
  })

  it('reads \\ in a key as a character of its name (%5C), and in a URL path or URL as /', () => {
    const reader = read([
      's3://b/old\\thing.js',
      'delete: s3://b/old\\gone.js',
      'upload: build\\old\\new.js to s3://b/old\\new.js',
      'upload: build\\docs\\a.js to s3://b/docs/a.js',
      '/old\\thing.js',
      'old\\b.js',
      'https://www.example.com/old\\c.js'
    ])
    expect(reader.items).toEqual([
      '/old%5Cthing.js',
      '/old%5Cgone.js',
      '/old%5Cnew.js',
      '/docs/a.js',
      '/old/thing.js',
      '/old/b.js',
      '/old/c.js'
    ])
    expect(reader.notes).toMatchObject({ cliKeys: 3, s3Keys: 1, urls: 1 })
  })

  // An S3 REST origin serves a+b.html only at /a%2Bb.html (it reads + as a space); a website endpoint at /a+b.html.
  it('sends a key holding + in both forms, counted once as a changed object, and a URL path as written', () => {
    const reader = read(
      [
        's3://b/c++/index.html',
        'upload: build/a+b.js to s3://b/a+b.js',
        'delete: s3://b/a+b.js',
        's3://b/x+~y.js',
        '/url+path.js'
      ],
      { originPath: '', indexDocument: 'index.html' }
    )
    expect(reader.items).toEqual([
      '/c++/index.html',
      '/c++/',
      '/c%2B%2B/index.html',
      '/c%2B%2B/',
      '/a+b.js',
      '/a%2Bb.js',
      '/x+*',
      '/x%2B*',
      '/url+path.js'
    ])
    expect(reader.notes.plusKeys).toBe(3)
    expect(reader.objectPaths()).toEqual(['/c++/index.html', '/a+b.js', '/url+path.js', '/x+~y.js'])
  })

  it('says in the log which keys holding + went in both forms, and why', () => {
    const reader = read(['s3://b/a+b.js', 's3://b/c+d.js', 's3://b/a+b.js'])
    expect(describeNotes(reader.notes).info).toEqual([
      'Read as S3 keys: 3 s3:// URIs; sent 2 keys holding + also with %2B, the URL an S3 REST origin serves it at.'
    ])
  })

  it('encodes a raw key as a browser requests it: 100%.html is /100%25.html', () => {
    expect(read(['s3://b/100%.html', 's3://b/a b.html', 's3://b/a|b.html']).items).toEqual([
      '/100%25.html',
      '/a%20b.html',
      '/a%7Cb.html'
    ])
  })

  it('still fails on a * inside a path the user wrote', () => {
    expect(() => read(['/images/*.jpg'])).toThrow(
      /^paths-file sync.txt: "\/images\/\*\.jpg" has a \* that is not its last/
    )
  })

  it('covers a raw ~ and a * inside a key with the narrowest wildcard, counted once per path', () => {
    const reader = read([
      'upload: build/static/js/runtime~main.1.js to s3://b/static/js/runtime~main.1.js',
      'upload: build/static/js/runtime~vendor.2.js to s3://b/static/js/runtime~vendor.2.js',
      'delete: s3://b/static/js/runtime~main.1.js',
      's3://b/img/a*b.png',
      '/~user/a.html'
    ])
    expect(reader.items).toEqual(['/static/js/runtime*', '/img/a*', '/*'])
    expect(reader.notes.covering).toEqual([
      { path: '/static/js/runtime*', character: '~', covers: 2, example: '/static/js/runtime~main.1.js' },
      { path: '/img/a*', character: '*', covers: 1, example: '/img/a*b.png' },
      { path: '/*', character: '~', covers: 1, example: '/~user/a.html' }
    ])
    expect(reader.notes.cliKeys).toBe(3)
  })

  it('counts CLI lines taken as keys and the others ignored', () => {
    const reader = read([
      'Completed 1 file(s) with 2 file(s) remaining',
      'upload: a.html to s3://b/a.html',
      'warning: Skipping file x.',
      's3://b/c.html',
      'https://example.com/d.html'
    ])
    expect(reader.items).toEqual(['/a.html', '/c.html', '/d.html'])
    expect(reader.notes).toMatchObject({ cliKeys: 1, cliIgnored: 2, s3Keys: 1, urls: 1 })
  })

  // Pasted from other tools, each was sent as a path nothing requests (`- /a.html` as /-%20/a.html).
  it.each([
    ['a YAML list item', '- /a.html', /is a YAML list item\. Give one path a line, without "- "/],
    ['a JSON array', '["/a.html","/b.html"]', /looks like a JSON array/],
    ['a quoted path', '"/a.html"', /is in quotes\. Remove the quotes/],
    ['a Windows file path', 'C:\\site\\build\\a.html', /is a local file path/],
    ['a UNC path', '\\\\server\\share\\a.html', /is a local file path/],
    ['aws s3 ls output', '2024-01-01 10:00:00       1234 index.html', /is a line of aws s3 ls/],
    ['an aws s3 ls folder', '                           PRE assets/', /is a line of aws s3 ls/],
    [
      'a JSON name-value line of aws s3api',
      '"Key": "docs/a.html",',
      /is a line of JSON output\. .*s3:\/\/bucket\/key/
    ],
    ['JSON punctuation', '},', /is a line of JSON output/],
    [
      'keys of aws s3api --query Contents[].Key --output text',
      'docs/a.html\tdocs/b.html\tindex.html',
      /holds a tab, which no browser sends in a URL \(aws s3api … --output text/
    ],
    [
      'a line of aws s3api --output text',
      'CONTENTS\t"9b2cf535f27731c974343645a3985328"\tdocs/a.html\t2024-01-01T10:00:00.000Z\t1234\tSTANDARD',
      /holds a tab/
    ]
  ])('refuses %s, naming the input and the line', (_what, line, message) => {
    expect(() => read([line.trim()])).toThrow(UserError)
    expect(() => read([line.trim()])).toThrow(new RegExp(`^paths-file sync\\.txt: "`))
    expect(() => read([line.trim()])).toThrow(message)
  })

  it('still reads a bare name, and a key-like path, from the root', () => {
    expect(read(['index.html', 'docs/-draft.html', "it's.html"]).items).toEqual([
      '/index.html',
      '/docs/-draft.html',
      "/it's.html"
    ])
  })

  it('fails on an s3:// URI that names no object', () => {
    expect(() => read(['s3://my-bucket/'])).toThrow(/names a bucket, not an object/)
  })

  describe('origin-path', () => {
    const options = { originPath: '/prod', indexDocument: '' }
    it('maps a key under it to the path after it; URL paths stay as written', () => {
      expect(
        read(['s3://b/prod/a.html', 'upload: x to s3://b/prod/', '/prod/a.html'], options).items
      ).toEqual(['/a.html', '/', '/prod/a.html'])
    })

    it.each(['s3://b/staging/a.html', 'delete: s3://b/prod', 's3://b/production/a.html'])(
      'fails on a key outside it, naming origin-path and the key: %s',
      line => {
        const attempt = () => read([line], options)
        expect(attempt).toThrow(UserError)
        expect(attempt).toThrow(
          /^origin-path: the key ".*" \(paths-file sync.txt\) is not under the origin path \/prod/
        )
      }
    )

    it.each([
      ['', ''],
      ['/prod', '/prod'],
      [' /a/b ', '/a/b']
    ])('reads %j as %j', (raw, value) => {
      expect(readOriginPath(raw)).toBe(value)
    })

    it.each([
      ['prod', /does not start with \/.*\/prod\)/],
      ['/prod/', /ends with \/.*\/prod\)/],
      ['/', /is only \//],
      ['s3://bucket/prod', /is a URI/],
      ['/a/../b', /not a folder path/],
      ['/a*', /not a folder path/]
    ])('rejects %j with a UserError naming origin-path', (raw, message) => {
      expect(() => readOriginPath(raw)).toThrow(UserError)
      expect(() => readOriginPath(raw)).toThrow(new RegExp(`^origin-path: .*${message.source}`))
    })
  })

  describe('index-document', () => {
    const options = { originPath: '', indexDocument: 'index.html' }
    it('adds the directory of each index document, and records why', () => {
      const reader = read(
        ['/docs/index.html', 's3://b/index.html', '/docs/', '/a/myindex.html', '/x/index.html?v=1'],
        options
      )
      expect(reader.items).toEqual([
        '/docs/index.html',
        '/docs/',
        '/index.html',
        '/',
        '/a/myindex.html',
        '/x/index.html?v=1'
      ])
      expect(reader.notes.indexAdded).toEqual([
        { path: '/docs/', because: '/docs/index.html' },
        { path: '/', because: '/index.html' }
      ])
    })

    it('adds nothing when empty', () => {
      expect(read(['/docs/index.html']).items).toEqual(['/docs/index.html'])
    })

    it('matches an encoded name, and covers a directory CloudFront refuses', () => {
      const reader = read(['s3://b/~me/índice.html'], { originPath: '', indexDocument: 'índice.html' })
      expect(reader.items).toEqual(['/*'])
      expect(reader.notes.covering[0]).toMatchObject({ path: '/*', covers: 2 })
    })

    it.each(['a/index.html', '*.html', '..'])('rejects %j, naming index-document', raw => {
      expect(() => readIndexDocument(raw)).toThrow(/^index-document: /)
    })
  })
})

describe('readInventory: keys holding \\, as the changes action writes them', () => {
  it('matches a changed key against the same key in the inventory, and keeps old/thing.js apart', () => {
    const changes = [{ key: 'site/old\\thing.js', kind: 'changed' as const, why: 'size' }]
    const options = { originPath: '/site', indexDocument: '' }
    const changed = new PathReader(options).add(splitLines(pathsFileText('b', changes)), 'paths-file')
    expect(changed.items).toEqual(['/old%5Cthing.js'])
    const { text } = inventoryFileText('b', ['site/old\\thing.js', 'site/old/thing.js', 'site/a\\b\\c.js'])
    expect(readInventory(splitLines(text), 'inventory-file', options, changed)).toEqual({
      objects: 3,
      unchanged: ['/old/thing.js', '/a%5Cb%5Cc.js'],
      missing: 0,
      missingPaths: []
    })
  })
})

describe('readInventory: keys holding +', () => {
  it('counts a changed key holding + as one object the inventory holds, whatever its two forms', () => {
    const options = { originPath: '', indexDocument: '' }
    const changed = new PathReader(options).add(['s3://b/a+b.js'], 'paths-file')
    const inventory = readInventory(['s3://b/a+b.js', 's3://b/c+d.js'], 'inventory-file', options, changed)
    expect(inventory).toEqual({ objects: 2, unchanged: ['/c+d.js'], missing: 0, missingPaths: [] })
  })
})

describe('PathReader.objects: the S3 object behind each path, for verify', () => {
  const options = { originPath: '/site', indexDocument: 'index.html', keepObjects: true }

  it('keeps the bucket and key of keys, their index directory and + form, and what the sync deleted', () => {
    const reader = new PathReader(options).add(
      [
        'upload: public/docs/index.html to s3://bucket/site/docs/index.html',
        'delete: s3://bucket/site/old.html',
        's3://other/site/a+b.html',
        '/plain.html'
      ],
      'paths'
    )
    expect([...reader.objects]).toEqual([
      ['/docs/index.html', { s3: { bucket: 'bucket', key: 'site/docs/index.html' } }],
      ['/docs/', { s3: { bucket: 'bucket', key: 'site/docs/index.html' } }],
      [
        '/old.html',
        { s3: { bucket: 'bucket', key: 'site/old.html' }, deleted: 'a delete: line of the sync output' }
      ],
      ['/a+b.html', { s3: { bucket: 'other', key: 'site/a+b.html' } }],
      ['/a%2Bb.html', { s3: { bucket: 'other', key: 'site/a+b.html' } }]
    ])
  })

  it('keeps nothing unless asked: a step without verify pays nothing for it', () => {
    const reader = new PathReader({ ...options, keepObjects: false }).add(
      ['s3://bucket/site/a.html'],
      'paths'
    )
    expect(reader.objects.size).toBe(0)
  })
})
