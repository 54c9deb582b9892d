/**
 * invalidation-id: waits on an invalidation made earlier (by a deploy job, which handed on its ID),
 * creating nothing. Its own record (GetInvalidation) gives the status, the CreateTime and the paths
 * that verify then checks.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import type { Clock } from '../common/clock.js'
import { getInvalidationRecordFor } from '../cloudfront/calls.js'
import { UserError } from '../common/errors.js'
import type { Settings } from '../inputs/inputs.js'
import { awaitCompletion } from '../send/invalidate.js'
import type { ResolvedTarget } from '../targets/lookup.js'
import { formatCount } from '../common/format.js'
import type { Runner } from '../common/runner.js'
import type { Deadline, DistributionResult, InvalidationRecord } from '../types.js'

export interface EarlierDeps {
  client: CloudFrontClient
  runner: Runner
  clock: Clock
  deadline: Deadline
}

/** invalidation-id names one invalidation of one target: refuse anything else before any call. */
export function earlierTarget(resolved: readonly ResolvedTarget[], id: string): ResolvedTarget {
  const [only] = resolved
  if (!only || resolved.length > 1) {
    throw new UserError(
      `invalidation-id: ${id} is an invalidation of one distribution or tenant, but distribution-id, distribution-tenant-id, distribution-alias and distribution-tag name ${resolved.length}. Name only the one it was made on (the distribution-ids or distribution-tenant-ids output of the step that made it).`
    )
  }
  return only
}

export async function awaitEarlier(
  resolved: ResolvedTarget,
  id: string,
  settings: Pick<Settings, 'waitTimeoutSeconds'>,
  deps: EarlierDeps
): Promise<{ result: DistributionResult; record: InvalidationRecord }> {
  const { target, foundBy } = resolved
  const { client, runner, clock, deadline } = deps
  const first = await getInvalidationRecordFor(client, target, id, deadline.signal)
  const base: DistributionResult = {
    distributionId: target.id,
    target,
    foundBy,
    paths: first.paths,
    invalidationId: first.id,
    status: first.status
  }
  runner.info(
    `Invalidation ${id} on ${target.id} was made earlier (created ${first.createTime}, ${formatCount(first.paths.length, 'path')}): ${first.status}. Nothing is created.`
  )
  if (first.status === 'Completed') {
    return { result: { ...base, waitedMs: 0, polls: 0, answeredPolls: 0 }, record: first }
  }
  const result = await awaitCompletion({ ...base, invalidationId: first.id }, settings, deadline, {
    runner,
    clock,
    status: async () => (await getInvalidationRecordFor(client, target, id, deadline.signal)).status
  })
  return { result, record: result.status === 'Completed' ? { ...first, status: 'Completed' } : first }
}
