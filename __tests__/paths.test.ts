import { describe, expect, it } from '@jest/globals'
import { UserError } from '../src/errors.js'
import { MAX_PATH_LENGTH, encodePath, normalisePath, preparePaths, splitLines } from '../src/paths.js'

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
