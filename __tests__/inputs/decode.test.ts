import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { decodePathsFile, firstInvalidUtf8 } from '../../src/inputs/decode.js'

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le')
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le.map((_, i) => le[i ^ 1] as number))])
}

describe('decodePathsFile', () => {
  it.each([
    ['UTF-8', Buffer.from('/a\n/über\n')],
    ['UTF-8 with a byte order mark', Buffer.from('\uFEFF/a\n/über\n')],
    ['UTF-16 LE with a byte order mark (Windows PowerShell 5.1 Out-File)', utf16le('/a\n/über\n')],
    ['UTF-16 BE with a byte order mark', utf16be('/a\n/über\n')]
  ])('reads %s', (_, bytes) => {
    expect(decodePathsFile(bytes, 'changed.txt')).toBe('/a\n/über\n')
  })

  it('reads an emoji (a surrogate pair) in UTF-16', () => {
    expect(decodePathsFile(utf16le('/😀.png'), 'f')).toBe('/😀.png')
  })

  it('fails on Windows-1252, naming the file, the line, the byte and the fix', () => {
    const bytes = Buffer.concat([
      Buffer.from('/a.html\r\n/caf'),
      Buffer.from([0xe9]),
      Buffer.from('.html\r\n')
    ])
    const attempt = () => decodePathsFile(bytes, 'changed.txt')
    expect(attempt).toThrow(UserError)
    expect(attempt).toThrow(
      /^paths-file: changed.txt is not UTF-8: line 2 has the byte 0xE9 \(in Windows-1252, "é"\).*Save it as UTF-8/
    )
  })

  it('fails on UTF-16 without a byte order mark: NUL characters', () => {
    expect(() => decodePathsFile(Buffer.from('/a\n/b', 'utf16le'), 'changed.txt')).toThrow(
      /^paths-file: changed.txt line 1 holds a NUL character \(a UTF-16 file without a byte order mark.*Save it as UTF-8/
    )
  })

  it('fails on UTF-16 without a byte order mark holding non-ASCII as UTF-16, not as Windows-1252', () => {
    expect(() => decodePathsFile(Buffer.from('/a\n/café.html\n', 'utf16le'), 'changed.txt')).toThrow(
      /^paths-file: changed.txt line 1 holds a NUL character \(a UTF-16 file without a byte order mark/
    )
  })

  it('fails on a NUL on a later line', () => {
    expect(() => decodePathsFile(Buffer.from('/a\n/b\n/c\0'), 'f')).toThrow(/line 3 holds a NUL/)
  })

  it('fails on UTF-16 cut in the middle of a character, naming the line', () => {
    const cut = utf16le('/a\n/b').subarray(0, -1)
    expect(() => decodePathsFile(cut, 'f')).toThrow(
      /UTF-16 LE byte order mark, but is not valid UTF-16 \(line 2/
    )
  })
})

describe('firstInvalidUtf8', () => {
  it.each([
    ['valid text', Buffer.from('aü日😀'), 10],
    ['a lone continuation byte', Buffer.from([0x61, 0x80]), 1],
    ['an overlong /', Buffer.from([0x61, 0xc0, 0xaf]), 1],
    ['a surrogate', Buffer.from([0xed, 0xa0, 0x80]), 0],
    ['a cut sequence', Buffer.from([0x61, 0xe6, 0x97]), 1],
    ['past U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0]
  ])('%s', (_, bytes, at) => {
    expect(firstInvalidUtf8(bytes)).toBe(at)
    expect(at === bytes.length).toBe(
      (() => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes)
          return true
        } catch {
          return false
        }
      })()
    )
  })
})
