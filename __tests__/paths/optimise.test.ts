import { describe, expect, it } from '@jest/globals'
import { isCacheTag, isWildcard, preparePaths } from '../../src/paths/paths.js'
import { MAX_WILDCARDS, planPaths } from '../../src/paths/plan.js'
import type { PathPlan } from '../../src/types.js'
import type { Inventory } from '../../src/paths/inventory.js'
import { prng } from '../../__fixtures__/random.js'

const range = <T>(count: number, make: (i: number) => T): T[] =>
  Array.from({ length: count }, (_, i) => make(i))

const isPathWildcard = (item: string) => !isCacheTag(item) && isWildcard(item)
const coversPath = (wildcard: string, path: string) => path.startsWith(wildcard.slice(0, -1))

/** What a user checks of a plan, counted from the paths sent alone: cost, and what it clears. */
interface Score {
  unchanged: number
  paths: number
  wildcards: number
}

function score(sent: readonly string[], unchanged: readonly string[]): Score {
  const wildcards = sent.filter(isPathWildcard)
  return {
    unchanged: unchanged.filter(path => wildcards.some(wildcard => coversPath(wildcard, path))).length,
    paths: sent.length,
    wildcards: wildcards.length
  }
}

const better = (a: Score, b: Score) =>
  a.unchanged - b.unchanged || a.paths - b.paths || a.wildcards - b.wildcards

/** The directories of the items and every directory above them: where a wildcard may go. */
function directories(items: readonly string[]): string[] {
  const dirs = new Set<string>()
  for (const item of items) {
    if (isCacheTag(item)) continue
    const query = item.indexOf('?')
    let dir = item.slice(0, item.lastIndexOf('/', query === -1 ? item.length - 1 : query - 1) + 1)
    for (;;) {
      dirs.add(dir)
      if (dir === '/') break
      dir = dir.slice(0, dir.lastIndexOf('/', dir.length - 2) + 1)
    }
  }
  return [...dirs]
}

/**
 * Every set of directory wildcards, tried one by one: each requested item not under a chosen wildcard
 * is sent as it is. The best score among those within the limits; /* (which also clears what other
 * origins serve) only when it clears fewer unchanged objects than every other plan.
 */
function exhaustive(
  items: readonly string[],
  unchanged: readonly string[],
  maxPaths: number,
  maxWildcards: number
): Score | undefined {
  const dirs = directories(items)
  let best: Score | undefined
  let everything: Score | undefined
  for (let mask = 0; mask < 1 << dirs.length; mask++) {
    const chosen = dirs.filter((_, i) => mask & (1 << i)).map(dir => `${dir}*`)
    // A wildcard under another chosen one is the same set with one more path: skip it.
    if (chosen.some(a => chosen.some(b => a !== b && coversPath(b, a)))) continue
    const rest = items.filter(item => isCacheTag(item) || !chosen.some(w => coversPath(w, item)))
    // Listed items a listed wildcard covers are dropped, as planPaths does.
    const listed = rest.filter(isPathWildcard)
    const sent = [
      ...chosen,
      ...rest.filter(item => isCacheTag(item) || !listed.some(w => w !== item && coversPath(w, item)))
    ]
    const s = score(sent, unchanged)
    if (s.paths > maxPaths || s.wildcards > maxWildcards) continue
    if (chosen.includes('/*')) everything = s
    else if (!best || better(s, best) < 0) best = s
  }
  return everything && (!best || everything.unchanged < best.unchanged) ? everything : best
}

function expectCovers(items: readonly string[], plan: PathPlan): void {
  const missed = items.filter(
    item =>
      !plan.paths.includes(item) &&
      (isCacheTag(item) || !plan.paths.some(path => isPathWildcard(path) && coversPath(path, item)))
  )
  expect(missed).toEqual([])
}

function inventoryOf(objects: readonly string[], changed: readonly string[]): Inventory {
  const set = new Set(changed)
  const held = new Set(objects)
  return {
    objects: held.size,
    unchanged: [...held].filter(path => !set.has(path)),
    missing: changed.filter(path => !held.has(path) && !isPathWildcard(path) && !isCacheTag(path)).length
  }
}

/** A small site: files in up to 12 directories, some changed, some deleted, a listed wildcard now and then. */
function smallSite(random: () => number): { objects: string[]; changed: string[] } {
  const names = ['a', 'b', 'c']
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T
  const dirs = range(1 + Math.floor(random() * 6), () =>
    range(Math.floor(random() * 3), () => pick(names)).join('/')
  )
  const objects = [
    ...new Set(
      range(3 + Math.floor(random() * 30), () => {
        const dir = pick(dirs)
        return `/${dir ? `${dir}/` : ''}f${Math.floor(random() * 8)}.html`
      })
    )
  ]
  const changeShare = random()
  const changed = objects.filter(() => random() < changeShare)
  // Deleted objects: in the changes, no longer in the inventory.
  const deleted = range(Math.floor(random() * 3), i => `/${pick(dirs) ? `${pick(dirs)}/` : ''}gone-${i}.html`)
  const extra = random() < 0.15 ? [`/${pick(names)}/*`] : random() < 0.1 ? ['#tag'] : []
  return { objects, changed: preparePaths([...changed, ...deleted, ...extra], 'paths') }
}

describe('planPaths with an inventory: against an exhaustive search', () => {
  it.each(range(250, i => i + 1))(
    'seed %d: clears as few unchanged objects, then sends as few paths',
    seed => {
      const random = prng(seed)
      const { objects, changed } = smallSite(random)
      if (changed.length === 0) return
      const inventory = inventoryOf(objects, changed)
      const maxPaths = 1 + Math.floor(random() * (changed.length + 2))
      const maxWildcards = 1 + Math.floor(random() * 4)
      const tags = changed.filter(isCacheTag).length
      if (tags + 1 > maxPaths) return
      const plan = planPaths(changed, { maxPaths, maxWildcards }, undefined, inventory)
      expectCovers(changed, plan)
      const got = score(plan.paths, inventory.unchanged)
      expect(got.paths).toBeLessThanOrEqual(maxPaths)
      expect(got.wildcards).toBeLessThanOrEqual(maxWildcards)
      // A list that fits goes as it is (minus what a listed wildcard covers); only one that does not
      // fit is compacted, exactly.
      const asListed = planPaths(changed, { maxPaths: 3000, maxWildcards: 15 }).paths
      const fits = asListed.length <= maxPaths && asListed.filter(isPathWildcard).length <= maxWildcards
      if (fits) expect(plan.paths).toEqual(asListed)
      else expect(got).toEqual(exhaustive(changed, inventory.unchanged, maxPaths, maxWildcards))
      expect(plan.inventory?.cleared).toBe(got.unchanged)
      expect(plan.wildcards).toBe(got.wildcards)
    }
  )

  it('never clears more unchanged objects than the heuristic does without the inventory', () => {
    for (let seed = 1000; seed < 1200; seed++) {
      const random = prng(seed)
      const { objects, changed } = smallSite(random)
      if (changed.length === 0 || changed.some(isCacheTag)) continue
      const inventory = inventoryOf(objects, changed)
      const maxPaths = 1 + Math.floor(random() * changed.length)
      const exact = planPaths(changed, { maxPaths }, undefined, inventory)
      const heuristic = planPaths(changed, { maxPaths })
      expect(score(exact.paths, inventory.unchanged).unchanged).toBeLessThanOrEqual(
        score(heuristic.paths, inventory.unchanged).unchanged
      )
    }
  })
})

/** The issue's full rebuild: 12 asset folders of 300 files and 2 pages, in a site with more pages. */
function rebuild(): { objects: string[]; changed: string[] } {
  const assets = range(12, d => range(300, i => `/assets/set-${d}/${i}.js`)).flat()
  const pages = range(200, i => `/blog/post-${i}.html`)
  return {
    // One object in /assets/ itself did not change: /assets/* would clear it.
    objects: [...assets, '/assets/logo.svg', ...pages, '/index.html', '/about.html'],
    changed: [...assets, '/index.html', '/about.html']
  }
}

describe('planPaths with an inventory: what a deploy costs', () => {
  it.each([100, 3000])(
    'sends a full rebuild as 14 paths at max-paths %d, clearing nothing unchanged',
    maxPaths => {
      const { objects, changed } = rebuild()
      const plan = planPaths(changed, { maxPaths }, undefined, inventoryOf(objects, changed))
      expect(plan.paths).toEqual([...range(12, d => `/assets/set-${d}/*`), '/index.html', '/about.html'])
      expect(plan.inventory).toEqual({ objects: 3803, unchanged: 201, cleared: 0, missing: 0, exact: true })
      expect(plan.compacted[0]).toEqual({ path: '/assets/set-0/*', covers: 300, unchanged: 0 })
    }
  )

  it('without the inventory, the same rebuild at 3000 goes out nearly path by path', () => {
    const { changed } = rebuild()
    const plan = planPaths(changed, { maxPaths: 3000 })
    expect(plan.paths.length).toBeGreaterThan(2000)
  })

  it('sends a small deploy path by path, with or without the inventory, when no folder changed whole', () => {
    const objects = [
      '/index.html',
      '/feed.xml',
      '/blog/a/index.html',
      '/blog/b/index.html',
      '/blog/new/index.html',
      '/blog/new/cover.jpg'
    ]
    const changed = ['/index.html', '/', '/feed.xml', '/blog/new/index.html', '/blog/new/']
    expect(planPaths(changed, { maxPaths: 100 }).paths).toEqual(changed)
    const plan = planPaths(changed, { maxPaths: 100 }, undefined, inventoryOf(objects, changed))
    expect(plan.paths).toEqual(changed)
    expect(plan.inventory?.cleared).toBe(0)
  })

  it('sends a list that fits as it is, even where a wildcard would clear nothing unchanged', () => {
    // /img/* would save two paths, but count against CloudFront's 15 wildcards in progress, and clear
    // what other origins serve under /img/, which the bucket's inventory cannot show.
    const objects = ['/index.html', '/img/1.png', '/img/2.png', '/img/3.png', '/css/a.css', '/css/b.css']
    const changed = ['/img/1.png', '/img/2.png', '/img/3.png', '/css/a.css']
    const plan = planPaths(changed, { maxPaths: 100 }, undefined, inventoryOf(objects, changed))
    expect(plan.paths).toEqual(changed)
    expect(plan.inventory?.cleared).toBe(0)
  })

  it('uses a wildcard for a folder whose every object changed, once the list does not fit', () => {
    const objects = ['/index.html', '/img/1.png', '/img/2.png', '/img/3.png', '/css/a.css', '/css/b.css']
    const changed = ['/img/1.png', '/img/2.png', '/img/3.png', '/css/a.css']
    const plan = planPaths(changed, { maxPaths: 3 }, undefined, inventoryOf(objects, changed))
    expect(plan.paths).toEqual(['/img/*', '/css/a.css'])
    expect(plan.inventory?.cleared).toBe(0)
  })

  it('picks the folders with the fewest unchanged objects, not the deepest ones, when it must clear some', () => {
    // 2 paths: /a/* clears 1 unchanged object, /b/* clears 50; the heuristic cannot tell them apart.
    const objects = [
      ...range(10, i => `/a/${i}`),
      ...range(60, i => `/b/${i}`),
      '/a/old',
      ...range(50, i => `/b/old-${i}`)
    ]
    const changed = [...range(10, i => `/a/${i}`), ...range(10, i => `/b/${i}`)]
    const plan = planPaths(changed, { maxPaths: 11 }, undefined, inventoryOf(objects, changed))
    expect(plan.paths).toEqual(['/a/*', ...range(10, i => `/b/${i}`)])
    expect(plan.inventory?.cleared).toBe(1)
  })

  it('leaves out what a listed wildcard clears anyway', () => {
    const objects = [...range(10, i => `/a/${i}`), ...range(10, i => `/img/${i}`), '/b/1']
    const changed = ['/img/*', '/a/1', '/a/2', '/a/3']
    const plan = planPaths(changed, { maxPaths: 2 }, undefined, inventoryOf(objects, changed))
    expect(plan.paths).toEqual(['/img/*', '/a/*'])
    expect(plan.compacted).toEqual([{ path: '/a/*', covers: 3, unchanged: 7 }])
    expect(plan.inventory?.cleared).toBe(17)
  })

  it('spends as few unchanged objects as max-paths needs, within 15 wildcards', () => {
    // 40 folders of 5 changed files and 1 unchanged: each wildcard saves 4 paths and clears 1.
    const changed = range(40, d => range(5, i => `/f${d}/${i}`)).flat()
    const objects = [...changed, ...range(40, d => `/f${d}/keep`)]
    const plan = planPaths(changed, { maxPaths: 150 }, undefined, inventoryOf(objects, changed))
    expect(plan.wildcards).toBe(13)
    expect(plan.paths).toHaveLength(200 - 13 * 4)
    expectCovers(changed, plan)
    expect(plan.inventory?.cleared).toBe(13)
    // 15 wildcards save 60 paths at most: 100 only fits /*, which clears all 40.
    const tight = planPaths(changed, { maxPaths: 100 }, undefined, inventoryOf(objects, changed))
    expect(tight.paths).toEqual(['/*'])
    expect(tight.inventory?.cleared).toBe(40)
    expect(planPaths(changed, { maxPaths: 140 }, undefined, inventoryOf(objects, changed)).wildcards).toBe(
      MAX_WILDCARDS
    )
  })

  it('sends /* when every object changed, and says it clears nothing unchanged', () => {
    const changed = range(200, i => `/p${i}.html`)
    const plan = planPaths(changed, { maxPaths: 100 }, undefined, inventoryOf(changed, changed))
    expect(plan.paths).toEqual(['/*'])
    expect(plan.everything).toBe(true)
    expect(plan.inventory?.cleared).toBe(0)
  })

  it('fits max-paths 1 with a single wildcard', () => {
    const changed = ['/a/1', '/a/2', '/b/1']
    const plan = planPaths(changed, { maxPaths: 1 }, undefined, inventoryOf([...changed, '/c'], changed))
    expect(plan.paths).toEqual(['/*'])
    expect(plan.inventory?.cleared).toBe(1)
  })

  it('falls back to the deepest wildcards, and says so, when the search runs out of work', () => {
    const changed = [...range(10, i => `/a/${i}`), ...range(10, i => `/b/${i}`)]
    const objects = [...changed, '/a/old', ...range(50, i => `/b/old-${i}`)]
    const inventory = inventoryOf(objects, changed)
    const limited = planPaths(changed, { maxPaths: 11, searchBudget: 1 }, undefined, inventory)
    expect(limited.paths).toEqual(planPaths(changed, { maxPaths: 11 }).paths)
    expect(limited.inventory).toMatchObject({
      exact: false,
      cleared: score(limited.paths, inventory.unchanged).unchanged
    })
    expect(planPaths(changed, { maxPaths: 11 }, undefined, inventory).inventory?.exact).toBe(true)
  })
})

describe('planPaths with an inventory: /* only when it clears less', () => {
  // /* also clears what other origins serve (an /api/* behaviour), which the bucket's inventory cannot show.
  it('sends a small deploy whose every object changed path by path, not as /*', () => {
    const changed = ['/index.html', '/', '/app.js']
    const plan = planPaths(changed, { maxPaths: 100 }, undefined, inventoryOf(changed, changed))
    expect(plan.paths).toEqual(changed)
    expect(plan.everything).toBe(false)
  })

  it('prefers directory wildcards to /* when both clear nothing unchanged', () => {
    const changed = [...range(150, i => `/a/${i}.js`), ...range(150, i => `/b/${i}.css`)]
    const plan = planPaths(changed, { maxPaths: 100 }, undefined, inventoryOf(changed, changed))
    expect([...plan.paths].sort()).toEqual(['/a/*', '/b/*'])
  })

  it('still sends /* when every other plan within the limits clears more', () => {
    const changed = range(30, i => `/d${i}/x.html`)
    const objects = [...changed, ...range(30, i => `/d${i}/kept.html`)]
    const plan = planPaths(changed, { maxPaths: 5 }, undefined, inventoryOf(objects, changed))
    expect(plan.paths).toEqual(['/*'])
  })
})
