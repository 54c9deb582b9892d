/** All the step's targets at once: one pace of CloudFront calls, one poll scheduler, one progress line. */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import type { Clock } from './clock.js'
import type { Settings } from './inputs.js'
import { invalidateOne } from './invalidate.js'
import type { CreatedOutputs } from './outputs.js'
import { CLOUDFRONT_QUOTAS, leastSeconds, type Pace } from './pace.js'
import { PollScheduler } from './polls.js'
import { FleetProgress } from './progress.js'
import type { Runner } from './runner.js'
import { mayHaveTenants } from './tenants.js'
import type { Deadline, DistributionResult, Plan } from './types.js'

/**
 * Every target of the step at once, through one pace and one poll scheduler. A fleet (more than one
 * target, a multi-tenant distribution's tenants included) logs one progress line for all of them instead
 * of each target's routine lines.
 */
export async function invalidateAll(
  plans: readonly Plan[],
  settings: Settings,
  step: Deadline,
  deps: {
    client: CloudFrontClient
    runner: Runner
    clock: Clock
    outputs: CreatedOutputs
    pace: Pace
    /** The tenants of a distribution that CloudFront says does not exist, invalidated through `invalidate`. */
    tenantsOf: (
      plan: Plan,
      notFound: DistributionResult,
      invalidate: (plans: readonly Plan[]) => Promise<DistributionResult[]>
    ) => Promise<DistributionResult[]>
  }
): Promise<DistributionResult[]> {
  const { runner, clock, outputs, pace } = deps
  let total = plans.length
  warnIfTooSlow(runner, total, settings)
  const polls = new PollScheduler(clock, () => pace.bucket('GetInvalidation').perSecond)
  // One target logs its own lines, as it always has.
  const fleet = () => total > 1
  const progress = new FleetProgress(total, settings.wait, clock.now, line => {
    if (fleet()) runner.info(line)
  })
  const one = async (plan: Plan, slot: readonly number[]): Promise<DistributionResult> => {
    const result = await invalidateOne(plan, settings, step, {
      client: deps.client,
      runner,
      clock,
      // Each poll also looks at the progress line: the step's own activity paces the log.
      pollSleep: async (ms, signal) => {
        await polls.sleep(ms, signal)
        progress.tick()
      },
      quiet: fleet(),
      onCreated: (id, status) => {
        outputs.created(slot, plan.target, id, status)
        progress.created()
      }
    })
    // A distribution that may be multi-tenant is settled by its tenants.
    if (!mayHaveTenants(plan, result)) {
      progress.settled(result.error ? 'failed' : result.status === 'Completed' ? 'completed' : 'created')
    }
    return result
  }
  try {
    const nested = await Promise.all(
      plans.map(async (plan, index) => {
        const result = await one(plan, [index])
        if (!mayHaveTenants(plan, result)) return [result]
        const results = await deps.tenantsOf(plan, result, async tenantPlans => {
          // The distribution's place in the counts goes to its tenants.
          total += tenantPlans.length - 1
          progress.resize(total)
          warnIfTooSlow(runner, total, settings)
          return Promise.all(tenantPlans.map((tenantPlan, n) => one(tenantPlan, [index, n])))
        })
        // No tenant of its own to invalidate: it failed as a missing distribution, or all its tenants
        // were named by themselves.
        if (results.length === 0) progress.resize((total -= 1))
        else if (!results.some(tenant => tenant.target?.kind === 'tenant')) progress.settled('failed')
        return results
      })
    )
    return nested.flat()
  } finally {
    if (fleet()) progress.tick(true)
    if (pace.throttles > 0) {
      runner.info(
        `CloudFront throttled ${pace.throttles} of this step's calls; the step slowed down to its rate and retried them.`
      )
    }
  }
}

/** Creates are paced to CloudFront's account-wide rate: say so when wait-timeout cannot hold them all. */
function warnIfTooSlow(runner: Runner, count: number, settings: Settings): void {
  const least = leastSeconds(count, CLOUDFRONT_QUOTAS.create)
  if (least <= settings.waitTimeoutSeconds) return
  runner.warning(
    `wait-timeout: creating ${count} invalidations takes at least ${Math.ceil(least)} s at CloudFront's default rate of ${CLOUDFRONT_QUOTAS.create.perSecond} CreateInvalidation calls a second per account, more than wait-timeout (${settings.waitTimeoutSeconds} s). Those not created in time fail; raise wait-timeout, or split the distributions and tenants across steps that run one after another.`
  )
}
