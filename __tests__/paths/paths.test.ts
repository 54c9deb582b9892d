import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import {
  MAX_PATH_LENGTH,
  MAX_TAG_LENGTH,
  WildcardCover,
  dropCoveredPaths,
  encodePath,
  normaliseItem,
  normalisePath,
  preparePaths,
  resolvePath,
  splitLines,
  splitPathsInput
} from '../../src/paths/paths.js'

describe('splitLines', () => {
  it.each([
    ['LF', '/a\n/b\n', ['/a', '/b']],
    ['CRLF from a Windows runner', '/a\r\n/b\r\n', ['/a', '/b']],
    ['old Mac CR', '/a\r/b', ['/a', '/b']],
    ['a UTF-8 byte order mark', '\uFEFF/a\n/b', ['/a', '/b']],
    ['blank and whitespace-only lines', '\n/a\n\n   \n\t\n/b\n\n', ['/a', '/b']],
    ['surrounding spaces and tabs', '  /a  \n\t/b\t', ['/a', '/b']],
    ['an empty input', '', []],
    ['spaces inside a line', '/my file.html', ['/my file.html']]
  ])('handles %s', (_, text, expected) => {
    expect(splitLines(text)).toEqual(expected)
  })
})

describe('encodePath', () => {
  it.each([
    ['a space', '/my file.html', '/my%20file.html'],
    ['a tab', '/a\tb', '/a%09b'],
    ['DEL', '/a\x7fb', '/a%7Fb'],
    ['ü as two UTF-8 bytes', '/über.html', '/%C3%BCber.html'],
    ['a CJK character as three UTF-8 bytes', '/日.html', '/%E6%97%A5.html'],
    // U+1F600 is the surrogate pair D83D DE00 in JavaScript, one 4-byte sequence in UTF-8.
    ['an emoji (surrogate pair) as four UTF-8 bytes', '/😀.png', '/%F0%9F%98%80.png'],
    ['two emoji in a row', '/😀😀', '/%F0%9F%98%80%F0%9F%98%80']
  ])('encodes %s', (_, path, expected) => {
    expect(encodePath(path)).toBe(expected)
  })

  // The RFC 1738 unsafe characters, with their ASCII codes.
  it.each([
    ['"', '%22'],
    ['<', '%3C'],
    ['>', '%3E'],
    ['{', '%7B'],
    ['}', '%7D'],
    ['|', '%7C'],
    ['\\', '%5C'],
    ['^', '%5E'],
    ['`', '%60'],
    ['[', '%5B'],
    [']', '%5D']
  ])('encodes the unsafe character %s as %s', (ch, encoded) => {
    expect(encodePath(`/a${ch}b`)).toBe(`/a${encoded}b`)
  })

  it.each([
    ['a lone % in the middle', '/100%.html', '/100%25.html'],
    ['a % at the end', '/100%', '/100%25'],
    ['a % followed by one hex digit at the end', '/a%2', '/a%252'],
    ['a % followed by non-hex', '/a%zz', '/a%25zz']
  ])('encodes %s as %25', (_, path, expected) => {
    expect(encodePath(path)).toBe(expected)
  })

  it.each(['/a%2Fb', '/my%20file.html', '/a%2fb', '/%C3%BCber.html'])(
    'leaves the existing escape in %s alone',
    path => {
      expect(encodePath(path)).toBe(path)
    }
  )

  it('leaves the characters RFC 1738 calls safe or reserved alone', () => {
    const safe = "/AZaz09~-_.!$&'()*+,;=:@/?"
    expect(encodePath(safe)).toBe(safe)
  })

  it.each(['/my file.html', '/über 100%.html', '/a"b<c>/😀/%2F', '/plain/path.css'])(
    'never double-encodes: encoding %s twice changes nothing more',
    path => {
      const once = encodePath(path)
      expect(encodePath(once)).toBe(once)
    }
  )

  it.each(['/my file.html', '/über/日本/😀.png', '/a{b}|c^d`e[f]g"h<i>'])(
    'encodes %s so that URL decoding gives the original back',
    path => {
      expect(decodeURIComponent(encodePath(path))).toBe(path)
    }
  )
})

describe('normalisePath', () => {
  it.each([
    ['index.html', '/index.html'],
    ['/index.html', '/index.html'],
    ['images/*', '/images/*'],
    ['*', '/*'],
    ['/docs/my file.html', '/docs/my%20file.html']
  ])('makes %s into %s', (raw, expected) => {
    expect(normalisePath(raw, 'paths')).toBe(expected)
  })

  it.each(['/images/*.jpg', '*/index.html', '/a*b*', '/**'])(
    'rejects %s, whose * is not the last character, naming the input',
    raw => {
      const attempt = () => normalisePath(raw, 'paths-file changed.txt')
      expect(attempt).toThrow(UserError)
      expect(attempt).toThrow('paths-file changed.txt:')
      expect(attempt).toThrow(raw)
    }
  )

  it(`accepts a path of exactly ${MAX_PATH_LENGTH} characters`, () => {
    const path = '/' + 'a'.repeat(MAX_PATH_LENGTH - 1)
    expect(normalisePath(path, 'paths')).toBe(path)
  })

  it(`rejects a path longer than ${MAX_PATH_LENGTH} characters, naming the input`, () => {
    const attempt = () => normalisePath('/' + 'a'.repeat(MAX_PATH_LENGTH), 'paths')
    expect(attempt).toThrow(UserError)
    expect(attempt).toThrow(/^paths: .*4001 characters/)
  })

  it('counts the length once encoded: 1,400 spaces become 4,200 characters', () => {
    const attempt = () => normalisePath('/' + ' '.repeat(1400), 'paths')
    expect(attempt).toThrow(UserError)
    expect(attempt).toThrow('4201 characters')
  })
})

describe('preparePaths', () => {
  it.each([
    ['repeats, keeping the first-seen order', ['/b', '/a', '/b', '/a'], ['/b', '/a']],
    ['a path given with and without its leading /', ['a.html', '/a.html'], ['/a.html']],
    ['a raw and an already-encoded space', ['/my file.html', '/my%20file.html'], ['/my%20file.html']],
    ['a raw and an already-encoded ü', ['/%C3%BCber', '/über'], ['/%C3%BCber']]
  ])('drops %s', (_, items, expected) => {
    expect(preparePaths(items, 'paths')).toEqual(expected)
  })

  it('names the source input when one item is invalid', () => {
    expect(() => preparePaths(['/ok', '/bad*/x'], 'paths')).toThrow(/^paths: "\/bad\*\/x"/)
  })
})

// The paths users list after a deploy, and what is sent for each. CloudFront matches the path a viewer
// requested, as the browser encoded it, so the table follows what a browser sends.
describe('tricky paths, as sent', () => {
  it.each([
    ['a space', 'docs/read me.html', '/docs/read%20me.html'],
    ['UTF-8 (ü, 日, emoji)', '/über/日/😀.png', '/%C3%BCber/%E6%97%A5/%F0%9F%98%80.png'],
    ['a % alone', '/100%', '/100%25'],
    ['a % before a space', '/50% off.html', '/50%25%20off.html'],
    ['an encoded slash %2F, kept as it is', '/a%2Fb', '/a%2Fb'],
    ['a lower-case escape, kept as it is', '/a%2fb', '/a%2fb'],
    ['~, which browsers send as it is', '/~user/index.html', '/~user/index.html'],
    ['a query string, kept: it names one cached version', '/search?q=a&page=2', '/search?q=a&page=2'],
    ['a query string with a space', '/s?q=a b', '/s?q=a%20b'],
    ['a # inside a path, which browsers send encoded', '/docs/c#.html', '/docs/c%23.html'],
    ['a trailing /, a different object than the index file', '/blog/', '/blog/'],
    ['the root', '/', '/'],
    ['no leading /', 'index.html', '/index.html'],
    ['a wildcard after a query string', '/s.html?v=*', '/s.html?v=*'],
    ['a cache tag, sent as it is', '#product:tv', '#product:tv'],
    ['a cache tag with visible ASCII punctuation', '#a/b%c~d?e=f', '#a/b%c~d?e=f']
  ])('%s: %j -> %j', (_, raw, expected) => {
    expect(normaliseItem(raw, 'paths')).toBe(expected)
  })

  it(`accepts a long path of ${MAX_PATH_LENGTH} characters once encoded, and not one more`, () => {
    const dirs = 'dir/'.repeat(999)
    expect(normaliseItem(`/${dirs}abc`, 'paths')).toHaveLength(MAX_PATH_LENGTH)
    expect(() => normaliseItem(`/${dirs}abcd`, 'paths')).toThrow(/4001 characters/)
  })
})

describe('cache tags', () => {
  it(`accepts a tag of ${MAX_TAG_LENGTH} characters after the #`, () => {
    const tag = '#' + 't'.repeat(MAX_TAG_LENGTH)
    expect(normaliseItem(tag, 'paths')).toBe(tag)
  })

  it.each([
    [
      'too long',
      '#' + 't'.repeat(MAX_TAG_LENGTH + 1),
      /^paths: "#t+…" is a cache tag .* of 257 characters; CloudFront accepts 1 to 256/
    ],
    ['empty', '#', /^paths: "#" is a cache tag .* of 0 characters/],
    ['a wildcard', '#product:*', /^paths: "#product:\*" is a cache tag .* no wildcard/],
    ['a space', '#a b', /^paths: "#a b" is a cache tag .* no space and no comma/],
    ['a comma', '#a,b', /^paths: "#a,b" is a cache tag .* no space and no comma/],
    ['non-ASCII', '#über', /^paths: "#über" is a cache tag .* only visible ASCII/]
  ])('rejects a tag that is %s, naming the input', (_, raw, message) => {
    const attempt = () => normaliseItem(raw, 'paths')
    expect(attempt).toThrow(UserError)
    expect(attempt).toThrow(message)
  })

  it('dedupes tags without regard to case, keeping the first spelling; paths keep their case', () => {
    expect(preparePaths(['#News', '/A.html', '#news', '/a.html', '#NEWS'], 'paths')).toEqual([
      '#News',
      '/A.html',
      '/a.html'
    ])
  })
})

describe('splitPathsInput', () => {
  it.each([
    ['paths and tags on one line', '/a #b,/c', ['/a', '#b', '/c']],
    ['a path with a space, as one path', '/docs/read me.html', ['/docs/read me.html']],
    ['a line where one piece has no /', '/a b', ['/a b']],
    ['each line by the same rule', '/a /b\n/c\n/d e.html', ['/a', '/b', '/c', '/d e.html']],
    ['lines of one path each', '/a\n/b', ['/a', '/b']]
  ])('reads %s', (_, text, expected) => {
    expect(splitPathsInput(text)).toEqual(expected)
  })
})

describe('WildcardCover and dropCoveredPaths', () => {
  it.each([
    [['/a/*'], '/a/b.html', '/a/'],
    [['/a/*'], '/a/b/c/*', '/a/'],
    [['/*'], '/anything?at=all', '/'],
    [['/a*'], '/ab.html', '/a'],
    [['/a/b*', '/a/*'], '/a/b/c', '/a/'],
    [['/b/*', '/a/*', '/c/*'], '/b/x', '/b/'],
    [['/a/*'], '/a', undefined],
    [['/a/*'], '/b/a/x', undefined],
    [['/ab*', '/a/*'], '/aa', undefined]
  ])('with %j, %s is covered by %j', (wildcards, path, prefix) => {
    const cover = new WildcardCover(wildcards)
    const index = cover.indexOf(path)
    expect(index === -1 ? undefined : cover.prefixes[index]).toBe(prefix)
  })

  it('keeps only the widest of nested wildcards', () => {
    expect(new WildcardCover(['/a/b/*', '/a/*', '/a/b/c*', '/b*', '/b/c/*']).prefixes).toEqual(['/a/', '/b'])
  })

  it('drops covered paths and wildcards, keeps first-seen order, and leaves tags alone', () => {
    const items = ['/z.html', '/a/1', '#a', '/a/b/*', '/a/*', '/ab', '/a*x', '/b']
    // /a/*x is not a wildcard CloudFront accepts; here /a*x only shows that a * inside is not a wildcard.
    expect(dropCoveredPaths(items)).toEqual(['/z.html', '#a', '/a/*', '/ab', '/a*x', '/b'])
  })

  it('agrees with a plain scan on random paths', () => {
    const names = ['a', 'b', 'ab', 'a/', 'b/c', '/', 'a/b']
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pick = () => names[Math.floor(random() * names.length)] as string
    let dropped = 0
    for (let round = 0; round < 200; round++) {
      const items = [
        ...new Set(Array.from({ length: 12 }, () => `/${pick()}${pick()}${random() < 0.3 ? '*' : ''}`))
      ]
      const wildcards = items.filter(item => item.endsWith('*'))
      const coveredByOther = (item: string) =>
        wildcards.some(wildcard => wildcard !== item && item.startsWith(wildcard.slice(0, -1)))
      const expected = items.filter(item => !coveredByOther(item))
      dropped += items.length - expected.length
      expect(dropCoveredPaths(items)).toEqual(expected)
    }
    expect(dropped).toBeGreaterThan(100)
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
