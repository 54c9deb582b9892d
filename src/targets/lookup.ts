import { UserError } from '../common/errors.js'
import type { DistributionTag } from '../inputs/targets.js'
import type { DistributionSummary, FoundBy, Target, TenantSummary } from '../types.js'

/** The domain names CloudFront gives distributions itself (.cloudfront.cn in the China regions). */
const CLOUDFRONT_DOMAIN = /\.cloudfront\.(net|cn)$/

/** How a name matched an alternate domain name: CloudFront routes an exact one before a wildcard. */
type AliasMatch = 'exact' | 'wildcard'

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

interface AliasResolution {
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
  // A distribution's own domain name is no alias, but names it as surely.
  if (CLOUDFRONT_DOMAIN.test(name)) {
    const own = distributions.find(distribution => distribution.domainName?.toLowerCase() === name)
    if (own?.domainName) return { id: own.id, alias: own.domainName }
  }
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

const tagLabel = (tag: DistributionTag): string => `${tag.key}=${tag.value}`

/** The inputs that name distributions and tenants, as inputs/targets.ts read them. */
export interface Targets {
  distributionIds: readonly string[]
  distributionTenantIds: readonly string[]
  distributionAliases: readonly string[]
  distributionTags: readonly DistributionTag[]
}

/** The AWS calls a lookup may make; lookup.ts only decides which ones, and when. */
export interface LookupDeps {
  /** Every distribution of the account, with its aliases (ListDistributions, every page). */
  listDistributions: () => Promise<DistributionSummary[]>
  /** The IDs of every distribution carrying each tag, in the order of the tags. */
  findTagged: (tags: readonly DistributionTag[]) => Promise<string[][]>
  /** The tenant whose domain this is (GetDistributionTenantByDomain), or undefined. */
  getTenantByDomain: (domain: string) => Promise<TenantSummary | undefined>
  info: (message: string) => void
}

/** A distribution or tenant to invalidate, and every input that named it (for the log and the summary). */
export interface ResolvedTarget {
  target: Target
  foundBy: FoundBy[]
}

/** A tenant as a target, with what is known of it. */
export function tenantTarget(tenant: TenantSummary): Target {
  return {
    kind: 'tenant',
    id: tenant.id,
    ...(tenant.distributionId ? { distributionId: tenant.distributionId } : {}),
    ...(tenant.name ? { name: tenant.name } : {})
  }
}

/** `tenant dt_… (name) of E…`, for the log. */
export function describeTenant(target: Extract<Target, { kind: 'tenant' }>): string {
  const name = target.name ? ` (${target.name})` : ''
  const of = target.distributionId ? ` of distribution ${target.distributionId}` : ''
  return `distribution tenant ${target.id}${name}${of}`
}

/**
 * The union of the distributions and tenants named by ID, alias and tag, each once, in that order
 * (distributions before tenants). Only the lookups whose inputs are set call AWS; IDs alone call
 * nothing. An alias is first matched against the distributions' alternate domain names (exact, then
 * wildcard) and their own domain names; only a name no distribution has is asked of the tenants
 * (GetDistributionTenantByDomain), so a step without tenants makes no tenant call. Every alias or tag
 * that matches nothing is named in one error, so a typo in one is not hidden behind another.
 */
export async function resolveTargets(targets: Targets, deps: LookupDeps): Promise<ResolvedTarget[]> {
  const { distributionAliases: aliases, distributionTags: tags } = targets
  const [distributions, tagged] = await Promise.all([
    aliases.length > 0 ? deps.listDistributions() : [],
    tags.length > 0 ? deps.findTagged(tags) : []
  ])
  const byAlias = await findByAlias(aliases, distributions, deps)
  const byTag = findByTag(tags, tagged, deps.info)
  const missing = [...byAlias.missing, ...byTag.missing]
  if (missing.length > 0) throw new UserError(explainMissing(missing, distributions.length))
  return mergeFound([...foundById(targets), ...byAlias.found, ...byTag.found])
}

/** A distribution or tenant, and the input that named it. */
interface Found {
  target: Target
  source: FoundBy
}

/** What a lookup found, and the inputs that matched nothing (`distribution-alias www.example.com`). */
interface Lookup {
  found: Found[]
  missing: string[]
}

function foundById(targets: Targets): Found[] {
  return [
    ...targets.distributionIds.map((id): Found => ({
      target: { kind: 'distribution', id },
      source: { by: 'distribution-id' }
    })),
    ...targets.distributionTenantIds.map((id): Found => ({
      target: { kind: 'tenant', id },
      source: { by: 'distribution-tenant-id' }
    }))
  ]
}

/** Each alias's distribution, or else the tenant whose domain it is (asked of names no distribution has). */
async function findByAlias(
  aliases: readonly string[],
  distributions: readonly DistributionSummary[],
  deps: Pick<LookupDeps, 'getTenantByDomain' | 'info'>
): Promise<Lookup> {
  const byAlias = aliases.map(name => ({ name, match: resolveAlias(name, distributions) }))
  const unmatched = byAlias.filter(({ match }) => !match).map(({ name }) => name)
  const tenants = new Map(
    await Promise.all(unmatched.map(async name => [name, await deps.getTenantByDomain(name)] as const))
  )
  const lookup: Lookup = { found: [], missing: [] }
  for (const { name, match } of byAlias) {
    if (match) {
      const via = match.alias.toLowerCase() === name ? '' : ` (by its alias ${match.alias})`
      deps.info(`distribution-alias ${name} resolved to distribution ${match.id}${via}.`)
      lookup.found.push({ target: { kind: 'distribution', id: match.id }, source: { by: 'alias', name } })
      continue
    }
    const tenant = tenants.get(name)
    if (!tenant) {
      lookup.missing.push(`distribution-alias ${name}`)
      continue
    }
    const target = tenantTarget(tenant)
    deps.info(
      `distribution-alias ${name} resolved to ${describeTenant(target as Extract<Target, { kind: 'tenant' }>)}.`
    )
    lookup.found.push({ target, source: { by: 'alias', name } })
  }
  return lookup
}

/** The distributions carrying each tag; `tagged` holds their IDs, in the order of the tags. */
function findByTag(
  tags: readonly DistributionTag[],
  tagged: readonly (readonly string[])[],
  info: (message: string) => void
): Lookup {
  const lookup: Lookup = { found: [], missing: [] }
  tags.forEach((tag, index) => {
    const ids = [...new Set(tagged[index] ?? [])]
    if (ids.length === 0) {
      lookup.missing.push(`distribution-tag ${tagLabel(tag)}`)
      return
    }
    info(
      `distribution-tag ${tagLabel(tag)} resolved to ${ids.length === 1 ? 'distribution' : 'distributions'} ${ids.join(', ')}.`
    )
    for (const id of ids) {
      lookup.found.push({ target: { kind: 'distribution', id }, source: { by: 'tag', tag: tagLabel(tag) } })
    }
  })
  return lookup
}

/** Each distribution and tenant once, with every input that named it. */
function mergeFound(found: readonly Found[]): ResolvedTarget[] {
  const resolved = new Map<string, ResolvedTarget>()
  for (const { target, source } of found) {
    const key = `${target.kind}:${target.id}`
    const entry = resolved.get(key) ?? { target, foundBy: [] }
    // A lookup may know more of a tenant (its distribution, its name) than its ID alone said.
    if (target.kind === 'tenant') entry.target = { ...entry.target, ...target }
    entry.foundBy.push(source)
    resolved.set(key, entry)
  }
  // Distributions first, then tenants, each in the order named: the order of the outputs.
  const rank = ({ target }: ResolvedTarget) => (target.kind === 'tenant' ? 1 : 0)
  return [...resolved.values()].sort((a, b) => rank(a) - rank(b))
}

function explainMissing(missing: readonly string[], listed: number): string {
  const what = missing.length === 1 ? 'matches' : 'match'
  const hints = [
    missing.some(item => item.startsWith('distribution-alias'))
      ? `An alias must be an alternate domain name (CNAME) of a distribution or be covered by a wildcard one, be a distribution's own domain name (d111111abcdef8.cloudfront.net), or be a domain of a distribution tenant; ${listed} distributions were searched, and the tenants by domain.`
      : '',
    missing.some(item => item.startsWith('distribution-tag'))
      ? 'A tag matches when a distribution carries that key with exactly that value (both are case-sensitive).'
      : '',
    // A value may hold spaces, so `env=prod site=x` is one tag; when it matches nothing, say how to give two.
    missing.some(item => /^distribution-tag [^=]*=.*\s[^\s=]+=/.test(item))
      ? 'Spaces do not separate tags (a value may hold them): give several tags one per line or separated by commas.'
      : '',
    'Check the distributions in the CloudFront console, and that the credentials are for the AWS account that owns them.'
  ]
  return `${missing.join(', ')} ${what} no CloudFront distribution. ${hints.filter(Boolean).join(' ')}`
}
