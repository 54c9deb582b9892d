import { UserError } from './errors.js'
import { EVERYTHING, WildcardCover, dropCoveredPaths, isCacheTag, isWildcard } from './paths.js'
import type { PathNotes } from './sources.js'

/** CloudFront's limits on what one distribution has in progress: file paths, and wildcard paths. */
export const MAX_PATHS = 3000
export const MAX_WILDCARDS = 15

export interface PlanLimits {
  /** The most items (paths, wildcards and cache tags) to send; the `max-paths` input. */
  maxPaths: number
  maxWildcards?: number
}

/** A wildcard the compaction chose, and how many of the requested items it stands for. */
export interface CompactedWildcard {
  path: string
  covers: number
}

/** What one distribution is sent, and how it came from what was asked. */
export interface PathPlan {
  /** The items to send, in the order their first requested item was listed. */
  paths: readonly string[]
  /** Distinct items requested (after normalisation and dedupe). */
  requested: number
  /** Requested paths dropped because a wildcard in the same request already covers them. */
  alreadyCovered: number
  /** Wildcard paths among `paths`. */
  wildcards: number
  /** Cache tags among `paths`; never compacted. */
  tags: number
  /** The wildcards compaction put in place of requested paths; empty when the request fitted as it was. */
  compacted: CompactedWildcard[]
  /** True when nothing narrower than /* fitted the limits. */
  everything: boolean
  /** How the items were read from the inputs (CLI lines, index directories, covering wildcards). */
  notes?: PathNotes
}

/**
 * CloudFront bills each path of an invalidation, a wildcard or a cache tag counting as one (the first
 * 1,000 a month are free, per AWS account). So the bill of a plan is its length.
 */
export function billedPaths(plan: Pick<PathPlan, 'paths'>): number {
  return plan.paths.length
}

/**
 * Plans what one distribution is sent: drops paths a listed wildcard covers, then, when the rest is over
 * the limits, compacts it into directory wildcards that cover every requested path. Never drops a
 * requested path; cache tags are kept as they are and counted against the limits.
 */
export function planPaths(items: readonly string[], limits: PlanLimits, notes?: PathNotes): PathPlan {
  const maxPaths = limits.maxPaths
  const maxWildcards = limits.maxWildcards ?? MAX_WILDCARDS
  const kept = dropCoveredPaths(items)
  let tags = 0
  let wildcards = 0
  for (const item of kept) {
    if (isCacheTag(item)) tags++
    else if (isWildcard(item)) wildcards++
  }
  const plan = {
    requested: items.length,
    alreadyCovered: items.length - kept.length,
    tags,
    ...(notes ? { notes } : {})
  }
  if (kept.length <= maxPaths && wildcards <= maxWildcards) {
    return { ...plan, paths: kept, wildcards, compacted: [], everything: false }
  }

  const hasPaths = kept.length > tags
  if (tags + (hasPaths ? 1 : 0) > maxPaths) {
    throw new UserError(
      `max-paths: ${tags} cache tags${hasPaths ? ' and at least one path' : ''} do not fit in ${maxPaths} paths, and tags cannot be compacted. Raise max-paths (at most ${MAX_PATHS}), or invalidate the tags over several steps.`
    )
  }
  const tree = directoryTree(kept)
  const chosen = chooseWildcards(tree, { maxPaths: maxPaths - tags, maxWildcards })
  const cover = new WildcardCover(chosen.map(node => `${node.dir}*`))
  const coveredBy = new Map(chosen.map(node => [`${node.dir}*`, node.count]))
  const sent = new Array<boolean>(cover.prefixes.length).fill(false)
  const paths: string[] = []
  let sentWildcards = 0
  for (const item of kept) {
    const index = isCacheTag(item) ? -1 : cover.indexOf(item)
    if (index === -1) {
      paths.push(item)
      if (!isCacheTag(item) && isWildcard(item)) sentWildcards++
    } else if (!sent[index]) {
      sent[index] = true
      paths.push(`${cover.prefixes[index]}*`)
      sentWildcards++
    }
    // A chosen wildcard the user listed as it is (`/a/*`, alone in its directory) is no compaction.
    if (index !== -1 && item === `${cover.prefixes[index]}*`) coveredBy.delete(item)
  }
  const compacted = paths
    .filter(path => coveredBy.has(path))
    .map(path => ({ path, covers: coveredBy.get(path) as number }))
  return {
    ...plan,
    paths,
    wildcards: sentWildcards,
    compacted,
    everything: compacted.length === 1 && compacted[0]?.path === EVERYTHING
  }
}

/** One directory of the requested paths: `/`, `/assets/`, `/assets/js/`. */
interface DirectoryNode {
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
}

/**
 * The directories of the requested paths, with how many items each holds. Only directories are nodes,
 * so a million hashed assets in a few directories make a tree of a few nodes. A query string is not
 * part of the directory: `/search?q=a/b` is in `/`.
 */
function directoryTree(items: readonly string[]): DirectoryNode {
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
      wildcards: 0
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
  const deepestFirst = [...byDir.values()].sort((a, b) => b.depth - a.depth)
  for (const dir of deepestFirst) {
    dir.count += dir.direct
    dir.wildcards += dir.directWildcards
    if (dir.parent) {
      dir.parent.count += dir.count
      dir.parent.wildcards += dir.wildcards
    }
  }
  for (const dir of byDir.values()) dir.children.sort((a, b) => a.count - b.count)
  return root
}

/**
 * Chooses the directories to invalidate with a wildcard, from the top down: it starts from `/*`, which
 * always fits, and replaces a chosen directory by what is in it (its own items listed, its
 * subdirectories as wildcards, the smallest listed instead when wildcards run short) whenever the result
 * still fits. Shallow directories are refined first, since they invalidate the most beyond what was
 * asked; it stops when no chosen directory can be refined, so each wildcard is as deep as the limits
 * allow. At most `maxWildcards` directories are ever chosen, so each pass is cheap.
 */
function chooseWildcards(
  root: DirectoryNode,
  limits: { maxPaths: number; maxWildcards: number }
): DirectoryNode[] {
  const chosen = new Set<DirectoryNode>([root])
  let paths = 1
  let wildcards = 1

  const refine = (node: DirectoryNode): boolean => {
    const pathsLeft = limits.maxPaths - paths + 1
    const wildcardsLeft = limits.maxWildcards - wildcards + 1
    let addPaths = node.direct
    let addWildcards = node.directWildcards
    const listed = new Set<DirectoryNode>()
    for (const child of node.children) {
      // A directory with a single item is better listed: one path either way, and no wildcard.
      if (child.count === 1) {
        listed.add(child)
        addPaths += 1
        addWildcards += child.wildcards
      } else {
        addPaths += 1
        addWildcards += 1
      }
    }
    // Children are sorted smallest first: list those whose items cost the fewest paths.
    for (const child of node.children) {
      if (addWildcards <= wildcardsLeft || addPaths > pathsLeft) break
      if (listed.has(child) || child.wildcards > 0) continue
      listed.add(child)
      addPaths += child.count - 1
      addWildcards -= 1
    }
    if (addPaths > pathsLeft || addWildcards > wildcardsLeft) return false
    chosen.delete(node)
    for (const child of node.children) if (!listed.has(child)) chosen.add(child)
    paths += addPaths - 1
    wildcards += addWildcards - 1
    return true
  }

  for (let progress = true; progress;) {
    progress = false
    const shallowestFirst = [...chosen].sort((a, b) => a.depth - b.depth || a.count - b.count)
    for (const node of shallowestFirst) if (refine(node)) progress = true
  }
  return [...chosen]
}
