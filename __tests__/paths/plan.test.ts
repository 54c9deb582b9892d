import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { isCacheTag, isWildcard, preparePaths } from '../../src/paths/paths.js'
import { MAX_PATHS, MAX_WILDCARDS, billedPaths, planPaths } from '../../src/paths/plan.js'
import type { PathPlan } from '../../src/types.js'
import { prng } from '../../__fixtures__/random.js'

const range = <T>(count: number, make: (i: number) => T): T[] =>
  Array.from({ length: count }, (_, i) => make(i))

/** True when a sent item invalidates `item`: the same item, or a wildcard whose prefix starts it. */
function isCoveredBy(item: string, sent: readonly string[]): boolean {
  if (isCacheTag(item)) return sent.some(path => path.toLowerCase() === item.toLowerCase())
  return sent.some(path => path === item || (isWildcard(path) && item.startsWith(path.slice(0, -1))))
}

/** The properties every plan must have, whatever the input. */
function expectValidPlan(items: readonly string[], plan: PathPlan, maxPaths: number): void {
  const uncovered = items.filter(item => !isCoveredBy(item, plan.paths))
  expect(uncovered).toEqual([])
  expect(plan.paths.length).toBeLessThanOrEqual(maxPaths)
  const wildcards = plan.paths.filter(path => !isCacheTag(path) && isWildcard(path))
  expect(wildcards.length).toBeLessThanOrEqual(MAX_WILDCARDS)
  expect(plan.wildcards).toBe(wildcards.length)
  expect(new Set(plan.paths).size).toBe(plan.paths.length)
  expect(billedPaths(plan)).toBe(plan.paths.length)
}

/** How a real site deploy looks: hashed assets under a few directories, plus pages. */
function realisticSite(): string[] {
  const hash = (i: number) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0')
  return [
    '/index.html',
    ...range(20_000, i => `/static/js/chunk-${i}.${hash(i)}.js`),
    '/about.html',
    ...range(8_000, i => `/static/css/${hash(i)}.css`),
    ...range(12_000, i => `/static/media/img-${i}.${hash(i)}.webp`),
    ...range(40, i => `/blog/post-${i}/index.html`),
    ...range(30, i => `/page-${i}.html`),
    ...range(3, i => `/assets/fonts/font-${i}.woff2`)
  ]
}

describe('planPaths: a list that fits', () => {
  it('sends it as it is, in order', () => {
    const items = ['/b.html', '/a.html', '/img/*', '#product:tv']
    const plan = planPaths(items, { maxPaths: MAX_PATHS })
    expect(plan).toEqual({
      paths: items,
      requested: 4,
      alreadyCovered: 0,
      wildcards: 1,
      tags: 1,
      compacted: [],
      maxPaths: MAX_PATHS,
      everything: false
    })
  })

  it('fits exactly max-paths without compacting', () => {
    const items = range(100, i => `/p/${i}.html`)
    expect(planPaths(items, { maxPaths: 100 }).paths).toEqual(items)
  })
})

describe('planPaths: paths a listed wildcard covers', () => {
  it.each([
    ['/a/* covers a file in /a/', ['/a/b.html', '/a/*', '/c.html'], ['/a/*', '/c.html']],
    ['/a/* covers a deeper wildcard', ['/a/b/*', '/a/*'], ['/a/*']],
    ['/* covers everything but tags', ['/x', '/y/z', '#tag', '/*'], ['#tag', '/*']],
    ['/a* covers /ab.html and /a/b', ['/ab.html', '/a/b', '/a*', '/b.html'], ['/a*', '/b.html']],
    ['/a/* does not cover /a (no slash)', ['/a', '/a/*'], ['/a', '/a/*']],
    ['/a/* does not cover /ab/c', ['/ab/c', '/a/*'], ['/ab/c', '/a/*']],
    ['/a/b* does not cover /a/c', ['/a/c', '/a/b*'], ['/a/c', '/a/b*']],
    ['a query string is under its path', ['/s.html?q=1', '/s.html*'], ['/s.html*']]
  ])('%s', (_, items, expected) => {
    const plan = planPaths(items, { maxPaths: MAX_PATHS })
    expect(plan.paths).toEqual(expected)
    expect(plan.alreadyCovered).toBe(items.length - expected.length)
    expect(plan.compacted).toEqual([])
  })
})

describe('planPaths: compaction', () => {
  it('compacts a realistic site into its asset directories, listing the pages', () => {
    const items = realisticSite()
    const plan = planPaths(items, { maxPaths: MAX_PATHS })
    expectValidPlan(items, plan, MAX_PATHS)
    const wildcards = plan.paths.filter(path => isWildcard(path))
    // The deepest directories that hold many paths; never /static/* or /*.
    expect(wildcards.sort()).toEqual(['/static/css/*', '/static/js/*', '/static/media/*'])
    expect(plan.paths).toContain('/index.html')
    expect(plan.paths).toContain('/blog/post-7/index.html')
    expect(plan.paths).toContain('/assets/fonts/font-2.woff2')
    expect(plan.paths).toHaveLength(2 + 40 + 30 + 3 + 3)
    expect(plan.compacted).toEqual(
      expect.arrayContaining([
        { path: '/static/js/*', covers: 20_000 },
        { path: '/static/css/*', covers: 8_000 }
      ])
    )
    expect(plan.everything).toBe(false)
  })

  it('keeps the first-seen order: a wildcard takes the place of the first path it covers', () => {
    const items = [
      '/index.html',
      ...range(10, i => `/js/${i}.js`),
      '/about.html',
      ...range(10, i => `/css/${i}.css`)
    ]
    const plan = planPaths(items, { maxPaths: 5 })
    expect(plan.paths).toEqual(['/index.html', '/js/*', '/about.html', '/css/*'])
  })

  it('uses wildcards over smaller directories when max-paths is lower', () => {
    const items = realisticSite()
    const plan = planPaths(items, { maxPaths: 40 })
    expectValidPlan(items, plan, 40)
    expect(plan.paths).toContain('/blog/*')
    expect(plan.paths).not.toContain('/static/*')
  })

  it('goes up a level only when the deeper directories are more than 15', () => {
    const items = range(17, d => range(50, i => `/img/${2010 + d}/${i}.jpg`)).flat()
    const plan = planPaths([...items, '/index.html'], { maxPaths: 100 })
    expect(plan.paths).toEqual(['/img/*', '/index.html'])
  })

  it('uses up to 15 deep wildcards, and lists a directory instead when max-paths leaves room', () => {
    const items = range(15, d => range(50, i => `/img/${2010 + d}/${i}.jpg`)).flat()
    const plan = planPaths(items, { maxPaths: 100 })
    expectValidPlan(items, plan, 100)
    const wildcards = plan.paths.filter(path => isWildcard(path))
    // 15 year wildcards fit; then one year's 50 files fit in the paths left, which is narrower still.
    expect(wildcards).toEqual(range(14, d => `/img/${2011 + d}/*`))
    expect(plan.paths.slice(0, 50)).toEqual(range(50, i => `/img/2010/${i}.jpg`))
  })

  it('lists small directories rather than spend a wildcard on them', () => {
    const items = [...range(500, i => `/big/${i}`), ...range(20, d => `/small-${d}/only.html`)]
    const plan = planPaths(items, { maxPaths: 100 })
    expectValidPlan(items, plan, 100)
    expect(plan.paths.filter(path => isWildcard(path))).toEqual(['/big/*'])
  })

  it('follows a chain of single directories down to where the files are', () => {
    const items = range(5000, i => `/a/b/c/d/${i}.png`)
    expect(planPaths(items, { maxPaths: MAX_PATHS }).paths).toEqual(['/a/b/c/d/*'])
  })

  it('compacts when the listed wildcards are more than 15, even under max-paths', () => {
    const items = range(20, i => `/docs/v${i}/*`)
    const plan = planPaths(items, { maxPaths: MAX_PATHS })
    expect(plan.paths).toEqual(['/docs/*'])
  })

  it('treats a query string as part of its file, not a directory', () => {
    const items = range(50, i => `/search?q=a/${i}`)
    const plan = planPaths([...items, ...range(50, i => `/x/${i}`)], { maxPaths: 10 })
    // Only / holds the searches: nothing narrower than /* covers them.
    expect(plan.paths).toEqual(['/*'])
  })

  it('falls back to /* only when nothing else fits, and says so', () => {
    const items = range(200, i => `/page-${i}.html`)
    const plan = planPaths(items, { maxPaths: 100 })
    expect(plan.paths).toEqual(['/*'])
    expect(plan.everything).toBe(true)
    expect(plan.compacted).toEqual([{ path: '/*', covers: 200 }])
  })

  it('never compacts cache tags, and counts them against max-paths', () => {
    const tags = range(8, i => `#tag-${i}`)
    const items = [...tags, ...range(30, i => `/a/${i}`), ...range(30, i => `/b/${i}`)]
    const plan = planPaths(items, { maxPaths: 12 })
    expectValidPlan(items, plan, 12)
    expect(plan.paths).toEqual([...tags, '/a/*', '/b/*'])
    expect(plan.tags).toBe(8)
  })

  it('fails, naming max-paths, when the cache tags alone do not fit', () => {
    const items = [...range(5, i => `#t${i}`), '/a', '/b']
    const attempt = () => planPaths(items, { maxPaths: 5 })
    expect(attempt).toThrow(UserError)
    expect(attempt).toThrow(/^max-paths: 5 cache tags and at least one path do not fit in 5 paths/)
  })

  it('is not /* for a paths-file of 40,000 hashed files and pages', () => {
    const items = realisticSite()
    expect(planPaths(items, { maxPaths: MAX_PATHS }).paths).not.toContain('/*')
  })
})

describe('planPaths: random trees (seeded)', () => {
  const segments = ['a', 'b', 'c', 'assets', 'img', 'js', 'über', 'x y', 'deep']

  function randomItems(random: () => number): string[] {
    const count = 1 + Math.floor(random() * 600)
    const raw = range(count, () => {
      const depth = Math.floor(random() * 5)
      const dirs = range(depth, () => segments[Math.floor(random() * segments.length)] as string)
      const roll = random()
      const name =
        roll < 0.03
          ? '*'
          : roll < 0.06
            ? 'f*'
            : roll < 0.09
              ? `q?x=${Math.floor(random() * 9)}/y`
              : `f${Math.floor(random() * 40)}`
      if (random() < 0.03) return `#tag-${Math.floor(random() * 10)}`
      return `/${[...dirs, name].join('/')}`
    })
    return preparePaths(raw, 'paths')
  }

  it.each(range(300, i => i + 1))('plans seed %d within the limits, covering every item', seed => {
    const random = prng(seed)
    const items = randomItems(random)
    const maxPaths = 2 + Math.floor(random() * 60)
    const tags = items.filter(isCacheTag).length
    if (tags + 1 > maxPaths) {
      expect(() => planPaths(items, { maxPaths })).toThrow(UserError)
      return
    }
    const plan = planPaths(items, { maxPaths })
    expectValidPlan(items, plan, maxPaths)
    expect(plan.requested).toBe(items.length)
    // Nothing beyond what was asked when the request already fitted.
    if (plan.compacted.length === 0) expect(plan.paths.length).toBe(items.length - plan.alreadyCovered)
  })
})
