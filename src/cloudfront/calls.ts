/**
 * The invalidation calls, on a distribution or a tenant as the target says (kinds.ts): create one, poll
 * its status, read its record; and the domain a target is served at, for verify.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { explainWith } from '../aws/aws-config.js'
import { inRolePolicy, isAccessDenied } from '../aws/denied.js'
import { callOptions } from './client.js'
import { explainError } from './errors.js'
import { KINDS, arnOf, type TargetKind } from './kinds.js'
import type { Invalidation, InvalidationRecord, InvalidationStatus, Target } from '../types.js'

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
 * The invalidation of a target made with this CallerReference and these paths, if CloudFront holds one:
 * among its newest invalidations (ListInvalidations answers them newest first, as its API reference says
 * of Marker), those created since `sinceMs` (epoch ms, on the runner's clock), each read with
 * GetInvalidation for its CallerReference and paths, which the list does not give. The same reference with
 * other paths is not this create's: CloudFront refuses that batch ("If CallerReference is a value you
 * already sent … but the content of any Path is different …, CloudFront returns an
 * InvalidationBatchAlreadyExists error", API_InvalidationBatch). A
 * candidate that cannot be read is passed over, unless none could be. Creates nothing.
 */
export async function findInvalidationFor(
  client: CloudFrontClient,
  target: Target,
  wanted: { callerReference: string; paths: readonly string[] },
  sinceMs: number,
  signal?: AbortSignal
): Promise<Invalidation | undefined> {
  const kind = KINDS[target.kind]
  let items: { Id?: string | undefined; CreateTime?: Date | undefined }[]
  try {
    const answer = await kind.list.send(client, target.id, NEWEST, callOptions(signal))
    items = answer.InvalidationList?.Items ?? []
  } catch (error) {
    throw explainError(error, kind.list.operation, target.id)
  }
  // A runner's clock off AWS's by up to SigV4's limit of 15 minutes still finds it. Newest first (as
  // CloudFront lists them; sorted again for any other lister), one at a time, to the first that matches:
  // it is almost always the newest, and other targets' lookups share the pace of GetInvalidation calls.
  const candidates = items
    .filter(
      item =>
        item.Id && !(item.CreateTime instanceof Date && item.CreateTime.getTime() < sinceMs - CLOCK_SKEW_MS)
    )
    .sort((a, b) => (b.CreateTime?.getTime() ?? 0) - (a.CreateTime?.getTime() ?? 0))
  let unreadable: Error | undefined
  let read = 0
  for (const { Id } of candidates) {
    let record
    try {
      record = (await kind.get.send(client, target.id, Id ?? '', callOptions(signal))).Invalidation
      read++
    } catch (error) {
      // One candidate that cannot be read is passed over; the step's own signal ends the search.
      if (signal?.aborted) throw error
      unreadable ??= explainError(error, kind.get.operation, target.id)
      continue
    }
    const batch = record?.InvalidationBatch
    if (
      batch?.CallerReference === wanted.callerReference &&
      sameItems(batch.Paths?.Items ?? [], wanted.paths)
    )
      return toInvalidation(record, kind.get.operation)
  }
  if (unreadable !== undefined && read === 0) throw unreadable
  return undefined
}

const CLOCK_SKEW_MS = 15 * 60_000

/** The same paths, in any order. */
function sameItems(a: readonly string[], b: readonly string[]): boolean {
  const sorted = (list: readonly string[]) => [...list].sort().join('\n')
  return a.length === b.length && sorted(a) === sorted(b)
}

/** How many of a target's newest invalidations a cut-short create is looked for among. */
const NEWEST = 10

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
        `Access denied to cloudfront:${operation} on ${of}, which reading invalidation ${invalidationId} needs. Allow ${inRolePolicy(`cloudfront:${operation}`, arnOf(kind, id))}. (${message})`
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
            `verify: access denied to cloudfront:${operation} on ${kind.noun} ${target.id}, which verify needs to find the domain the site is served at. Allow ${inRolePolicy(`cloudfront:${operation}`)}, or set verify-url to the site's address. (${message})`
          )
        : undefined
    )
  }
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
