import { describe, expect, it } from '@jest/globals'
import { compileFilters, fnmatchRegExp, isExcluded } from '../../src/changes/exclude.js'

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
    const rules = compileFilters(['*.map', 'drafts/*'])
    expect(isExcluded(rules, 'js/app.js.map')).toBe(true)
    expect(isExcluded(rules, 'drafts/post.html')).toBe(true)
    expect(isExcluded(rules, 'posts/drafts/post.html')).toBe(false)
    expect(isExcluded(rules, 'index.html')).toBe(false)
    expect(isExcluded([], 'index.html')).toBe(false)
  })

  it('matches an absolute pattern against local files only, as os.path.join drops the root', () => {
    const rules = compileFilters(['/work/site/secret/*'])
    expect(isExcluded(rules, 'secret/key.pem', '/work/site/secret/key.pem')).toBe(true)
    // The object with the same relative key is not excluded: sync --delete would delete it.
    expect(isExcluded(rules, 'secret/key.pem')).toBe(false)
  })

  it('lets the last matching filter decide, excludes first and includes after, as aws s3 sync does', () => {
    // aws s3 sync --exclude '*' --include 'assets/*': assets/ alone.
    const assets = compileFilters(['*'], ['assets/*'])
    expect(isExcluded(assets, 'assets/app.3f2a.js')).toBe(false)
    expect(isExcluded(assets, 'assets/img/logo.png')).toBe(false)
    expect(isExcluded(assets, 'index.html')).toBe(true)
    expect(isExcluded(assets, 'docs/assets/x.js')).toBe(true)
    // aws s3 sync --exclude 'assets/*': everything else, the other half of the split.
    const rest = compileFilters(['assets/*'])
    for (const path of ['assets/app.3f2a.js', 'assets/img/logo.png', 'index.html', 'docs/assets/x.js']) {
      expect(isExcluded(rest, path)).toBe(!isExcluded(assets, path))
    }
    // An include without an exclude takes back nothing: every file starts included.
    expect(isExcluded(compileFilters([], ['*.html']), 'app.js')).toBe(false)
    // Later includes and excludes are in their own order; an include matching nothing changes nothing.
    expect(isExcluded(compileFilters(['*.map', 'drafts/*'], ['drafts/keep.*']), 'drafts/keep.html')).toBe(
      false
    )
    expect(isExcluded(compileFilters(['*.map', 'drafts/*'], ['drafts/keep.*']), 'drafts/x.html')).toBe(true)
    expect(isExcluded(compileFilters(['*.map'], ['nothing/*']), 'a.js.map')).toBe(true)
    expect(compileFilters(['a'], ['b']).map(rule => [rule.pattern, rule.include])).toEqual([
      ['a', false],
      ['b', true]
    ])
  })
})
