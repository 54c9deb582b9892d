/** The step with invalidation-id: wait on the invalidation made earlier, verify it if asked, hand it on. */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import type { Clock } from '../common/clock.js'
import type { ProxySettings } from '../common/http.js'
import type { Settings } from '../inputs/inputs.js'
import { underFailOnTimeout } from '../send/invalidate.js'
import type { ResolvedTarget } from '../targets/lookup.js'
import { invalidationEntries, type CreatedOutputs } from '../report/outputs.js'
import type { Runner } from '../common/runner.js'
import type { Deadline, DistributionResult, InvalidationRecord } from '../types.js'
import { awaitEarlier, earlierTarget } from './earlier.js'
import type { BucketReader } from '../verify/bucket.js'
import { verifyCompleted } from '../verify/index.js'
import type { TargetVerification } from '../verify/report.js'

export interface EarlierFlowDeps {
  client: CloudFrontClient
  /** HeadObject for verify's content check, made on first use. */
  bucket?: () => BucketReader
  runner: Runner
  clock: Clock
  deadline: Deadline
  proxy: ProxySettings
  outputs: CreatedOutputs
}

export async function waitForEarlier(
  settings: Settings,
  resolved: readonly ResolvedTarget[],
  id: string,
  deps: EarlierFlowDeps
): Promise<{ results: DistributionResult[]; verifications: TargetVerification[] }> {
  const { runner, outputs } = deps
  const one = earlierTarget(resolved, id)
  const { result: waited, record } = await awaitEarlier(one, id, settings, deps)
  outputs.created([0], one.target, id, waited.status ?? 'InProgress')
  outputs.flush()
  const result = underFailOnTimeout(runner, settings.failOnTimeout, waited)
  outputs.set('status', result.status ?? 'InProgress')
  outputs.set('invalidations', JSON.stringify(invalidationEntries([result])))
  const checked = await verifyEarlier(settings, result, new Map([[id, record]]), deps)
  const failure = result.error ?? checked.failure
  if (failure) runner.setFailed(failure)
  outputs.failIfUnwritten()
  return { results: [result], verifications: checked.verifications }
}

/** With verify: the verified output, and what verifying found wrong. */
async function verifyEarlier(
  settings: Settings,
  result: DistributionResult,
  records: ReadonlyMap<string, InvalidationRecord>,
  deps: EarlierFlowDeps
): Promise<{ verifications: TargetVerification[]; failure?: string }> {
  if (!settings.verify.verify) return { verifications: [] }
  if (result.error) {
    deps.outputs.set('verified', 'false')
    return { verifications: [] }
  }
  // Given paths name the changed files to check; otherwise the invalidation's own paths are.
  const files = settings.pathsGiven ? settings.changedFiles : []
  const outcome = await verifyCompleted(
    [result],
    files,
    settings.verify,
    { ...deps, objects: settings.changedObjects },
    records
  )
  deps.outputs.set('verified', outcome.verified)
  return { verifications: outcome.verifications, ...(outcome.failure ? { failure: outcome.failure } : {}) }
}
