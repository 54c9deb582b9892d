import { randomUUID } from 'node:crypto'
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { callerReference } from './caller-reference.js'
import { CancelledError, isCancelled, systemClock, type Clock } from './clock.js'
import {
  checkCredentials,
  createCloudFrontClient,
  getDistributionTenantByDomain,
  listDistributionTenants,
  listDistributions,
  paceClient,
  type ClientOptions
} from './cloudfront.js'
import { endpointsOf, type AwsService } from './aws-config.js'
import { signIn } from './connect.js'
import { UserError, WaitTimeoutError, errorMessage } from './errors.js'
import { readProxySettings, type ProxySettings } from './http.js'
import { readSettings, type Settings } from './inputs.js'
import { invalidateOne } from './invalidate.js'
import { logBill, logPlans } from './log.js'
import {
  describeTenant,
  resolveTargets,
  tenantTarget,
  type LookupDeps,
  type ResolvedTarget
} from './lookup.js'
import { CreatedOutputs, invalidationEntries, writeSummary, writeTargets } from './outputs.js'
import { CLOUDFRONT_QUOTAS, Pace, leastSeconds } from './pace.js'
import { planPaths } from './plan.js'
import { PollScheduler } from './polls.js'
import { FleetProgress } from './progress.js'
import { describeTargets, overallStatus, renderNothingChanged, renderSummary } from './report.js'
import type { Inventory } from './sources.js'
import { fail, logDetail, type Runner } from './runner.js'
import { findTaggedDistributions } from './tagging.js'
import type { Deadline, DistributionResult, Plan, Target } from './types.js'
import { checkVerifyTargets, verifyCompleted, type VerifyOutcome } from './verify/index.js'
import { waitForEarlier } from './verify/flow.js'
import { renderVerification } from './verify/report.js'

export interface RunOptions {
  clock?: Clock
  /** Aborts with a CancelledError when the runner cancels the job (index.ts listens for the signals). */
  cancel?: AbortSignal
}

/**
 * The step: read the inputs, find the distributions, plan the paths, connect, invalidate (and wait),
 * report. The one place that turns errors into a failed step.
 */
export async function run(runner: Runner, options: RunOptions = {}): Promise<void> {
  const clock = options.clock ?? systemClock
  let report: (() => string) | undefined
  let outputs: CreatedOutputs | undefined
  let deadline: Deadline | undefined
  try {
    const settings = readSettings(name => runner.getInput(name), undefined, runner.env)
    const proxy = readProxySettings(runner.env)
    runner.setOutput('invalidation-ids', '[]')
    deadline = startDeadline(settings, clock, options.cancel)
    const step = deadline
    // Connects on first use: a dry run by ID alone needs no credentials.
    const aws = once(() => connect(runner, settings, proxy, step.signal, clock))
    const resolved = await resolveTargets(settings, lookups(runner, aws, step))
    const targets = resolved.map(({ target }) => target)
    writeTargets((name, value) => {
      runner.setOutput(name, value)
    }, targets)
    checkVerifyTargets(settings.verify, targets)
    const earlierId = settings.verify.invalidationId
    if (earlierId !== undefined) {
      const { client } = await aws()
      const handOn = new CreatedOutputs(runner, clock.now)
      outputs = handOn
      const done = await waitForEarlier(settings, resolved, earlierId, {
        client,
        runner,
        clock,
        deadline: step,
        proxy,
        outputs: handOn
      })
      const options = { dryRun: false, run: runner.context, region: settings.credentials.region }
      report = () => renderSummary(done.results, options) + renderVerification(done.verifications)
      return
    }
    if (settings.paths.length === 0) {
      runner.notice(`${settings.pathsSource} lists no paths: nothing changed, so nothing was invalidated.`)
      const ids = targets.map(({ id }) => id)
      report = () => renderNothingChanged(settings.pathsSource, ids, runner.context)
      return
    }
    const stepNonce = randomUUID()
    const plans = planInvalidations(runner, settings, resolved, stepNonce)
    let results: DistributionResult[] = plans.map(plan => ({
      distributionId: plan.distributionId,
      ...(plan.target.kind === 'tenant' ? { target: plan.target } : {}),
      foundBy: plan.foundBy,
      paths: plan.paths,
      plan: plan.pathPlan
    }))
    const summaryOptions = {
      dryRun: settings.dryRun,
      run: runner.context,
      region: settings.credentials.region
    }
    let verification: VerifyOutcome | undefined
    report = () =>
      renderSummary(results, summaryOptions) + renderVerification(verification?.verifications ?? [])
    logPlans(runner, plans, settings)
    if (settings.dryRun) {
      logBill(runner, results, true)
      runner.info('Dry run: nothing was sent to CloudFront.')
      return
    }

    const { client, pace } = await aws()
    const handOn = new CreatedOutputs(runner, clock.now)
    outputs = handOn
    // A tenant also named by itself is invalidated once, as itself.
    const namedTenants = new Set(targets.flatMap(target => (target.kind === 'tenant' ? [target.id] : [])))
    results = await invalidateAll(plans, settings, step, {
      client,
      runner,
      clock,
      outputs: handOn,
      pace,
      // CloudFront answers NoSuchDistribution for a multi-tenant distribution: only its tenants serve.
      tenantsOf: (plan, notFound, invalidate) =>
        invalidateTenantsOf(plan, notFound, {
          runner,
          list: () => listDistributionTenants(client, plan.distributionId, step.signal),
          invalidate,
          named: namedTenants,
          callerReference: tenantId =>
            settings.callerReference ?? callerReference(runner.context, tenantId, plan.paths, stepNonce)
        })
    })
    // A full disk from here on fails the step at the end, naming the IDs (failIfUnwritten), after the
    // summary and the bill.
    const found = results.flatMap(result => (result.target ? [result.target] : []))
    writeTargets(
      (name, value) => {
        handOn.set(name, value)
      },
      [...targets, ...found]
    )
    if (!settings.failOnTimeout) results = results.map(result => warnForTimeout(runner, result))
    handOn.flush()
    // Completed only when every target completed: one that failed is no complete invalidation.
    if (results.some(result => result.invalidationId)) {
      handOn.set('status', overallStatus(results))
      handOn.set('invalidations', JSON.stringify(invalidationEntries(results)))
    }
    logBill(runner, results, false)
    if (settings.verify.verify) {
      verification = await verifyCompleted(results, settings.paths, settings.verify, {
        client,
        runner,
        clock,
        proxy,
        deadline: step
      })
      handOn.set('verified', verification.verified)
    }
    failForErrors(runner, results, step)
    if (verification?.failure) runner.setFailed(verification.failure)
    handOn.failIfUnwritten()
  } catch (error) {
    fail(runner, explainAborted(error, deadline))
  } finally {
    if (report) await writeSummary(runner, report(), outputs?.createdIds())
  }
}

/**
 * Every target of the step at once, through one pace and one poll scheduler. A fleet (more than one
 * target, a multi-tenant distribution's tenants included) logs one progress line for all of them instead
 * of each target's routine lines.
 */
async function invalidateAll(
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

/** CloudFront answers NoSuchDistribution for a multi-tenant distribution: only its tenants serve. */
function mayHaveTenants(plan: Plan, result: DistributionResult): boolean {
  return result.notFound === true && plan.target.kind === 'distribution'
}

/** Creates are paced to CloudFront's account-wide rate: say so when wait-timeout cannot hold them all. */
function warnIfTooSlow(runner: Runner, count: number, settings: Settings): void {
  const least = leastSeconds(count, CLOUDFRONT_QUOTAS.create)
  if (least <= settings.waitTimeoutSeconds) return
  runner.warning(
    `wait-timeout: creating ${count} invalidations takes at least ${Math.ceil(least)} s at CloudFront's default rate of ${CLOUDFRONT_QUOTAS.create.perSecond} CreateInvalidation calls a second per account, more than wait-timeout (${settings.waitTimeoutSeconds} s). Those not created in time fail; raise wait-timeout, or split the distributions and tenants across steps that run one after another.`
  )
}

/** wait-timeout bounds everything from here; a cancelled job ends it at once too. */
function startDeadline(settings: Settings, clock: Clock, cancel: AbortSignal | undefined): Deadline {
  const timeoutMs = settings.waitTimeoutSeconds * 1000
  const timeout = clock.timeout(timeoutMs)
  return {
    at: clock.now() + timeoutMs,
    seconds: settings.waitTimeoutSeconds,
    signal: cancel ? AbortSignal.any([timeout, cancel]) : timeout
  }
}

/** The step's AWS access: the CloudFront client, and what another client needs to sign the same way. */
interface Aws {
  client: CloudFrontClient
  options: ClientOptions
  /** The rate limiter every CloudFront call of the step goes through. */
  pace: Pace
}

async function connect(
  runner: Runner,
  settings: Settings,
  proxy: ProxySettings,
  signal: AbortSignal,
  clock: Clock
): Promise<Aws> {
  const services: AwsService[] = ['CloudFront']
  if (settings.credentials.roleToAssume) services.push('STS')
  if (settings.distributionTags.length > 0) services.push('Resource Groups Tagging')
  const credentials = await signIn(runner, settings.credentials, {
    proxy,
    endpoints: endpointsOf(services, settings.credentials.region, runner.env),
    signal,
    clock
  })
  const { runId, runAttempt } = runner.context
  const options: ClientOptions = {
    ...(credentials ? { credentials } : {}),
    ...(settings.credentials.region ? { region: settings.credentials.region } : {}),
    proxy,
    run: `${runId}-${runAttempt}`
  }
  const client = createCloudFrontClient(options)
  const pace = new Pace(clock)
  paceClient(client, pace, signal)
  await checkCredentials(client)
  return { client, options, pace }
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}

/** The AWS calls behind distribution-alias and distribution-tag; lookup.ts decides which run. */
function lookups(runner: Runner, aws: () => Promise<Aws>, deadline: Deadline): LookupDeps {
  return {
    listDistributions: async () => listDistributions((await aws()).client, deadline.signal),
    getTenantByDomain: async domain =>
      getDistributionTenantByDomain((await aws()).client, domain, deadline.signal),
    findTagged: async tags => findTaggedDistributions(tags, (await aws()).options, deadline.signal),
    info: message => {
      runner.info(message)
    }
  }
}

/** Every target is asked for the same paths, so one path plan serves them all. */
function planInvalidations(
  runner: Runner,
  settings: Settings,
  resolved: readonly ResolvedTarget[],
  stepNonce: string
): Plan[] {
  const inventory = usableInventory(runner, settings)
  const pathPlan = planPaths(settings.paths, { maxPaths: settings.maxPaths }, settings.pathNotes, inventory)
  const paths = pathPlan.paths
  return resolved.map(({ target, foundBy }) => ({
    distributionId: target.id,
    target,
    foundBy,
    paths,
    pathPlan,
    callerReference: settings.callerReference ?? callerReference(runner.context, target.id, paths, stepNonce)
  }))
}

/** An empty inventory-file is more likely a failed step than an empty site: plan as without one. */
function usableInventory(runner: Runner, settings: Settings): Inventory | undefined {
  if (!settings.inventory || settings.inventory.objects > 0) return settings.inventory
  runner.warning(
    `inventory-file: ${settings.inventoryFile} lists no objects, so it was not used: compaction cannot tell what else a wildcard clears. Give it every object the site holds after the deploy (the changes action's inventory-file output).`
  )
  return undefined
}

interface TenantDeps {
  runner: Runner
  /** ListDistributionTenants for the distribution, every page. */
  list: () => Promise<Awaited<ReturnType<typeof listDistributionTenants>>>
  /** invalidateOne for each tenant's plan, at once, in the distribution's place. */
  invalidate: (plans: readonly Plan[]) => Promise<DistributionResult[]>
  callerReference: (tenantId: string) => string
  /** Tenants the inputs named themselves: invalidated as such, not again for their distribution. */
  named: ReadonlySet<string>
}

/**
 * A distribution CloudFront says does not exist may be a multi-tenant one: its tenants are listed, and
 * each gets its own invalidation in the distribution's place. With no tenant, the step fails as before,
 * saying that tenants were looked for too. Only a distribution that answered NoSuchDistribution costs
 * this call.
 */
export async function invalidateTenantsOf(
  plan: Plan,
  notFound: DistributionResult,
  deps: TenantDeps
): Promise<DistributionResult[]> {
  let tenants
  try {
    tenants = await deps.list()
  } catch (error) {
    logDetail(deps.runner, error)
    return [{ ...notFound, error: errorMessage(error) }]
  }
  if (tenants.length === 0) {
    return [
      {
        ...notFound,
        error:
          `${notFound.error ?? ''} Nor is it a multi-tenant distribution with tenants: ListDistributionTenants lists none for ${plan.distributionId}.`.trim()
      }
    ]
  }
  const all = tenants.map(tenantTarget) as Extract<Target, { kind: 'tenant' }>[]
  const targets = all.filter(target => !deps.named.has(target.id))
  const already = all.filter(target => deps.named.has(target.id)).map(target => target.id)
  if (already.length > 0) {
    deps.runner.info(
      `${plan.distributionId}: ${already.join(', ')} ${already.length === 1 ? 'is' : 'are'} named by distribution-tenant-id or distribution-alias too, and invalidated once.`
    )
  }
  if (targets.length === 0) return []
  deps.runner.info(
    `${plan.distributionId} is a multi-tenant distribution: invalidating ${targets.length === 1 ? 'its tenant' : `each of its ${targets.length} tenants`}:\n${targets.map(target => `  ${describeTenant(target)}`).join('\n')}`
  )
  return deps.invalidate(
    targets.map(target => ({
      ...plan,
      distributionId: target.id,
      target,
      foundBy: plan.foundBy.map(source =>
        source === 'distribution-id' ? `tenant of ${plan.distributionId}` : source
      ),
      callerReference: deps.callerReference(target.id)
    }))
  )
}

/** With fail-on-timeout false, a wait that ran out is a warning: the invalidation goes on in CloudFront. */
function warnForTimeout(runner: Runner, result: DistributionResult): DistributionResult {
  if (!result.timedOut || result.error === undefined) return result
  const { error, ...rest } = result
  const warning = `${error} fail-on-timeout is false, so the step does not fail.`
  runner.warning(`${result.distributionId}: ${warning}`)
  return { ...rest, warning }
}

/** Every distribution reports its own result first; then the step fails if any of them failed. */
function failForErrors(runner: Runner, results: readonly DistributionResult[], deadline: Deadline): void {
  const failed = results.filter(result => result.error)
  const [only] = failed
  if (isCancelled(deadline.signal)) {
    if (results.length > 1)
      for (const result of failed) runner.error(`${result.distributionId}: ${result.error}`)
    const created = results.filter(result => result.invalidationId).length
    runner.setFailed(`${errorMessage(deadline.signal.reason)} ${formatCreated(created, results.length)}`)
    return
  }
  if (!only) return
  if (results.length === 1) {
    runner.setFailed(only.error as string)
    return
  }
  for (const result of failed) runner.error(`${result.distributionId}: ${result.error}`)
  runner.setFailed(`${failed.length} of ${describeTargets(results)} failed; see the errors above.`)
}

function formatCreated(created: number, of: number): string {
  return created === 0
    ? 'No invalidation was confirmed as created.'
    : `${created} of ${of} invalidations were created and go on in CloudFront; see the outputs and the summary.`
}

/** An error after the deadline passed or the job was cancelled says so, rather than what it cut short. */
function explainAborted(error: unknown, deadline: Deadline | undefined): unknown {
  if (!deadline?.signal.aborted || error instanceof UserError) return error
  if (deadline.signal.reason instanceof CancelledError) {
    return Object.assign(new UserError(`${deadline.signal.reason.message} Nothing was invalidated.`), {
      cause: error
    })
  }
  return Object.assign(
    new WaitTimeoutError(
      `Timed out after ${deadline.seconds} s (wait-timeout) before any invalidation was created (${errorMessage(error)}). Raise wait-timeout, or check the network or proxy to AWS.`
    ),
    { cause: error }
  )
}
