import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { browserPath, readSourceLine } from '../../src/paths/lines.js'

describe('readSourceLine: what a line names', () => {
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
      "an upload line to an access point's ARN, as the AWS CLI takes it",
      'upload: ./a.html to s3://arn:aws:s3:us-east-1:123456789012:accesspoint/myap/docs/a.html',
      {
        kind: 'key',
        key: 'docs/a.html',
        from: 'cli',
        uri: 's3://arn:aws:s3:us-east-1:123456789012:accesspoint/myap/docs/a.html',
        bucket: 'arn:aws:s3:us-east-1:123456789012:accesspoint/myap'
      }
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
    expect(readSourceLine(line)).toEqual(expected)
  })

  it('names a line that starts like a URL but is not one', () => {
    expect(() => readSourceLine('https://')).toThrow(UserError)
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
