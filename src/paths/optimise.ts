/**
 * Pure: with the site's inventory, the directory wildcards that clear the fewest unchanged objects while
 * every requested path is covered, within max-paths and CloudFront's 15 wildcards; among those, the
 * fewest paths, then the fewest wildcards; /* only when it clears fewer than any other plan.
 *
 * An exact dynamic programme over the directory tree. For each directory and each number of wildcards
 * w (0 to 15), it keeps the plans of that subtree that no other beats on both paths and unchanged objects
 * cleared (a Pareto front). A directory's front is its own wildcard (1 path, 1 wildcard, its unchanged
 * objects) next to every sum of its children's fronts with its own items listed. Two wildcards on one
 * path of the tree never both help, so a subtree's choice is independent of the rest: the fronts combine
 * exactly. A front holds at most max-paths points per w, and in practice a handful: a directory of files
 * has two (listed, or one wildcard).
 */
import { deepestFirst, type DirectoryNode, type DirectoryTree } from './directories.js'

export interface ExactLimits {
  /** Paths left for the directories' items once cache tags are counted. */
  maxPaths: number
  maxWildcards: number
  /**
   * The unchanged objects a known plan clears (the heuristic's): no better plan clears more, so no
   * point above it is kept.
   */
  bound?: number
  /** Pairs of points the search may combine before it gives up; about 10 ns each. */
  budget?: number
}

/** Enough for every realistic site well under a second; an adversarial tree gives up (see planPaths). */
export const SEARCH_BUDGET = 30_000_000

/** Chosen directories, as a tree of picks so that combining two plans is O(1). */
type Picks = DirectoryNode | { left: Picks; right: Picks } | undefined

interface Point {
  paths: number
  unchanged: number
  picks: Picks
}

/** Points by wildcards used: front[w], sorted by paths ascending, unchanged strictly descending. */
type Front = Point[][]

export interface ExactChoice {
  chosen: DirectoryNode[]
  paths: number
  wildcards: number
  /** Unchanged objects the chosen wildcards clear (not counting those listed wildcards clear anyway). */
  unchanged: number
}

/**
 * The best plan of the whole tree; undefined when the search ran out of its budget (or nothing fits,
 * max-paths below 1).
 */
export function chooseExact(tree: DirectoryTree, limits: ExactLimits): ExactChoice | undefined {
  const fronts = new Map<DirectoryNode, Front>()
  const work = { left: limits.budget ?? SEARCH_BUDGET }
  for (const node of deepestFirst(tree.byDir)) {
    let front: Front = single(node.directWildcards, { paths: node.direct, unchanged: 0, picks: undefined })
    front = limit(front, limits)
    for (const child of node.children) {
      front = combine(front, fronts.get(child) as Front, limits, work)
      if (work.left < 0) return undefined
      fronts.delete(child)
    }
    // Its own wildcard replaces every item below it. The root's, /*, is kept apart: it also clears what
    // other origins serve (/api/* behaviours), which no inventory of the bucket shows, so it is chosen only
    // when it clears fewer unchanged objects than every other plan, never on a tie.
    const own = single(1, { paths: 1, unchanged: node.unchanged, picks: node })
    fronts.set(node, node === tree.root ? prune(front, limits) : prune(merge(front, own), limits))
  }
  const root = fronts.get(tree.root) as Front
  let best: { point: Point; wildcards: number } | undefined
  root.forEach((points, wildcards) => {
    for (const point of points) {
      if (
        !best ||
        point.unchanged < best.point.unchanged ||
        (point.unchanged === best.point.unchanged &&
          (point.paths < best.point.paths ||
            (point.paths === best.point.paths && wildcards < best.wildcards)))
      ) {
        best = { point, wildcards }
      }
    }
  })
  const everything = { point: { paths: 1, unchanged: tree.root.unchanged, picks: tree.root }, wildcards: 1 }
  if ((!best || everything.point.unchanged < best.point.unchanged) && limits.maxPaths >= 1) best = everything
  if (!best) return undefined
  return {
    chosen: flatten(best.point.picks),
    paths: best.point.paths,
    wildcards: best.wildcards,
    unchanged: best.point.unchanged
  }
}

function single(wildcards: number, point: Point): Front {
  const front: Front = Array.from({ length: wildcards + 1 }, () => [])
  front[wildcards] = [point]
  return front
}

function limit(front: Front, limits: ExactLimits): Front {
  return front
    .slice(0, limits.maxWildcards + 1)
    .map(points => points.filter(point => point.paths <= limits.maxPaths))
}

/** Every plan of one part next to every plan of another: paths, wildcards and unchanged objects add up. */
function combine(a: Front, b: Front, limits: ExactLimits, work: { left: number }): Front {
  const out: Point[][] = Array.from(
    { length: Math.min(a.length + b.length - 1, limits.maxWildcards + 1) },
    () => []
  )
  for (let wa = 0; wa < a.length; wa++) {
    const left = a[wa] as Point[]
    if (left.length === 0) continue
    for (let wb = 0; wb < b.length && wa + wb <= limits.maxWildcards; wb++) {
      const right = b[wb] as Point[]
      const into = out[wa + wb] as Point[]
      work.left -= left.length * right.length
      for (const x of left) {
        for (const y of right) {
          const paths = x.paths + y.paths
          if (paths > limits.maxPaths) break // right is sorted by paths
          into.push({
            paths,
            unchanged: x.unchanged + y.unchanged,
            picks:
              x.picks === undefined
                ? y.picks
                : y.picks === undefined
                  ? x.picks
                  : { left: x.picks, right: y.picks }
          })
        }
      }
    }
  }
  return prune(out, limits)
}

/** The union of two fronts' points (either plan of the same directory). */
function merge(a: Front, b: Front): Front {
  const out: Point[][] = []
  for (let w = 0; w < Math.max(a.length, b.length); w++) out.push([...(a[w] ?? []), ...(b[w] ?? [])])
  return out
}

/**
 * Keeps the points no other beats: one with as few or fewer wildcards, paths and unchanged objects. So
 * a point with more wildcards stays only when it saves paths or unchanged objects.
 */
function prune(front: Front, limits: ExactLimits): Front {
  // The best unchanged count reachable within each number of paths, over the fewer wildcards seen so far.
  let below: Point[] = []
  const out: Front = []
  const bound = limits.bound ?? Infinity
  for (let w = 0; w < front.length && w <= limits.maxWildcards; w++) {
    const points = (front[w] as Point[])
      .filter(point => point.paths <= limits.maxPaths && point.unchanged <= bound)
      .sort((x, y) => x.paths - y.paths || x.unchanged - y.unchanged)
    const kept: Point[] = []
    let i = 0
    let bestBelow = Infinity
    for (const point of points) {
      while (i < below.length && (below[i] as Point).paths <= point.paths) {
        bestBelow = Math.min(bestBelow, (below[i] as Point).unchanged)
        i++
      }
      const last = kept.at(-1)
      if (point.unchanged >= bestBelow) continue
      if (last && point.unchanged >= last.unchanged) continue
      kept.push(point)
    }
    out.push(kept)
    below = staircase(below, kept)
  }
  while (out.length > 1 && (out.at(-1) as Point[]).length === 0) out.pop()
  return out
}

/** The Pareto staircase of two staircases: paths ascending, unchanged strictly descending. */
function staircase(a: Point[], b: Point[]): Point[] {
  const out: Point[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const x = a[i]
    const y = b[j]
    let next: Point
    if (
      y === undefined ||
      (x !== undefined && (x.paths < y.paths || (x.paths === y.paths && x.unchanged <= y.unchanged)))
    ) {
      next = x as Point
      i++
    } else {
      next = y
      j++
    }
    if (out.length === 0 || next.unchanged < (out.at(-1) as Point).unchanged) out.push(next)
  }
  return out
}

function flatten(picks: Picks): DirectoryNode[] {
  const out: DirectoryNode[] = []
  const stack: Picks[] = [picks]
  while (stack.length > 0) {
    const top = stack.pop()
    if (top === undefined) continue
    if ('dir' in top) out.push(top)
    else stack.push(top.right, top.left)
  }
  return out
}
