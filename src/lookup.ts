import { UserError } from './errors.js'
import type { DistributionTag } from './inputs.js'

/** What the alias lookup needs of a distribution: one item of ListDistributions. */
export interface DistributionSummary {
  id: string
  aliases: readonly string[]
}

/** How a name matched an alternate domain name: CloudFront routes an exact one before a wildcard. */
export type AliasMatch = 'exact' | 'wildcard'

/**
 * Whether a request for `name` would be routed by the alternate domain name `alias`, as CloudFront
 * routes: case-insensitive; a wildcard alias `*.example.com` covers exactly one more label
 * (`www.example.com`, but neither `example.com` nor `a.b.example.com`). A name that is itself a wildcard
 * only matches that same wildcard.
 */
export function matchAlias(name: string, alias: string): AliasMatch | undefined {
  const wanted = name.toLowerCase()
  const candidate = alias.toLowerCase()
  if (wanted === candidate) return 'exact'
  if (!candidate.startsWith('*.') || wanted.startsWith('*.')) return undefined
  const dot = wanted.indexOf('.')
  return dot > 0 && wanted.slice(dot) === candidate.slice(1) ? 'wildcard' : undefined
}

export interface AliasResolution {
  id: string
  /** The alias of the distribution that matched: the name itself, or the wildcard covering it. */
  alias: string
}

/**
 * The one distribution a name is routed to: an exact alias wins over a wildcard. CloudFront lets an alias
 * (and a wildcard) belong to one distribution only, so two at the same rank would mean the list is not
 * one account's; that is refused rather than guessed.
 */
export function resolveAlias(
  name: string,
  distributions: readonly DistributionSummary[]
): AliasResolution | undefined {
  for (const rank of ['exact', 'wildcard'] as const) {
    const found = distributions.flatMap(distribution =>
      distribution.aliases
        .filter(alias => matchAlias(name, alias) === rank)
        .map(alias => ({ id: distribution.id, alias }))
    )
    const [first, second] = found
    if (second) {
      throw new UserError(
        `distribution-alias: ${name} matches several distributions (${found.map(match => `${match.id} by ${match.alias}`).join(', ')}). Use distribution-id to name the one to invalidate.`
      )
    }
    if (first) return first
  }
  return undefined
}

export const tagLabel = (tag: DistributionTag): string => `${tag.key}=${tag.value}`

/** The inputs that name distributions, as inputs.ts read them. */
export interface Targets {
  distributionIds: readonly string[]
  distributionAliases: readonly string[]
  distributionTags: readonly DistributionTag[]
}

/** The AWS calls a lookup may make; lookup.ts only decides which ones, and when. */
export interface LookupDeps {
  /** Every distribution of the account, with its aliases (ListDistributions, every page). */
  listDistributions: () => Promise<DistributionSummary[]>
  /** The IDs of every distribution carrying each tag, in the order of the tags. */
  findTagged: (tags: readonly DistributionTag[]) => Promise<string[][]>
  info: (message: string) => void
}

/** A distribution to invalidate, and every input that named it (for the log and the summary). */
export interface ResolvedDistribution {
  id: string
  foundBy: string[]
}

/**
 * The union of the distributions named by ID, alias and tag, each once, in that order. Only the lookups
 * whose inputs are set call AWS; IDs alone call nothing. Every alias or tag that matches nothing is named
 * in one error, so a typo in one is not hidden behind another.
 */
export async function resolveDistributions(
  targets: Targets,
  deps: LookupDeps
): Promise<ResolvedDistribution[]> {
  const resolved = new Map<string, ResolvedDistribution>()
  const add = (id: string, source: string) => {
    const entry = resolved.get(id) ?? { id, foundBy: [] }
    entry.foundBy.push(source)
    resolved.set(id, entry)
  }
  for (const id of targets.distributionIds) add(id, 'distribution-id')

  const { distributionAliases: aliases, distributionTags: tags } = targets
  const [distributions, tagged] = await Promise.all([
    aliases.length > 0 ? deps.listDistributions() : [],
    tags.length > 0 ? deps.findTagged(tags) : []
  ])
  const missing: string[] = []
  for (const name of aliases) {
    const match = resolveAlias(name, distributions)
    if (!match) {
      missing.push(`distribution-alias ${name}`)
      continue
    }
    const via = match.alias.toLowerCase() === name ? '' : ` (by its alias ${match.alias})`
    deps.info(`distribution-alias ${name} resolved to distribution ${match.id}${via}.`)
    add(match.id, `alias ${name}`)
  }
  tags.forEach((tag, index) => {
    const ids = [...new Set(tagged[index] ?? [])]
    if (ids.length === 0) {
      missing.push(`distribution-tag ${tagLabel(tag)}`)
      return
    }
    deps.info(
      `distribution-tag ${tagLabel(tag)} resolved to ${ids.length === 1 ? 'distribution' : 'distributions'} ${ids.join(', ')}.`
    )
    for (const id of ids) add(id, `tag ${tagLabel(tag)}`)
  })
  if (missing.length > 0) throw new UserError(explainMissing(missing, distributions.length))
  return [...resolved.values()]
}

function explainMissing(missing: readonly string[], listed: number): string {
  const what = missing.length === 1 ? 'matches' : 'match'
  const hints = [
    missing.some(item => item.startsWith('distribution-alias'))
      ? `An alias must be an alternate domain name (CNAME) of a distribution, or be covered by a wildcard one; ${listed} distributions were searched.`
      : '',
    missing.some(item => item.startsWith('distribution-tag'))
      ? 'A tag matches when a distribution carries that key with exactly that value (both are case-sensitive).'
      : '',
    'Check the distributions in the CloudFront console, and that the credentials are for the AWS account that owns them.'
  ]
  return `${missing.join(', ')} ${what} no CloudFront distribution. ${hints.filter(Boolean).join(' ')}`
}
