/**
 * The CloudFront calls verify and invalidation-id make: where a target is served (GetDistribution,
 * GetDistributionTenant), and an invalidation's own record (GetInvalidation and its tenant variant:
 * status, CreateTime, paths). Errors a user can fix name the permission and the input.
 */
import {
  GetDistributionCommand,
  GetDistributionTenantCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  type CloudFrontClient
} from '@aws-sdk/client-cloudfront'
import type { InvalidationStatus } from '../types.js'
import { explainWith, isAccessDenied } from '../aws-config.js'
import type { Target } from '../types.js'

/** An invalidation as CloudFront holds it. */
export interface InvalidationRecord {
  id: string
  status: InvalidationStatus
  /** CreateTime, epoch ms, on AWS's clock. */
  createdAt: number
  /** The same, as CloudFront said it (ISO 8601), for the summary. */
  createTime: string
  paths: string[]
}

const options = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {})

/** The domain a target is served at: a distribution's first alias, else its *.cloudfront.net name; a tenant's first domain. */
export async function servedDomain(
  client: CloudFrontClient,
  target: Target,
  signal?: AbortSignal
): Promise<string> {
  if (target.kind === 'tenant') {
    try {
      const answer = await client.send(
        new GetDistributionTenantCommand({ Identifier: target.id }),
        options(signal)
      )
      const domain = answer.DistributionTenant?.Domains?.find(item => item.Domain)?.Domain
      if (!domain)
        throw new Error(`CloudFront answered GetDistributionTenant for ${target.id} without a domain`)
      return domain
    } catch (error) {
      throw explainSiteError(error, 'cloudfront:GetDistributionTenant', `distribution tenant ${target.id}`)
    }
  }
  try {
    const answer = await client.send(new GetDistributionCommand({ Id: target.id }), options(signal))
    const distribution = answer.Distribution
    const domain = distribution?.DistributionConfig?.Aliases?.Items?.find(Boolean) ?? distribution?.DomainName
    if (!domain) throw new Error(`CloudFront answered GetDistribution for ${target.id} without a domain name`)
    return domain
  } catch (error) {
    throw explainSiteError(error, 'cloudfront:GetDistribution', `distribution ${target.id}`)
  }
}

function explainSiteError(error: unknown, permission: string, what: string): Error {
  return explainWith(error, `${permission.slice(11)} (for verify)`, ({ name, message, explain }) =>
    isAccessDenied(name)
      ? explain(
          `verify: access denied to ${permission} on ${what}, which verify needs to find the domain the site is served at. Allow ${permission} in the policy of the role these credentials belong to, or set verify-url to the site's address. (${message})`
        )
      : undefined
  )
}

/** GetInvalidation (or its tenant variant): the invalidation's status, CreateTime and paths. */
export async function getInvalidationRecord(
  client: CloudFrontClient,
  target: Target,
  id: string,
  signal?: AbortSignal
): Promise<InvalidationRecord> {
  const tenant = target.kind === 'tenant'
  const operation = tenant ? 'GetInvalidationForDistributionTenant' : 'GetInvalidation'
  try {
    const answer = tenant
      ? await client.send(
          new GetInvalidationForDistributionTenantCommand({ DistributionTenantId: target.id, Id: id }),
          options(signal)
        )
      : await client.send(new GetInvalidationCommand({ DistributionId: target.id, Id: id }), options(signal))
    const invalidation = answer.Invalidation
    const created = invalidation?.CreateTime
    const createdAt = created instanceof Date ? created.getTime() : NaN
    if (!invalidation?.Id || !Number.isFinite(createdAt)) {
      throw new Error(`CloudFront answered ${operation} for ${id} without its ID or CreateTime`)
    }
    return {
      id: invalidation.Id,
      status: /^completed$/i.test(invalidation.Status ?? '') ? 'Completed' : 'InProgress',
      createdAt,
      createTime: new Date(createdAt).toISOString(),
      paths: invalidation.InvalidationBatch?.Paths?.Items ?? []
    }
  } catch (error) {
    const of = `${tenant ? 'distribution tenant' : 'distribution'} ${target.id}`
    throw explainWith(error, `${operation} of ${id} on ${target.id}`, ({ name, message, explain }) => {
      if (isAccessDenied(name)) {
        return explain(
          `Access denied to cloudfront:${operation} on ${of}, which reading invalidation ${id} needs. Allow cloudfront:${operation} on arn:aws:cloudfront::<account-id>:${tenant ? 'distribution-tenant' : 'distribution'}/${target.id} in the policy of the role these credentials belong to. (${message})`
        )
      }
      if (name === 'NoSuchInvalidation' || name === 'EntityNotFound' || name === 'NoSuchDistribution') {
        return explain(
          `invalidation-id: CloudFront has no invalidation ${id} on ${of} (${name}). Check that the ID is the invalidation-id output of the step that created it, and that ${tenant ? 'distribution-tenant-id' : 'distribution-id'} names the ${tenant ? 'tenant' : 'distribution'} it was made on.`
        )
      }
      return undefined
    })
  }
}
