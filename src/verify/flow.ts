/** The step with invalidation-id: wait on the invalidation made earlier, verify it if asked, hand it on. */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import type { Clock } from '../clock.js'
import type { ProxySettings } from '../http.js'
import type { Settings } from '../inputs.js'
import type { ResolvedTarget } from '../lookup.js'
import { invalidationEntries, type CreatedOutputs } from '../outputs.js'
import type { Runner } from '../runner.js'
import type { Deadline, DistributionResult } from '../types.js'
import { awaitEarlier, earlierTarget } from './earlier.js'
import { verifyCompleted } from './index.js'
import type { TargetVerification } from './report.js'

export interface EarlierFlowDeps {
  client: CloudFrontClient
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
  let result = waited
  outputs.created([0], one.target, id, result.status ?? 'InProgress')
  outputs.flush()
  if (result.timedOut && !settings.failOnTimeout && result.error) {
    const { error, ...rest } = result
    const warning = `${error} fail-on-timeout is false, so the step does not fail.`
    runner.warning(`${result.distributionId}: ${warning}`)
    result = { ...rest, warning }
  }
  outputs.set('status', result.status ?? 'InProgress')
  outputs.set('invalidations', JSON.stringify(invalidationEntries([result])))
  let verifications: TargetVerification[] = []
  let failure = result.error
  if (settings.verify.verify && !result.error) {
    // Given paths name the changed files to check; otherwise the invalidation's own paths are.
    const files = settings.pathsSource.startsWith('default') ? [] : settings.paths
    const outcome = await verifyCompleted([result], files, settings.verify, deps, new Map([[id, record]]))
    outputs.set('verified', outcome.verified)
    verifications = outcome.verifications
    failure ??= outcome.failure
  } else if (settings.verify.verify) {
    outputs.set('verified', 'false')
  }
  if (failure) runner.setFailed(failure)
  outputs.failIfUnwritten()
  return { results: [result], verifications }
}
