/**
 * The listings and lookups that find targets: every distribution with its aliases, a multi-tenant
 * distribution's tenants, the tenant serving a domain; and the paging helper they share with tagging.ts.
 */
import {
  type CloudFrontClient,
  GetDistributionTenantByDomainCommand,
  ListDistributionTenantsCommand,
  ListDistributionsCommand
} from '@aws-sdk/client-cloudfront'
import { explainWith } from '../aws/aws-config.js'
import { ANY_RESOURCE, inRolePolicy, isAccessDenied } from '../aws/denied.js'
import { errorName } from '../aws/sdk-error.js'
import { callOptions } from './client.js'
import { explainLookupError } from './errors.js'
import type { DistributionSummary, TenantSummary } from '../types.js'

/** CloudFront's "not found" for the tenant API (the distribution API says NoSuchDistribution). */
const isEntityNotFound = (error: unknown): boolean => errorName(error) === 'EntityNotFound'

function toTenant(tenant: {
  Id?: string | undefined
  DistributionId?: string | undefined
  Name?: string | undefined
  Domains?: { Domain?: string | undefined }[] | undefined
}): TenantSummary | undefined {
  if (!tenant.Id) return undefined
  return {
    id: tenant.Id,
    ...(tenant.DistributionId ? { distributionId: tenant.DistributionId } : {}),
    ...(tenant.Name ? { name: tenant.Name } : {}),
    domains: (tenant.Domains ?? []).flatMap(domain => (domain.Domain ? [domain.Domain] : []))
  }
}

/**
 * Every tenant of a multi-tenant distribution (ListDistributionTenants filtered by the distribution),
 * following NextMarker through every page. None for a distribution that has none (or is not known).
 */
export async function listDistributionTenants(
  client: CloudFrontClient,
  distributionId: string,
  signal?: AbortSignal
): Promise<TenantSummary[]> {
  try {
    return await allPages('CloudFront answered ListDistributionTenants', 'NextMarker', async marker => {
      const response = await client.send(
        new ListDistributionTenantsCommand({
          AssociationFilter: { DistributionId: distributionId },
          ...(marker ? { Marker: marker } : {})
        }),
        callOptions(signal)
      )
      return {
        items: (response.DistributionTenantList ?? []).flatMap(item => toTenant(item) ?? []),
        next: response.NextMarker
      }
    })
  } catch (error) {
    if (isEntityNotFound(error)) return []
    // Cut short by the step's signal (a cancel): its reason, which says so, rather than the SDK's abort.
    if (signal?.aborted) throw signal.reason
    throw explainWith(
      error,
      `ListDistributionTenants (for ${distributionId})`,
      ({ name, message, explain }) =>
        isAccessDenied(name)
          ? explain(
              `CloudFront has no distribution ${distributionId}, and its tenants could not be listed in case it is a multi-tenant one: access denied to cloudfront:ListDistributionTenants. If it is a multi-tenant distribution, allow ${inRolePolicy('cloudfront:ListDistributionTenants', ANY_RESOURCE)}; otherwise check distribution-id. (${message})`
            )
          : undefined
    )
  }
}

/** The tenant serving a domain (GetDistributionTenantByDomain), or undefined when none does. */
export async function getDistributionTenantByDomain(
  client: CloudFrontClient,
  domain: string,
  signal?: AbortSignal
): Promise<TenantSummary | undefined> {
  try {
    const response = await client.send(
      new GetDistributionTenantByDomainCommand({ Domain: domain }),
      callOptions(signal)
    )
    return response.DistributionTenant ? toTenant(response.DistributionTenant) : undefined
  } catch (error) {
    if (isEntityNotFound(error)) return undefined
    throw explainWith(
      error,
      `GetDistributionTenantByDomain (for distribution-alias ${domain})`,
      ({ name, message, explain }) =>
        isAccessDenied(name)
          ? explain(
              `distribution-alias ${domain} is no alternate domain name of a distribution, and looking it up as the domain of a distribution tenant was denied: access denied to cloudfront:GetDistributionTenantByDomain. Allow ${inRolePolicy('cloudfront:GetDistributionTenantByDomain', ANY_RESOURCE)}, or check the name. (${message})`
            )
          : undefined
    )
  }
}

/**
 * Every distribution of the account with its alternate domain names, following NextMarker through every
 * page (CloudFront returns up to 100 distributions a page).
 */
export async function listDistributions(
  client: CloudFrontClient,
  signal?: AbortSignal
): Promise<DistributionSummary[]> {
  try {
    return await allPages('CloudFront answered ListDistributions', 'NextMarker', async marker => {
      const response = await client.send(
        new ListDistributionsCommand(marker ? { Marker: marker } : {}),
        callOptions(signal)
      )
      const list = response.DistributionList
      return {
        items: (list?.Items ?? []).flatMap(item =>
          item.Id
            ? [
                {
                  id: item.Id,
                  aliases: item.Aliases?.Items ?? [],
                  ...(item.DomainName ? { domainName: item.DomainName } : {})
                }
              ]
            : []
        ),
        next: list?.IsTruncated ? list.NextMarker : undefined
      }
    })
  } catch (error) {
    throw explainLookupError(error, 'cloudfront:ListDistributions', 'distribution-alias')
  }
}

/**
 * Every item of a listing, page by page: `page` fetches the page after `marker` (none for the first) and
 * says the next marker. A marker seen before would page forever, so it fails, naming `answered` and the
 * marker's field.
 */
export async function allPages<T>(
  answered: string,
  field: string,
  page: (marker: string | undefined) => Promise<{ items: T[]; next: string | undefined }>
): Promise<T[]> {
  const items: T[] = []
  const markers = new Set<string>()
  let marker: string | undefined
  do {
    const answer = await page(marker)
    items.push(...answer.items)
    marker = answer.next || undefined
    if (marker && markers.has(marker)) throw new Error(`${answered} with the same ${field} twice (${marker})`)
    if (marker) markers.add(marker)
  } while (marker)
  return items
}
