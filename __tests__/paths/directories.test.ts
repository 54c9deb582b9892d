import { describe, expect, it } from '@jest/globals'
import { countUnchanged, deepestFirst, directoryTree } from '../../src/paths/directories.js'
import { WildcardCover } from '../../src/paths/paths.js'

/** Each directory of a tree as [dir, direct, directWildcards, count, wildcards, unchanged]. */
const rows = (tree: ReturnType<typeof directoryTree>) =>
  [...tree.byDir.values()]
    .sort((a, b) => a.dir.localeCompare(b.dir))
    .map(node => [node.dir, node.direct, node.directWildcards, node.count, node.wildcards, node.unchanged])

describe('directoryTree', () => {
  it('counts the items of each directory and of those below it, cache tags aside', () => {
    const tree = directoryTree([
      '/index.html',
      '#news',
      '/assets/js/a.js',
      '/assets/js/b.js',
      '/assets/img/*',
      '/assets/js/c.js',
      '/search?q=a/b'
    ])
    expect(rows(tree)).toEqual([
      ['/', 2, 0, 6, 1, 0],
      ['/assets/', 0, 0, 4, 1, 0],
      ['/assets/img/', 1, 1, 1, 1, 0],
      ['/assets/js/', 3, 0, 3, 0, 0]
    ])
    expect(tree.root.dir).toBe('/')
    expect(tree.byDir.get('/assets/js/')?.parent?.dir).toBe('/assets/')
    expect(tree.byDir.get('/assets/js/')?.depth).toBe(2)
  })

  it('makes a node of each directory on the way, and orders children by how many items they hold', () => {
    const tree = directoryTree(['/a/b/c/x.html', '/d/1', '/d/2', '/e/1'])
    expect(tree.byDir.has('/a/b/')).toBe(true)
    expect(tree.root.children.map(node => node.count)).toEqual([1, 1, 2])
    expect(tree.root.children.at(-1)?.dir).toBe('/d/')
  })
})

describe('deepestFirst', () => {
  it('lists the deepest directories before their parents', () => {
    const depths = deepestFirst(directoryTree(['/a/b/c/x', '/a/y', '/z']).byDir).map(node => node.depth)
    expect(depths).toEqual([3, 2, 1, 0])
  })
})

describe('countUnchanged', () => {
  it('counts each unchanged object in the deepest directory of the tree above it, summed upwards', () => {
    const tree = directoryTree(['/assets/js/a.js', '/docs/index.html'])
    const cleared = countUnchanged(
      tree,
      ['/assets/js/b.js', '/assets/js/old/c.js', '/assets/d.css', '/docs/a/b/c.html', '/robots.txt'],
      undefined
    )
    expect(cleared).toBe(0)
    expect(rows(tree).map(([dir, , , , , unchanged]) => [dir, unchanged])).toEqual([
      ['/', 5],
      ['/assets/', 3],
      ['/assets/js/', 2],
      ['/docs/', 1]
    ])
  })

  it('leaves out, and counts, the objects a listed wildcard already clears', () => {
    const tree = directoryTree(['/img/*', '/a/x.html'])
    const cleared = countUnchanged(
      tree,
      ['/img/1.png', '/img/2/3.png', '/a/y.html'],
      new WildcardCover(['/img/*'])
    )
    expect(cleared).toBe(2)
    expect(tree.byDir.get('/img/')?.unchanged).toBe(0)
    expect(tree.byDir.get('/a/')?.unchanged).toBe(1)
    expect(tree.root.unchanged).toBe(1)
  })
})
