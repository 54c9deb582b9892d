import { countUnchanged, directoryTree, type DirectoryNode } from './directories.js'
import { UserError } from '../common/errors.js'
import { chooseExact } from './optimise.js'
import { EVERYTHING, WildcardCover, dropCoveredPaths, isCacheTag, isWildcard } from './paths.js'
import type { Inventory } from './inventory.js'
import type { CompactedWildcard, PathNotes, PathPlan, PlanInventory } from '../types.js'

/** CloudFront's limits on what one distribution has in progress: file paths, and wildcard paths. */
export const MAX_PATHS = 3000
export const MAX_WILDCARDS = 15
/**
 * max-paths when not given: a deploy of a few pages goes out path by path, a full rebuild as wildcards.
 * 3,000 would let one rebuild of a big site cost USD 15 per distribution (see docs/cost-and-compaction.md).
 */
export const DEFAULT_MAX_PATHS = 100

export interface PlanLimits {
  /** The most items (paths, wildcards and cache tags) to send; the `max-paths` input. */
  maxPaths: number
  /** CloudFront's 15 when not given; tests give fewer, so an exhaustive search can check the plan. */
  maxWildcards?: number
  /** Tests only: how much work the exact search may do (optimise.ts SEARCH_BUDGET). */
  searchBudget?: number
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
 *
 * A request that fits is sent as it is. One that does not is compacted: with the site's inventory exactly
 * (optimise.ts: the fewest unchanged objects cleared, then the fewest paths, then the fewest wildcards),
 * without it as the deepest wildcards that fit.
 */
export function planPaths(
  items: readonly string[],
  limits: PlanLimits,
  notes?: PathNotes,
  inventory?: Inventory
): PathPlan {
  const maxWildcards = limits.maxWildcards ?? MAX_WILDCARDS
  const kept = dropCoveredPaths(items)
  const { tags, wildcards } = countKinds(kept)
  const plan = {
    requested: items.length,
    alreadyCovered: items.length - kept.length,
    tags,
    maxPaths: limits.maxPaths,
    ...(notes ? { notes } : {})
  }
  // A list within max-paths goes as it is, with an inventory too: a wildcard that clears nothing else in
  // the bucket would save a path or two, but counts against CloudFront's 15 wildcards in progress, and
  // clears what other origins serve under it, which the inventory cannot show.
  if (kept.length <= limits.maxPaths && wildcards <= maxWildcards) {
    return {
      ...plan,
      paths: kept,
      wildcards,
      compacted: [],
      everything: false,
      ...(inventory ? { inventory: { ...inventoryOf(inventory, kept), exact: true } } : {})
    }
  }

  assertTagsFit(kept.length, tags, limits.maxPaths)
  const pathLimits = { maxPaths: limits.maxPaths - tags, maxWildcards }
  const { chosen, exact } = chooseDirectories(kept, pathLimits, inventory, limits.searchBudget)
  const sent = compactInto(kept, chosen)
  if (inventory) countPerWildcard(sent.compacted, inventory.unchanged)
  return {
    ...plan,
    ...sent,
    everything: sent.compacted.length === 1 && sent.compacted[0]?.path === EVERYTHING,
    ...(inventory ? { inventory: { ...inventoryOf(inventory, sent.paths), exact } } : {})
  }
}

/** How many of the items are cache tags, and how many wildcard paths. */
function countKinds(items: readonly string[]): { tags: number; wildcards: number } {
  let tags = 0
  let wildcards = 0
  for (const item of items) {
    if (isCacheTag(item)) tags++
    else if (isWildcard(item)) wildcards++
  }
  return { tags, wildcards }
}

/** Tags are sent as they are, so they and at least one path (a wildcard, at worst /*) must fit. */
function assertTagsFit(items: number, tags: number, maxPaths: number): void {
  const hasPaths = items > tags
  if (tags + (hasPaths ? 1 : 0) > maxPaths) {
    throw new UserError(
      `max-paths: ${tags} cache tags${hasPaths ? ' and at least one path' : ''} do not fit in ${maxPaths} paths, and tags cannot be compacted. Raise max-paths (at most ${MAX_PATHS}), or invalidate the tags over several steps.`
    )
  }
}

interface WildcardLimits {
  maxPaths: number
  maxWildcards: number
}

/**
 * The directories to send as wildcards: without an inventory the deepest that fit; with one the exact
 * search's, or the heuristic's (`exact: false`) when the search gives up on an unusually large tree.
 */
function chooseDirectories(
  kept: readonly string[],
  limits: WildcardLimits,
  inventory: Inventory | undefined,
  searchBudget: number | undefined
): { chosen: DirectoryNode[]; exact: boolean } {
  const tree = directoryTree(kept)
  if (!inventory) return { chosen: chooseWildcards(tree.root, limits), exact: true }
  const listed = kept.filter(item => !isCacheTag(item) && isWildcard(item))
  countUnchanged(tree, inventory.unchanged, listed.length > 0 ? new WildcardCover(listed) : undefined)
  // The heuristic's plan fits: the exact one clears no more. /* always fits (tags were checked before).
  const heuristic = chooseWildcards(tree.root, limits)
  const bound = heuristic.reduce((sum, node) => sum + node.unchanged, 0)
  const best = chooseExact(tree, { ...limits, bound, ...(searchBudget ? { budget: searchBudget } : {}) })
  return best ? { chosen: best.chosen, exact: true } : { chosen: heuristic, exact: false }
}

/**
 * The items with those under a chosen directory replaced by its wildcard, sent where the first of them
 * was listed; and the wildcards that stand for requested items, in the order sent.
 */
function compactInto(
  kept: readonly string[],
  chosen: readonly DirectoryNode[]
): Pick<PathPlan, 'paths' | 'wildcards' | 'compacted'> {
  const cover = new WildcardCover(chosen.map(node => `${node.dir}*`))
  const coveredBy = new Map<string, CompactedWildcard>(
    chosen.map(node => [`${node.dir}*`, { path: `${node.dir}*`, covers: node.count }])
  )
  const sent = new Array<boolean>(cover.prefixes.length).fill(false)
  const paths: string[] = []
  let wildcards = 0
  for (const item of kept) {
    const index = isCacheTag(item) ? -1 : cover.indexOf(item)
    if (index === -1) {
      paths.push(item)
      if (!isCacheTag(item) && isWildcard(item)) wildcards++
    } else if (!sent[index]) {
      sent[index] = true
      paths.push(`${cover.prefixes[index]}*`)
      wildcards++
    }
    // A chosen wildcard the user listed as it is (`/a/*`, alone in its directory) is no compaction.
    if (index !== -1 && item === `${cover.prefixes[index]}*`) coveredBy.delete(item)
  }
  const compacted = paths.flatMap(path => {
    const wildcard = coveredBy.get(path)
    return wildcard ? [wildcard] : []
  })
  return { paths, wildcards, compacted }
}

/** Each compacted wildcard's unchanged objects, all of them (a listed wildcard may clear some too). */
function countPerWildcard(compacted: CompactedWildcard[], unchanged: readonly string[]): void {
  // The chosen directories never nest, so each object is under one of them at most.
  const cover = new WildcardCover(compacted.map(wildcard => wildcard.path))
  const counts = new Array<number>(cover.prefixes.length).fill(0)
  for (const path of unchanged) {
    const index = cover.indexOf(path)
    if (index !== -1) counts[index] = (counts[index] as number) + 1
  }
  for (const wildcard of compacted) {
    wildcard.unchanged = counts[cover.indexOf(wildcard.path.slice(0, -1))] ?? 0
  }
}

/** What the inventory says of the paths sent: counted from them, whatever chose them. */
function inventoryOf(inventory: Inventory, sent: readonly string[]): Omit<PlanInventory, 'exact'> {
  const wildcards = sent.filter(item => !isCacheTag(item) && isWildcard(item))
  let cleared = 0
  if (wildcards.length > 0) {
    const cover = new WildcardCover(wildcards)
    for (const path of inventory.unchanged) if (cover.indexOf(path) !== -1) cleared++
  }
  return {
    objects: inventory.objects,
    unchanged: inventory.unchanged.length,
    cleared,
    missing: inventory.missing
  }
}

/**
 * Chooses the directories to invalidate with a wildcard, from the top down: it starts from `/*`, which
 * always fits, and replaces a chosen directory by what is in it (its own items listed, its
 * subdirectories as wildcards, the smallest listed instead when wildcards run short) whenever the result
 * still fits. Shallow directories are refined first, since they invalidate the most beyond what was
 * asked; it stops when no chosen directory can be refined, so each wildcard is as deep as the limits
 * allow. At most `maxWildcards` directories are ever chosen, so each pass is cheap.
 */
function chooseWildcards(root: DirectoryNode, limits: WildcardLimits): DirectoryNode[] {
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
