/** All the step's targets at once: one pace of CloudFront calls, one poll scheduler, one progress line. */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import type { Clock } from '../common/clock.js'
import type { Settings } from '../inputs/inputs.js'
import { invalidateOne } from './invalidate.js'
import type { CreatedOutputs } from '../report/outputs.js'
import { CLOUDFRONT_QUOTAS, leastSeconds, type Pace } from '../cloudfront/pace.js'
import { PollScheduler } from './polls.js'
import { FleetProgress } from './progress.js'
import type { Runner } from '../common/runner.js'
import { mayHaveTenants } from '../targets/tenants.js'
import type { Deadline, DistributionResult, Plan } from '../types.js'

export interface FleetDeps {
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

/**
 * Every target of the step at once, through one pace and one poll scheduler. A fleet (more than one
 * target, a multi-tenant distribution's tenants included) logs one progress line for all of them instead
 * of each target's routine lines.
 */
export async function invalidateAll(
  plans: readonly Plan[],
  settings: Settings,
  step: Deadline,
  deps: FleetDeps
): Promise<DistributionResult[]> {
  const fleet = new Fleet(plans.length, settings, step, deps)
  try {
    const nested = await Promise.all(plans.map((plan, index) => fleet.invalidate(plan, index)))
    return nested.flat()
  } finally {
    fleet.finish()
  }
}

/** The step's targets in flight: how many there are, their progress line, and the poll scheduler they share. */
class Fleet {
  private total: number
  private readonly polls: PollScheduler
  private readonly progress: FleetProgress

  constructor(
    count: number,
    private readonly settings: Settings,
    private readonly step: Deadline,
    private readonly deps: FleetDeps
  ) {
    this.total = count
    warnIfTooSlow(deps.runner, count, settings)
    this.polls = new PollScheduler(deps.clock, () => deps.pace.bucket('GetInvalidation').perSecond)
    this.progress = new FleetProgress(count, settings.wait, deps.clock.now, line => {
      if (this.isFleet()) deps.runner.info(line)
    })
  }

  /** One planned target, in slot [index]: a distribution, or the tenants of one CloudFront does not know. */
  async invalidate(plan: Plan, index: number): Promise<DistributionResult[]> {
    const result = await this.one(plan, [index])
    if (!mayHaveTenants(plan, result)) return [result]
    const results = await this.deps.tenantsOf(plan, result, tenantPlans => this.tenants(tenantPlans, index))
    // No tenant of its own to invalidate: it failed as a missing distribution, or all its tenants
    // were named by themselves.
    if (results.length === 0) this.progress.resize((this.total -= 1))
    else if (!results.some(tenant => tenant.target?.kind === 'tenant')) this.progress.settled('failed')
    return results
  }

  /** The last progress line, and what CloudFront's throttling cost. */
  finish(): void {
    if (this.isFleet()) this.progress.tick(true)
    const { throttles } = this.deps.pace
    if (throttles > 0) {
      this.deps.runner.info(
        `CloudFront throttled ${throttles} of this step's calls; the step slowed down to its rate and retried them.`
      )
    }
  }

  /** One target logs its own lines, as it always has. */
  private isFleet(): boolean {
    return this.total > 1
  }

  /** A multi-tenant distribution's tenants, in slots [index, n]. */
  private async tenants(plans: readonly Plan[], index: number): Promise<DistributionResult[]> {
    // The distribution's place in the counts goes to its tenants.
    this.total += plans.length - 1
    this.progress.resize(this.total)
    warnIfTooSlow(this.deps.runner, this.total, this.settings)
    return Promise.all(plans.map((plan, n) => this.one(plan, [index, n])))
  }

  private async one(plan: Plan, slot: readonly number[]): Promise<DistributionResult> {
    const { runner, clock, outputs } = this.deps
    const result = await invalidateOne(plan, this.settings, this.step, {
      client: this.deps.client,
      runner,
      clock,
      // Each poll also looks at the progress line: the step's own activity paces the log.
      pollSleep: async (ms, signal) => {
        await this.polls.sleep(ms, signal)
        this.progress.tick()
      },
      quiet: this.isFleet(),
      onCreated: (id, status) => {
        outputs.created(slot, plan.target, id, status)
        this.progress.created()
      }
    })
    // A distribution that may be multi-tenant is settled by its tenants.
    if (!mayHaveTenants(plan, result)) {
      this.progress.settled(result.error ? 'failed' : result.status === 'Completed' ? 'completed' : 'created')
    }
    return result
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
