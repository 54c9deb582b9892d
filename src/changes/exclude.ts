/**
 * The AWS CLI's `--exclude` for `aws s3 sync`, so the objects compared are the ones a sync with the same
 * patterns touches. The CLI (awscli/customizations/s3/filters.py) joins each pattern to the source folder
 * and matches it with Python's fnmatch against each file's full path, and for `--delete` joins it to the
 * destination (bucket/prefix) and matches each object's bucket/key the same way. So, relative to the
 * source folder or the destination prefix: `*` matches any run of characters including `/`, `?` one
 * character, `[seq]` and `[!seq]` one character in or not in seq, and a pattern must match the whole
 * path. Matching is case-sensitive (fnmatch on Linux). A pattern starting with `/` is an absolute path
 * (os.path.join drops the root): it can match local files, never an object.
 */

export interface ExcludeRule {
  pattern: string
  absolute: boolean
  regex: RegExp
}

export function compileExcludes(patterns: readonly string[]): ExcludeRule[] {
  return patterns.map(pattern => ({
    pattern,
    absolute: pattern.startsWith('/'),
    regex: fnmatchRegExp(pattern)
  }))
}

/**
 * Whether a sync with these patterns leaves this file or object alone. `relative` is the path below the
 * source folder (or the key below the prefix), with `/` separators; `absolute` is a local file's full path,
 * absent for objects.
 */
export function isExcluded(rules: readonly ExcludeRule[], relative: string, absolute?: string): boolean {
  return rules.some(rule =>
    rule.absolute ? absolute !== undefined && rule.regex.test(absolute) : rule.regex.test(relative)
  )
}

/** Python's fnmatch.translate (3.11), as a JavaScript regular expression matching the whole string. */
export function fnmatchRegExp(pattern: string): RegExp {
  const chars = Array.from(pattern)
  let out = ''
  let i = 0
  while (i < chars.length) {
    const c = chars[i++] as string
    if (c === '*') {
      // Consecutive stars are one.
      while (chars[i] === '*') i++
      out += '[\\s\\S]*'
    } else if (c === '?') {
      out += '[\\s\\S]'
    } else if (c === '[') {
      let j = i
      if (chars[j] === '!') j++
      if (chars[j] === ']') j++
      while (j < chars.length && chars[j] !== ']') j++
      if (j >= chars.length) {
        out += '\\['
      } else {
        out += charClass(chars.slice(i, j))
        i = j + 1
      }
    } else {
      out += literal(c)
    }
  }
  return new RegExp(`^(?:${out})$`, 'u')
}

/** A bracket expression's inside (without the brackets) as a class of code points. */
function charClass(inside: string[]): string {
  let negate = false
  let items = inside
  if (items[0] === '!') {
    negate = true
    items = items.slice(1)
  }
  // Python: `[]` never matches, `[!]` matches any one character.
  if (items.length === 0) return negate ? '[\\s\\S]' : '(?!)'
  const ranges: string[] = []
  for (let k = 0; k < items.length; k++) {
    const low = items[k] as string
    const high = items[k + 2]
    if (items[k + 1] === '-' && high !== undefined) {
      // fnmatch drops a reversed range such as z-a.
      if ((low.codePointAt(0) ?? 0) <= (high.codePointAt(0) ?? 0))
        ranges.push(`${escape(low)}-${escape(high)}`)
      k += 2
    } else {
      ranges.push(escape(low))
    }
  }
  if (ranges.length === 0) return negate ? '[\\s\\S]' : '(?!)'
  return `[${negate ? '^' : ''}${ranges.join('')}]`
}

function escape(char: string): string {
  return `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`
}

function literal(char: string): string {
  return /[\w]/.test(char) ? char : escape(char)
}
