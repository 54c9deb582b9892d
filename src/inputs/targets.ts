/** The target inputs: distribution-id, distribution-tenant-id, distribution-alias and distribution-tag. */
import { UserError } from '../common/errors.js'
import type { InputReader } from '../common/input-common.js'
import { splitLines } from '../paths/paths.js'

export interface DistributionTag {
  key: string
  value: string
}

/** The distributions and tenants the inputs name; Settings holds them as they are. */
export interface TargetSettings {
  distributionIds: string[]
  distributionTenantIds: string[]
  distributionAliases: string[]
  distributionTags: DistributionTag[]
}

const DISTRIBUTION_ID = /^[A-Z0-9]{10,20}$/
// CloudFront's tenant IDs: dt_ and letters and digits (dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB in the AWS CLI's
// examples), at most 64 characters in all (the API reference's length constraint). - and _ are let
// through too: nothing documents that they never appear, and a refused real ID would block a deploy.
const TENANT_ID = /^dt_[\w-]{1,61}$/
// A DNS name CloudFront accepts as an alternate domain name: labels of letters, digits and hyphens, the
// first of which may be the wildcard `*`.
const DOMAIN_NAME = /^(\*|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/

/** The distributions and tenants named by ID, alias and tag; at least one must be. */
export function readTargets(getInput: InputReader): TargetSettings {
  const targets = {
    distributionIds: readDistributionIds(getInput('distribution-id')),
    distributionTenantIds: readDistributionTenantIds(getInput('distribution-tenant-id')),
    distributionAliases: readDistributionAliases(getInput('distribution-alias')),
    distributionTags: readDistributionTags(getInput('distribution-tag'))
  }
  if (Object.values(targets).every(named => named.length === 0)) {
    throw new UserError(
      "distribution-id, distribution-tenant-id, distribution-alias or distribution-tag is required: set at least one of them, for example distribution-id: E2QWRUHAPOMQZL (shown in the CloudFront console), distribution-tenant-id: dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB (a tenant of a multi-tenant distribution), distribution-alias: www.example.com (an alternate domain name of the distribution, or a tenant's domain), or distribution-tag: environment=production."
    )
  }
  return targets
}

/** Items separated by newlines, commas or spaces, each once, in order. */
function splitList(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).filter(item => item.length > 0))]
}

function readDistributionIds(raw: string): string[] {
  const ids = splitList(raw)
  for (const id of ids) {
    if (!DISTRIBUTION_ID.test(id)) throw new UserError(explainBadDistributionId(id))
  }
  return ids
}

/** What a value wrapped in quotes (YAML quoting the runner passed on as it is) should have been. */
function unquoted(value: string): string | undefined {
  const inner = /^(["'`])(.*)\1$/.exec(value)?.[2]
  return inner === undefined || inner === '' ? undefined : inner
}

function explainBadDistributionId(id: string): string {
  const base = `distribution-id: "${id}" is not a CloudFront distribution ID`
  const inner = unquoted(id)
  if (inner && DISTRIBUTION_ID.test(inner)) return `${base}; remove the quotes around it: ${inner}.`
  if (TENANT_ID.test(id) || /:distribution-tenant\//.test(id)) {
    return `${base}; it names a distribution tenant. Give it as distribution-tenant-id instead.`
  }
  const arnId = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/.exec(id)?.[1]
  if (arnId) return `${base}; it is the distribution's ARN. Use the ID alone: ${arnId}.`
  if (/\.cloudfront\.net$/i.test(id)) {
    return `${base}; it is the distribution's domain name. Use its ID (for example E2QWRUHAPOMQZL), shown in the CloudFront console.`
  }
  if (DISTRIBUTION_ID.test(id.toUpperCase())) {
    return `${base}; IDs are upper case. Use ${id.toUpperCase()}.`
  }
  return `${base}. An ID is 10 to 20 upper-case letters and digits (for example E2QWRUHAPOMQZL), shown in the CloudFront console.`
}

function readDistributionTenantIds(raw: string): string[] {
  const ids = splitList(raw)
  for (const id of ids) {
    if (!TENANT_ID.test(id)) throw new UserError(explainBadTenantId(id))
  }
  return ids
}

function explainBadTenantId(id: string): string {
  const base = `distribution-tenant-id: "${id}" is not a CloudFront distribution tenant ID`
  const inner = unquoted(id)
  if (inner && TENANT_ID.test(inner)) return `${base}; remove the quotes around it: ${inner}.`
  const arnId = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution-tenant\/(dt_[\w-]+)$/.exec(id)?.[1]
  if (arnId) return `${base}; it is the tenant's ARN. Use the ID alone: ${arnId}.`
  if (/^dt_/i.test(id) && TENANT_ID.test(`dt_${id.slice(3)}`)) {
    return `${base}; a tenant ID starts with dt_ in lower case (the rest keeps its case): dt_${id.slice(3)}.`
  }
  if (DISTRIBUTION_ID.test(id)) {
    return `${base}; it looks like a distribution ID. Give it as distribution-id instead (a multi-tenant distribution's ID invalidates every tenant of it).`
  }
  if (id.includes('.')) {
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(id)?.[1] ?? id
    return `${base}; it looks like a domain name. Give ${host} as distribution-alias instead, which finds the tenant by its domain.`
  }
  return `${base}. A tenant ID is dt_ followed by letters and digits (for example dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB), shown in the CloudFront console under Distribution tenants; a tenant's name is not its ID.`
}

function readDistributionAliases(raw: string): string[] {
  // DNS names are case-insensitive, and a trailing dot only marks a fully qualified name.
  const aliases = splitList(raw.toLowerCase()).map(alias => alias.replace(/\.$/, ''))
  for (const alias of aliases) {
    if (DOMAIN_NAME.test(alias)) continue
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/.exec(alias)?.[1]
    const fix = host
      ? `Use the domain name alone: ${host}.`
      : 'Use an alternate domain name (CNAME) of the distribution, for example www.example.com.'
    throw new UserError(`distribution-alias: "${alias}" is not a domain name. ${fix}`)
  }
  return [...new Set(aliases)]
}

// CloudFront's Tag type (API_Tag): keys and values hold letters, digits, spaces and _ . : / = + - @ only
// (pattern [\p{L}\p{Z}\p{N}_.:/=+\-@]*), so no tag holds a comma: a comma can separate tags with no escape.
const NOT_TAG_CHARACTER = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/u

/**
 * `key=value`, one per line or several on a line separated by commas, as the other distribution inputs
 * take lists. Why commas and not the other choice (one tag a line, and a hint when nothing matches): no
 * CloudFront tag can hold a comma (NOT_TAG_CHARACTER), so `env=prod,site=x` can only mean two tags, and no
 * escape is needed. Spaces do not separate: a tag value may hold them (`team=web docs`).
 */
export function readDistributionTags(raw: string): DistributionTag[] {
  const tags = new Map<string, DistributionTag>()
  for (const line of splitLines(raw)) {
    // The AWS CLI's shorthand (--tags Key=env,Value=prod) would read as two tags, Key=env and Value=prod.
    const shorthand = /^Key\s*=\s*([^,]*),\s*Values?\s*=\s*([^,]*)$/i.exec(line)
    if (shorthand) {
      throw new UserError(
        `distribution-tag: "${line}" is the AWS CLI's Key=…,Value=… form. Write the tag as key=value: ${shorthand[1]?.trim()}=${shorthand[2]?.trim()}.`
      )
    }
  }
  const items = splitLines(raw).flatMap(line => line.split(',').map(item => item.trim()))
  for (const item of items.filter(item => item !== '')) {
    const equals = item.indexOf('=')
    const key = item.slice(0, equals).trim()
    const value = item.slice(equals + 1).trim()
    if (equals === -1 || key === '') {
      throw new UserError(
        `distribution-tag: "${item}" is not key=value. Write the tag's key and value, for example environment=production (several tags one per line or separated by commas).`
      )
    }
    const bad = NOT_TAG_CHARACTER.exec(`${key}${value}`)?.[0]
    if (bad !== undefined) {
      const fix = /["'`]/.test(bad)
        ? 'Remove the quotes'
        : bad === '*'
          ? 'A tag matches exactly, with no wildcard: give the whole value'
          : 'Give the tag as the CloudFront console shows it'
      throw new UserError(
        `distribution-tag: "${item}" holds ${JSON.stringify(bad)}, which no CloudFront tag can hold (only letters, digits, spaces and _ . : / = + - @). ${fix}.`
      )
    }
    // CloudFront's limits on tags.
    if (key.length > 128 || value.length > 256) {
      throw new UserError(
        `distribution-tag: "${item}" is too long; a tag key has at most 128 characters and its value at most 256.`
      )
    }
    tags.set(`${key}=${value}`, { key, value })
  }
  return [...tags.values()]
}
