import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { PathReader } from '../../src/paths/reader.js'
import { notesLog } from '../../src/report/notes.js'

const read = (lines: string[], options = { originPath: '', indexDocument: '' }) =>
  new PathReader(options).add(lines, 'paths-file sync.txt')

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
    expect(notesLog(reader.notes).info).toEqual([
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
