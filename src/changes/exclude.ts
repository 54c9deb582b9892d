/**
 * The AWS CLI's `--exclude` and `--include` for `aws s3 sync`, so the objects compared are the ones a sync
 * with the same filters touches. The CLI (awscli/customizations/s3/filters.py) applies the filters in the
 * order given, every file starting included: each filter that matches sets whether it is, so the last
 * match wins (`--exclude '*' --include 'assets/*'` syncs assets/ alone). The changes action applies its
 * `exclude` patterns first, then its `include` ones, as `--exclude … --include …` written in that order.
 * The CLI joins each pattern to the source folder
 * and matches it with Python's fnmatch against each file's full path, and for `--delete` joins it to the
 * destination (bucket/prefix) and matches each object's bucket/key the same way. So, relative to the
 * source folder or the destination prefix: `*` matches any run of characters including `/`, `?` one
 * character, `[seq]` and `[!seq]` one character in or not in seq, and a pattern must match the whole
 * path. Matching is case-sensitive (fnmatch on Linux). A pattern starting with `/` is an absolute path
 * (os.path.join drops the root): it can match local files, never an object.
 */

export interface FilterRule {
  /** `--include` (true) or `--exclude` (false). */
  include: boolean
  pattern: string
  absolute: boolean
  regex: RegExp
}

/** The filters of `aws s3 sync --exclude E1 --exclude E2 … --include I1 …`, in that order. */
export function compileFilters(exclude: readonly string[], include: readonly string[] = []): FilterRule[] {
  const rule = (pattern: string, isInclude: boolean): FilterRule => ({
    include: isInclude,
    pattern,
    absolute: pattern.startsWith('/'),
    regex: fnmatchRegExp(pattern)
  })
  return [...exclude.map(pattern => rule(pattern, false)), ...include.map(pattern => rule(pattern, true))]
}

/**
 * Whether a sync with these filters leaves this file or object alone: the last filter that matches
 * decides, and with none it is synced. `relative` is the path below the source folder (or the key below
 * the prefix), with `/` separators; `absolute` is a local file's full path, absent for objects.
 */
export function isExcluded(rules: readonly FilterRule[], relative: string, absolute?: string): boolean {
  let excluded = false
  for (const rule of rules) {
    const matches = rule.absolute
      ? absolute !== undefined && rule.regex.test(absolute)
      : rule.regex.test(relative)
    if (matches) excluded = !rule.include
  }
  return excluded
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
