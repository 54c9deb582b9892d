/** Pure: the directory tree of the requested paths, which both ways of compacting choose wildcards from. */
import { isCacheTag, isWildcard, type WildcardCover } from './paths.js'

/** One directory of the requested paths: `/`, `/assets/`, `/assets/js/`. */
export interface DirectoryNode {
  /** With its trailing `/`; the wildcard that covers it is `dir*`. */
  dir: string
  depth: number
  parent: DirectoryNode | undefined
  children: DirectoryNode[]
  /** Items directly in this directory (files, `dir/name*` wildcards). */
  direct: number
  directWildcards: number
  /** Items in this directory and every directory below it. */
  count: number
  wildcards: number
  /**
   * Unchanged objects of the inventory that `dir*` would clear and no listed wildcard already does, in
   * this directory and below; 0 without an inventory.
   */
  unchanged: number
}

export interface DirectoryTree {
  root: DirectoryNode
  byDir: Map<string, DirectoryNode>
}

/** The directory of a path: up to its last `/` before any query string (`/search?q=a/b` is in `/`). */
function directoryOf(path: string): string {
  const query = path.indexOf('?')
  return path.slice(0, path.lastIndexOf('/', query === -1 ? path.length - 1 : query - 1) + 1)
}

/**
 * The directories of the requested paths, with how many items each holds. Only directories are nodes,
 * so a million hashed assets in a few directories make a tree of a few nodes.
 */
export function directoryTree(items: readonly string[]): DirectoryTree {
  const byDir = new Map<string, DirectoryNode>()
  const node = (dir: string): DirectoryNode => {
    let found = byDir.get(dir)
    if (found) return found
    const parentDir = dir === '/' ? undefined : dir.slice(0, dir.lastIndexOf('/', dir.length - 2) + 1)
    const parent = parentDir === undefined ? undefined : node(parentDir)
    found = {
      dir,
      depth: parent ? parent.depth + 1 : 0,
      parent,
      children: [],
      direct: 0,
      directWildcards: 0,
      count: 0,
      wildcards: 0,
      unchanged: 0
    }
    parent?.children.push(found)
    byDir.set(dir, found)
    return found
  }
  const root = node('/')
  // Listed paths often come grouped by directory: skip the map lookup for a run of the same one.
  let lastDir = '/'
  let last = root
  for (const item of items) {
    if (isCacheTag(item)) continue
    const query = item.indexOf('?')
    const slash = item.lastIndexOf('/', query === -1 ? item.length - 1 : query - 1)
    if (slash !== lastDir.length - 1 || !item.startsWith(lastDir)) {
      lastDir = item.slice(0, slash + 1)
      last = node(lastDir)
    }
    last.direct++
    if (isWildcard(item)) last.directWildcards++
  }
  for (const dir of deepestFirst(byDir)) {
    dir.count += dir.direct
    dir.wildcards += dir.directWildcards
    if (dir.parent) {
      dir.parent.count += dir.count
      dir.parent.wildcards += dir.wildcards
    }
  }
  for (const dir of byDir.values()) dir.children.sort((a, b) => a.count - b.count)
  return { root, byDir }
}

export function deepestFirst(byDir: Map<string, DirectoryNode>): DirectoryNode[] {
  return [...byDir.values()].sort((a, b) => b.depth - a.depth)
}

/**
 * Counts, for each directory of the tree, the unchanged objects a wildcard on it would clear: each one
 * goes to the deepest directory of the tree above it (a directory without requested paths is no node),
 * then the counts are summed upwards. Objects a listed wildcard (`/img/*`, a covering `/a/b*`) already
 * clears are left out: every plan clears them. Returns how many those were.
 */
export function countUnchanged(
  tree: DirectoryTree,
  unchanged: readonly string[],
  listed: WildcardCover | undefined
): number {
  const { byDir } = tree
  // Directories of the inventory that are no node resolve to the same ancestor again and again.
  const nearest = new Map<string, DirectoryNode>()
  let alreadyCleared = 0
  for (const path of unchanged) {
    if (listed && listed.indexOf(path) !== -1) {
      alreadyCleared++
      continue
    }
    const dir = directoryOf(path)
    let node = byDir.get(dir) ?? nearest.get(dir)
    if (!node) {
      let up = dir
      while (!node) {
        up = up.slice(0, up.lastIndexOf('/', up.length - 2) + 1)
        node = byDir.get(up)
      }
      nearest.set(dir, node)
    }
    node.unchanged++
  }
  for (const dir of deepestFirst(byDir)) if (dir.parent) dir.parent.unchanged += dir.unchanged
  return alreadyCleared
}
