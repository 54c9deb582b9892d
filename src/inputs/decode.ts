/**
 * The text of a paths-file, from its bytes: UTF-8 (with or without a byte order mark), or UTF-16 LE or BE
 * with one, as Windows PowerShell 5.1 writes with `Out-File` and `>`. Anything else fails before anything
 * is sent, naming the line: a file misread as UTF-8 would send paths full of U+FFFD, silently.
 */
import { UserError } from '../common/errors.js'

const SAVE_AS_UTF8 =
  'Save it as UTF-8 (in PowerShell: Out-File -Encoding utf8, or Set-Content -Encoding utf8; in an editor: "Save with encoding" UTF-8).'

const NO_BOM_HINT = 'a UTF-16 file without a byte order mark, or a binary file, reads so'

export function decodePathsFile(bytes: Uint8Array, file: string, input = 'paths-file'): string {
  const [b0, b1, b2] = bytes
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8'
  let start = 0
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) start = 3
  else if (b0 === 0xff && b1 === 0xfe) [encoding, start] = ['utf-16le', 2]
  else if (b0 === 0xfe && b1 === 0xff) [encoding, start] = ['utf-16be', 2]
  const body = bytes.subarray(start)

  let text: string
  try {
    // ignoreBOM: the mark was taken off above; another one would be a character of the first line.
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    // A NUL byte says more than the first invalid byte: UTF-16 without a byte order mark, or binary.
    const nul = encoding === 'utf-8' ? body.indexOf(0) : -1
    if (nul !== -1) {
      throw new UserError(
        `${input}: ${file} line ${body.subarray(0, nul).filter(byte => byte === 0x0a).length + 1} holds a NUL character (${NO_BOM_HINT}). ${SAVE_AS_UTF8}`
      )
    }
    throw new UserError(
      encoding === 'utf-8'
        ? notUtf8(body, file, input)
        : `${input}: ${file} starts with a ${encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} byte order mark, but is not valid UTF-16 (line ${utf16Line(body, encoding)} is cut or broken). ${SAVE_AS_UTF8}`
    )
  }
  const nul = text.indexOf('\0')
  if (nul !== -1) {
    const hint = encoding === 'utf-8' ? NO_BOM_HINT : 'paths never hold one'
    throw new UserError(
      `${input}: ${file} line ${lineAt(text, nul)} holds a NUL character (${hint}). ${SAVE_AS_UTF8}`
    )
  }
  return text
}

/** The line (from 1) of a string index. */
function lineAt(text: string, index: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++
  return line
}

function notUtf8(bytes: Uint8Array, file: string, input: string): string {
  const at = firstInvalidUtf8(bytes)
  let line = 1
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++
  const byte = bytes[at] ?? 0
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`
  // Windows-1252 (and Latin-1) is what a Windows tool writes by default: name the character it meant.
  const meant =
    byte >= 0xa0
      ? ` (in Windows-1252, "${new TextDecoder('windows-1252').decode(bytes.subarray(at, at + 1))}")`
      : ''
  return `${input}: ${file} is not UTF-8: line ${line} has the byte ${hex}${meant}, which UTF-8 does not allow there. It may be saved as Windows-1252 or another legacy encoding. ${SAVE_AS_UTF8}`
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] as number
    if (b < 0x80) {
      i++
      continue
    }
    let length = 0
    let min = 0
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80]
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800]
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000]
    else return i
    if (i + length > bytes.length) return i
    let cp = b & (0xff >> (length + 1))
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k] as number
      if ((next & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (next & 0x3f)
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i
    i += length
  }
  return bytes.length
}

function utf16Line(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): number {
  const unit = (i: number) =>
    encoding === 'utf-16le'
      ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8)
      : ((bytes[i] as number) << 8) | (bytes[i + 1] as number)
  let line = 1
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const code = unit(i)
    if (code === 0x0a) line++
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 3 < bytes.length ? unit(i + 2) : -1
      if (next < 0xdc00 || next > 0xdfff) return line
      i += 2
    } else if (code >= 0xdc00 && code <= 0xdfff) return line
  }
  // Otherwise an odd number of bytes cuts the last character: the last line is the broken one.
  return line
}
