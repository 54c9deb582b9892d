/**
 * The step with invalidation-id: wait on the invalidation made earlier, verify it if asked, and return
 * what came of it; the step's ending (ending.ts) writes the outputs and fails the step.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import type { Clock } from '../common/clock.js'
import type { ProxySettings } from '../common/http.js'
import type { Settings } from '../inputs/inputs.js'
import { underFailOnTimeout } from '../send/invalidate.js'
import type { ResolvedTarget } from '../targets/lookup.js'
import type { Runner } from '../common/runner.js'
import type { Deadline, DistributionResult, InvalidationRecord, Target } from '../types.js'
import { awaitEarlier, earlierTarget } from './earlier.js'
import type { BucketReader } from '../verify/bucket.js'
import { verifyCompleted, type VerifyOutcome } from '../verify/index.js'

export interface EarlierFlowDeps {
  client: CloudFrontClient
  /** HeadObject for verify's content check, made on first use. */
  bucket?: () => BucketReader
  runner: Runner
  clock: Clock
  deadline: Deadline
  proxy: ProxySettings
  /** Hands on the invalidation once the wait is over, before verifying (src/ending.ts). */
  settled: (target: Target, id: string, result: DistributionResult) => void
}

export async function waitForEarlier(
  settings: Settings,
  resolved: readonly ResolvedTarget[],
  id: string,
  deps: EarlierFlowDeps
): Promise<{ results: DistributionResult[]; verification?: VerifyOutcome }> {
  const one = earlierTarget(resolved, id)
  const { result: waited, record } = await awaitEarlier(one, id, settings, deps)
  deps.settled(one.target, id, waited)
  const result = underFailOnTimeout(deps.runner, settings.failOnTimeout, waited)
  const verification = await verifyEarlier(settings, result, new Map([[id, record]]), deps)
  return { results: [result], ...(verification ? { verification } : {}) }
}

/** With verify: what verifying found; a wait that failed leaves nothing verified. */
async function verifyEarlier(
  settings: Settings,
  result: DistributionResult,
  records: ReadonlyMap<string, InvalidationRecord>,
  deps: EarlierFlowDeps
): Promise<VerifyOutcome | undefined> {
  if (!settings.verify.verify) return undefined
  if (result.error) return { verified: 'false', verifications: [] }
  // Given paths name the changed files to check; otherwise the invalidation's own paths are.
  const files = settings.pathsGiven ? settings.changedFiles : []
  return verifyCompleted(
    [result],
    files,
    settings.verify,
    { ...deps, objects: settings.changedObjects },
    records
  )
}
