import { describe, expect, it } from '@jest/globals'
import { compileExcludes, fnmatchRegExp, isExcluded } from '../../src/changes/exclude.js'

// Each answer is Python's fnmatch.fnmatchcase(path, pattern), which the AWS CLI's --exclude uses
// (awscli/customizations/s3/filters.py), printed by Python 3.11 for this table.
const PYTHON: [pattern: string, path: string, matches: boolean][] = [
  ['*.map', 'app.js.map', true],
  ['*.map', 'js/app.js.map', true],
  ['*.map', 'app.js', false],
  ['js/*', 'js/app.js', true],
  ['js/*', 'js/sub/app.js', true],
  ['js/*', 'css/js/app.js', false],
  ['*/index.html', 'index.html', false],
  ['*/index.html', 'a/index.html', true],
  ['*/index.html', 'a/b/index.html', true],
  ['?.txt', 'a.txt', true],
  ['?.txt', 'ab.txt', false],
  ['?.txt', '/.txt', true],
  ['[abc].txt', 'b.txt', true],
  ['[abc].txt', 'd.txt', false],
  ['[!abc].txt', 'd.txt', true],
  ['[!abc].txt', 'a.txt', false],
  ['[a-c]x', 'bx', true],
  ['[a-c]x', 'dx', false],
  ['[z-a]x', 'zx', false],
  ['[]]x', ']x', true],
  ['[!]]x', 'ax', true],
  ['[!]]x', ']x', false],
  ['[x', '[x', true],
  ['a[', 'a[', true],
  ['[a-]x', '-x', true],
  ['[-a]x', '-x', true],
  ['.git*', '.github/workflows/ci.yml', true],
  ['.git*', 'src/.gitignore', false],
  ['*.HTML', 'index.html', false],
  ['a.b', 'axb', false],
  ['a+b(c)', 'a+b(c)', true],
  ['100%.html', '100%.html', true],
  ['**/x', 'x', false],
  ['**/x', 'a/x', true],
  ['\\x', '\\x', true],
  ['über/*', 'über/a', true],
  ['*', 'anything/at/all', true],
  ['a*b*c', 'a/b/c', true],
  ['a*b*c', 'acb', false],
  ['[^a]x', '^x', true],
  ['[^a]x', 'bx', false],
  ['[\\]x', '\\x', true]
]

describe('fnmatchRegExp', () => {
  it.each(PYTHON)('%j against %j is %j, as in Python', (pattern, path, matches) => {
    expect(fnmatchRegExp(pattern).test(path)).toBe(matches)
  })
})

describe('isExcluded', () => {
  it('matches paths relative to the source folder, any pattern of several', () => {
    const rules = compileExcludes(['*.map', 'drafts/*'])
    expect(isExcluded(rules, 'js/app.js.map')).toBe(true)
    expect(isExcluded(rules, 'drafts/post.html')).toBe(true)
    expect(isExcluded(rules, 'posts/drafts/post.html')).toBe(false)
    expect(isExcluded(rules, 'index.html')).toBe(false)
    expect(isExcluded([], 'index.html')).toBe(false)
  })

  it('matches an absolute pattern against local files only, as os.path.join drops the root', () => {
    const rules = compileExcludes(['/work/site/secret/*'])
    expect(isExcluded(rules, 'secret/key.pem', '/work/site/secret/key.pem')).toBe(true)
    // The object with the same relative key is not excluded: sync --delete would delete it.
    expect(isExcluded(rules, 'secret/key.pem')).toBe(false)
  })
})
