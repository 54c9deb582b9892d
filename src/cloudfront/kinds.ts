/**
 * The table of target kinds, a distribution and a tenant: what their invalidation calls and messages do
 * differently, so that calls.ts and errors.ts are one code for both. A new kind is a row here.
 */
import {
  type CloudFrontClient,
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  GetDistributionCommand,
  GetDistributionTenantCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  ListInvalidationsCommand,
  ListInvalidationsForDistributionTenantCommand
} from '@aws-sdk/client-cloudfront'
import { NotFoundError, UserError } from '../common/errors.js'
import type { CallOptions } from './client.js'
import type { Target } from '../types.js'

type InvalidationBatch = { CallerReference: string; Paths: { Quantity: number; Items: string[] } }
/** CloudFront's invalidation, as a create or a get answers it; verify reads CreateTime and the paths too. */
type InvalidationAnswer = Promise<{
  Invalidation?:
    | {
        Id?: string | undefined
        Status?: string | undefined
        CreateTime?: Date | undefined
        InvalidationBatch?:
          | { Paths?: { Items?: string[] | undefined } | undefined; CallerReference?: string | undefined }
          | undefined
      }
    | undefined
}>
/** The newest invalidations of a target, newest first, as ListInvalidations (or its tenant variant) answers. */
type InvalidationListAnswer = Promise<{
  InvalidationList?:
    { Items?: { Id?: string | undefined; CreateTime?: Date | undefined }[] | undefined } | undefined
}>

/** The operations an invalidation is made and polled with, on a distribution or on a tenant. */
export type InvalidationOperation =
  | 'CreateInvalidation'
  | 'GetInvalidation'
  | 'CreateInvalidationForDistributionTenant'
  | 'GetInvalidationForDistributionTenant'
  | 'ListInvalidations'
  | 'ListInvalidationsForDistributionTenant'

/**
 * What differs between a distribution's calls and a tenant's (CloudFront SaaS Manager): the commands, the
 * noun, input and ARN segment of the messages, and how CloudFront says there is no such thing.
 * Everything else is the same code for both.
 */
export interface TargetKind {
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
  /** Its newest invalidations (send/cut-short.ts: a create the deadline cut short, found by its CallerReference). */
  list: {
    operation: InvalidationOperation
    send: (
      client: CloudFrontClient,
      id: string,
      maxItems: number,
      options: CallOptions
    ) => InvalidationListAnswer
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

export const KINDS: Record<Target['kind'], TargetKind> = {
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
    list: {
      operation: 'ListInvalidations',
      send: (client, id, maxItems, options) =>
        client.send(new ListInvalidationsCommand({ DistributionId: id, MaxItems: maxItems }), options)
    },
    served: {
      operation: 'GetDistribution',
      // The first alias that names a host (`*.example.com` names none a browser can ask for), else the
      // distribution's own *.cloudfront.net name.
      domain: async (client, id, options) => {
        const { Distribution } = await client.send(new GetDistributionCommand({ Id: id }), options)
        const aliases = Distribution?.DistributionConfig?.Aliases?.Items ?? []
        return aliases.find(alias => alias && !alias.startsWith('*')) ?? Distribution?.DomainName
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
    list: {
      operation: 'ListInvalidationsForDistributionTenant',
      send: (client, id, maxItems, options) =>
        client.send(
          new ListInvalidationsForDistributionTenantCommand({ Id: id, MaxItems: maxItems }),
          options
        )
    },
    served: {
      operation: 'GetDistributionTenant',
      // The tenant's first domain.
      domain: async (client, id, options) => {
        const answer = await client.send(new GetDistributionTenantCommand({ Identifier: id }), options)
        return answer.DistributionTenant?.Domains?.find(item => item.Domain && !item.Domain.startsWith('*'))
          ?.Domain
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
export const arnOf = (kind: TargetKind, id: string) => `arn:aws:cloudfront::<account-id>:${kind.arn}/${id}`

const KIND_OF = new Map(
  Object.values(KINDS).flatMap(kind => [
    [kind.create.operation, kind],
    [kind.get.operation, kind],
    [kind.list.operation, kind]
  ])
)

/** The kind an invalidation operation is made on (a distribution, when it is none of the table's). */
export const kindOf = (operation: InvalidationOperation): TargetKind =>
  KIND_OF.get(operation) ?? KINDS.distribution
