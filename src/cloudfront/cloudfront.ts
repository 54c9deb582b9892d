/**
 * The only module that talks to CloudFront: the client and its pace; invalidations created, polled and
 * read, and the domain a target is served at, on a distribution or a tenant through one table by kind;
 * the listings and lookups that find targets; and errors that name the permission or input to fix.
 */
import {
  CloudFrontClient,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  GetDistributionCommand,
  GetDistributionTenantByDomainCommand,
  GetDistributionTenantCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  ListDistributionTenantsCommand,
  ListDistributionsCommand
} from '@aws-sdk/client-cloudfront'
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry'
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  FinalizeHandler,
  FinalizeHandlerArguments,
  HandlerExecutionContext
} from '@smithy/types'
import { explainWith, noCredentials, sharedClientConfig } from '../aws/aws-config.js'
import { ANY_RESOURCE, denied, isAccessDenied } from '../aws/denied.js'
import { errorName, httpStatus, sdkError } from '../aws/sdk-error.js'
import { NotFoundError, UserError } from '../common/errors.js'
import type { ProxySettings } from '../common/http.js'
import type { Pace } from './pace.js'
import type {
  DistributionSummary,
  Invalidation,
  InvalidationRecord,
  InvalidationStatus,
  Target,
  TenantSummary
} from '../types.js'

/** More than the SDK's default of 3: a deploy should not fail because CloudFront throttled us twice. */
export const MAX_ATTEMPTS = 8

export interface ClientOptions {
  /** role-to-assume's session, renewed as the SDK asks (credentials.ts); the default chain without it. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider
  /** The configured region, if any: CloudFront is global and signs in us-east-1, but China has its own. */
  region?: string
  /** The proxy the step's requests go through, as http.ts read it. */
  proxy?: ProxySettings
  /** The GitHub run, added to the user agent so a call can be traced from CloudTrail to its run. */
  run?: string
}

/**
 * What every AWS client of the action shares: CloudFront's region, the credentials, the retries, the
 * timeouts and the user agent. The tagging client (tagging.ts) uses it too, for CloudFront's resources.
 */
export function clientConfig(options: ClientOptions = {}) {
  return {
    // CloudFront is global and signs in us-east-1, and so is the tagging API for its resources.
    ...sharedClientConfig(options.credentials, options.proxy, options.run),
    region: options.region?.startsWith('cn-') ? options.region : 'us-east-1',
    maxAttempts: MAX_ATTEMPTS
  }
}

/**
 * The only CloudFront client of the action. Honours AWS_ENDPOINT_URL_CLOUDFRONT (the SDK reads it), and
 * without explicit credentials uses the SDK's default chain (what configure-aws-credentials exported).
 */
export function createCloudFrontClient(options: ClientOptions = {}): CloudFrontClient {
  return new CloudFrontClient(clientConfig(options))
}

/**
 * Every call of the client, each of the SDK's own attempts included, first waits for its turn in the
 * step's pace (pace.ts), and tells it whether CloudFront throttled it. It sits just inside the SDK's retry
 * middleware and before signing, so a retried attempt is paced too and is signed when it really goes.
 * Any operation of the client is paced by its name: a tenant's invalidation calls need nothing more.
 */
export function paceClient(client: CloudFrontClient, pace: Pace, signal?: AbortSignal): void {
  client.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<ServiceInputTypes, ServiceOutputTypes>, context: HandlerExecutionContext) =>
      async (args: FinalizeHandlerArguments<ServiceInputTypes>) => {
        const bucket = pace.bucket((context.commandName ?? '').replace(/Command$/, ''))
        const turn = await bucket.acquire(signal)
        try {
          const output = await next(args)
          turn.record(false)
          return output
        } catch (error) {
          // An answer other than Throttling (a 4xx) says the rate is fine; a 5xx or no answer says nothing.
          const status = httpStatus(error)
          const throttled =
            error instanceof Error && isThrottlingError(error as Parameters<typeof isThrottlingError>[0])
          if (throttled || (status !== undefined && status < 500)) turn.record(throttled)
          throw error
        } finally {
          turn.release()
        }
      },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'cloudfrontPaceMiddleware', override: true }
  )
}

/** Resolves the client's credentials now, so a missing one fails before any plan is acted on. */
export async function checkCredentials(client: CloudFrontClient): Promise<void> {
  try {
    await client.config.credentials()
  } catch (error) {
    throw noCredentials(error)
  }
}

type InvalidationBatch = { CallerReference: string; Paths: { Quantity: number; Items: string[] } }
/** CloudFront's invalidation, as a create or a get answers it; verify reads CreateTime and the paths too. */
type InvalidationAnswer = Promise<{
  Invalidation?:
    | {
        Id?: string | undefined
        Status?: string | undefined
        CreateTime?: Date | undefined
        InvalidationBatch?: { Paths?: { Items?: string[] | undefined } | undefined } | undefined
      }
    | undefined
}>
type CallOptions = { abortSignal?: AbortSignal }
const callOptions = (signal?: AbortSignal): CallOptions => (signal ? { abortSignal: signal } : {})

/** The operations an invalidation is made and polled with, on a distribution or on a tenant. */
export type InvalidationOperation =
  | 'CreateInvalidation'
  | 'GetInvalidation'
  | 'CreateInvalidationForDistributionTenant'
  | 'GetInvalidationForDistributionTenant'

/**
 * What differs between a distribution's calls and a tenant's (CloudFront SaaS Manager): the commands, the
 * noun, input and ARN segment of the messages, and how CloudFront says there is no such thing.
 * Everything else is the same code for both.
 */
interface TargetKind {
  create: {
    operation: InvalidationOperation
    send: (
      client: CloudFrontClient,
      id: string,
      batch: InvalidationBatch,
      options: CallOptions
    ) => InvalidationAnswer
  }
  get: {
    operation: InvalidationOperation
    send: (
      client: CloudFrontClient,
      id: string,
      invalidationId: string,
      options: CallOptions
    ) => InvalidationAnswer
  }
  /** Where the target is served (verify): the call, and the domain read from its answer. */
  served: {
    operation: 'GetDistribution' | 'GetDistributionTenant'
    domain: (client: CloudFrontClient, id: string, options: CallOptions) => Promise<string | undefined>
    /** What the answer lacked when it names no domain. */
    lacking: string
  }
  /** `distribution E2QW…`, `distribution tenant dt_…`. */
  noun: string
  /** The input that names a target of this kind, and the target as that input's fix calls it. */
  input: 'distribution-id' | 'distribution-tenant-id'
  short: 'distribution' | 'tenant'
  /** The resource type in the ARN of a target of this kind: `distribution/E2QW…`. */
  arn: 'distribution' | 'distribution-tenant'
  /** What else a policy may allow the invalidation calls on, after the ARN. */
  orElse: string
  /** What CloudFront answers for an ID it does not know, and what the step says then. */
  missing: { name: string; error: (id: string) => UserError }
  /** CloudFront's limits on invalidations in progress, when they are per target of this kind. */
  inProgressLimits: string
}

const KINDS: Record<Target['kind'], TargetKind> = {
  distribution: {
    create: {
      operation: 'CreateInvalidation',
      send: (client, id, batch, options) =>
        client.send(new CreateInvalidationCommand({ DistributionId: id, InvalidationBatch: batch }), options)
    },
    get: {
      operation: 'GetInvalidation',
      send: (client, id, invalidationId, options) =>
        client.send(new GetInvalidationCommand({ DistributionId: id, Id: invalidationId }), options)
    },
    served: {
      operation: 'GetDistribution',
      // The first alias, else the distribution's own *.cloudfront.net name.
      domain: async (client, id, options) => {
        const { Distribution } = await client.send(new GetDistributionCommand({ Id: id }), options)
        return Distribution?.DistributionConfig?.Aliases?.Items?.find(Boolean) ?? Distribution?.DomainName
      },
      lacking: 'a domain name'
    },
    noun: 'distribution',
    input: 'distribution-id',
    short: 'distribution',
    arn: 'distribution',
    orElse: '',
    missing: {
      name: 'NoSuchDistribution',
      // Its own type: a distribution CloudFront does not know may be a multi-tenant one (tenants.ts).
      error: id =>
        new NotFoundError(
          `No distribution ${id} exists in the AWS account of these credentials. Check distribution-id (or the alias or tag that found it) in the CloudFront console, and that the credentials are for the account that owns the distribution.`
        )
    },
    inProgressLimits:
      ': CloudFront allows 3,000 paths, or 15 wildcard paths, in progress at once per distribution'
  },
  tenant: {
    create: {
      operation: 'CreateInvalidationForDistributionTenant',
      send: (client, id, batch, options) =>
        client.send(
          new CreateInvalidationForDistributionTenantCommand({ Id: id, InvalidationBatch: batch }),
          options
        )
    },
    get: {
      operation: 'GetInvalidationForDistributionTenant',
      send: (client, id, invalidationId, options) =>
        client.send(
          new GetInvalidationForDistributionTenantCommand({ DistributionTenantId: id, Id: invalidationId }),
          options
        )
    },
    served: {
      operation: 'GetDistributionTenant',
      // The tenant's first domain.
      domain: async (client, id, options) => {
        const answer = await client.send(new GetDistributionTenantCommand({ Identifier: id }), options)
        return answer.DistributionTenant?.Domains?.find(item => item.Domain)?.Domain
      },
      lacking: 'a domain'
    },
    noun: 'distribution tenant',
    input: 'distribution-tenant-id',
    short: 'tenant',
    arn: 'distribution-tenant',
    orElse: ' (or "*")',
    missing: {
      name: 'EntityNotFound',
      error: id =>
        new UserError(
          `No distribution tenant ${id} exists in the AWS account of these credentials. Check distribution-tenant-id (or the alias or distribution that found it) in the CloudFront console, and that the credentials are for the account that owns the tenant.`
        )
    },
    inProgressLimits: ''
  }
}

/** The ARN a policy allows a call on a target of this kind on. */
const arnOf = (kind: TargetKind, id: string) => `arn:aws:cloudfront::<account-id>:${kind.arn}/${id}`

const KIND_OF = new Map(
  Object.values(KINDS).flatMap(kind => [
    [kind.create.operation, kind],
    [kind.get.operation, kind]
  ])
)

/** Creates the invalidation on a distribution or a tenant, as the target says. */
export async function createInvalidationFor(
  client: CloudFrontClient,
  target: Target,
  paths: readonly string[],
  callerReference: string,
  signal?: AbortSignal
): Promise<Invalidation> {
  const { create } = KINDS[target.kind]
  try {
    const batch = { CallerReference: callerReference, Paths: { Quantity: paths.length, Items: [...paths] } }
    const response = await create.send(client, target.id, batch, callOptions(signal))
    return toInvalidation(response.Invalidation, create.operation)
  } catch (error) {
    throw explainError(error, create.operation, target.id)
  }
}

/** The status of an invalidation of a distribution or a tenant, as the target says. */
export async function getInvalidationStatusFor(
  client: CloudFrontClient,
  target: Target,
  invalidationId: string,
  signal?: AbortSignal
): Promise<InvalidationStatus> {
  const { get } = KINDS[target.kind]
  try {
    const response = await get.send(client, target.id, invalidationId, callOptions(signal))
    return toInvalidation(response.Invalidation, get.operation).status
  } catch (error) {
    throw explainError(error, get.operation, target.id)
  }
}

/**
 * An invalidation's own record (GetInvalidation, or its tenant variant): status, CreateTime and paths,
 * for verify and invalidation-id. Its errors name the invalidation and the input that found the target.
 */
export async function getInvalidationRecordFor(
  client: CloudFrontClient,
  target: Target,
  invalidationId: string,
  signal?: AbortSignal
): Promise<InvalidationRecord> {
  const kind = KINDS[target.kind]
  const { operation } = kind.get
  try {
    const response = await kind.get.send(client, target.id, invalidationId, callOptions(signal))
    const invalidation = response.Invalidation
    const created = invalidation?.CreateTime
    const createdAt = created instanceof Date ? created.getTime() : NaN
    if (!invalidation?.Id || !Number.isFinite(createdAt)) {
      throw new Error(`CloudFront answered ${operation} for ${invalidationId} without its ID or CreateTime`)
    }
    return {
      ...toInvalidation(invalidation, operation),
      createdAt,
      createTime: new Date(createdAt).toISOString(),
      paths: invalidation.InvalidationBatch?.Paths?.Items ?? []
    }
  } catch (error) {
    throw explainRecordError(error, kind, target.id, invalidationId)
  }
}

function explainRecordError(error: unknown, kind: TargetKind, id: string, invalidationId: string): Error {
  const { operation } = kind.get
  const of = `${kind.noun} ${id}`
  return explainWith(error, `${operation} of ${invalidationId} on ${id}`, ({ name, message, explain }) => {
    if (isAccessDenied(name)) {
      return explain(
        denied(
          {
            action: `cloudfront:${operation}`,
            on: of,
            needs: `reading invalidation ${invalidationId} needs`,
            resource: arnOf(kind, id)
          },
          message
        )
      )
    }
    if (name === 'NoSuchInvalidation' || name === 'EntityNotFound' || name === 'NoSuchDistribution') {
      return explain(
        `invalidation-id: CloudFront has no invalidation ${invalidationId} on ${of} (${name}). Check that the ID is the invalidation-id output of the step that created it, and that ${kind.input} names the ${kind.short} it was made on.`
      )
    }
    return undefined
  })
}

/**
 * The domain a target is served at, for verify: a distribution's first alias, else its *.cloudfront.net
 * name; a tenant's first domain (GetDistribution, GetDistributionTenant).
 */
export async function servedDomain(
  client: CloudFrontClient,
  target: Target,
  signal?: AbortSignal
): Promise<string> {
  const kind = KINDS[target.kind]
  const { operation } = kind.served
  try {
    const domain = await kind.served.domain(client, target.id, callOptions(signal))
    if (!domain)
      throw new Error(`CloudFront answered ${operation} for ${target.id} without ${kind.served.lacking}`)
    return domain
  } catch (error) {
    throw explainWith(error, `${operation} (for verify)`, ({ name, message, explain }) =>
      isAccessDenied(name)
        ? explain(
            denied(
              {
                context: 'verify',
                action: `cloudfront:${operation}`,
                on: `${kind.noun} ${target.id}`,
                needs: 'verify needs to find the domain the site is served at',
                orElse: ", or set verify-url to the site's address"
              },
              message
            )
          )
        : undefined
    )
  }
}

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
    throw explainWith(
      error,
      `ListDistributionTenants (for ${distributionId})`,
      ({ name, message, explain }) =>
        isAccessDenied(name)
          ? explain(
              denied(
                {
                  context: `CloudFront has no distribution ${distributionId}, and its tenants could not be listed in case it is a multi-tenant one`,
                  action: 'cloudfront:ListDistributionTenants',
                  provided: 'If it is a multi-tenant distribution',
                  resource: ANY_RESOURCE,
                  orElse: '; otherwise check distribution-id'
                },
                message
              )
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
              denied(
                {
                  context: `distribution-alias ${domain} is no alternate domain name of a distribution, and looking it up as the domain of a distribution tenant was denied`,
                  action: 'cloudfront:GetDistributionTenantByDomain',
                  resource: ANY_RESOURCE,
                  orElse: ', or check the name'
                },
                message
              )
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

function toInvalidation(
  invalidation: { Id?: string | undefined; Status?: string | undefined } | undefined,
  operation: string
): Invalidation {
  if (!invalidation?.Id) throw new Error(`CloudFront answered ${operation} without an invalidation ID`)
  return {
    id: invalidation.Id,
    status: /^completed$/i.test(invalidation.Status ?? '') ? 'Completed' : 'InProgress'
  }
}

/** Worth another poll: throttling the SDK's retries gave up on, a 5xx, a dropped or timed-out connection. */
export function isTransientAwsError(error: unknown): boolean {
  const cause = sdkError(error)
  if (!(cause instanceof Error)) return false
  const classified = cause as Parameters<typeof isTransientError>[0]
  return isThrottlingError(classified) || isTransientError(classified) || isServerError(classified)
}

/** CloudFront's limit on invalidations in progress: clears as earlier ones complete, so worth retrying. */
export function isTooManyInvalidations(error: unknown): boolean {
  return errorName(sdkError(error)) === 'TooManyInvalidationsInProgress'
}

/** CloudFront does not know the invalidation: explained or not, as the SDK threw it. */
export function isNoSuchInvalidation(error: unknown): boolean {
  return errorName(sdkError(error)) === 'NoSuchInvalidation'
}

/**
 * The errors of the calls that find distributions (ListDistributions, and the tagging API's GetResources):
 * the fixable ones name the permission and the input that needs it. Neither permission can be limited to
 * one distribution, so the fix names the resource "*".
 */
export function explainLookupError(
  error: unknown,
  permission: 'cloudfront:ListDistributions' | 'tag:GetResources',
  input: 'distribution-alias' | 'distribution-tag'
): Error {
  const operation = permission.slice(permission.indexOf(':') + 1)
  return explainWith(error, `${operation} (for ${input})`, ({ name, message, explain }) =>
    isAccessDenied(name)
      ? explain(
          denied(
            {
              action: permission,
              needs: `${input} needs to find distributions`,
              resource: ANY_RESOURCE,
              orElse: ', or use distribution-id instead'
            },
            message
          )
        )
      : undefined
  )
}

/**
 * Turns the errors a user can fix into a UserError that names the fix, for a distribution's or a tenant's
 * invalidation (the operation says which; the tenant API's permissions are its own actions'). Others keep
 * their own message; every one keeps the original as its cause.
 */
export function explainError(error: unknown, operation: InvalidationOperation, id: string): Error {
  const kind = KIND_OF.get(operation) ?? KINDS.distribution
  return explainWith(error, `${operation} on ${id}`, ({ name, message, explain }) => {
    if (isAccessDenied(name)) {
      return explain(
        denied(
          {
            action: `cloudfront:${operation}`,
            on: `${kind.noun} ${id}`,
            resource: `${arnOf(kind, id)}${kind.orElse}`
          },
          message
        )
      )
    }
    if (name === kind.missing.name) return Object.assign(kind.missing.error(id), { cause: error })
    if (name === 'TooManyInvalidationsInProgress') {
      return explain(
        `Too many invalidations are in progress on ${kind.noun} ${id}${kind.inProgressLimits}, and retrying until wait-timeout did not get through. Invalidate fewer paths (a wildcard such as /assets/* counts as one), or raise wait-timeout.`
      )
    }
    if (name === 'InvalidationBatchAlreadyExists') {
      return explain(
        `caller-reference: the CallerReference of this request was already used for a different invalidation of ${id}. Use a new caller-reference for every batch of paths, or leave caller-reference empty so the action derives one.`
      )
    }
    if (name === 'InvalidArgument' || name === 'BatchTooLarge' || name === 'InconsistentQuantities') {
      return explain(`paths: CloudFront refused the invalidation of ${id} (${name}: ${message}).`)
    }
    return undefined
  })
}
