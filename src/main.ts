import { randomUUID } from 'node:crypto'
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { endpointsOf, type AwsService } from './aws-config.js'
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
import { signIn } from './connect.js'
import { UserError, WaitTimeoutError, errorMessage } from './errors.js'
import { invalidateAll } from './fleet.js'
import { readProxySettings, type ProxySettings } from './http.js'
import { readSettings, type Settings } from './inputs.js'
import { logBill, logPlans } from './log.js'
import { resolveTargets, type LookupDeps, type ResolvedTarget } from './lookup.js'
import { CreatedOutputs, writeSummary } from './outputs.js'
import { Pace } from './pace.js'
import { planPaths } from './plan.js'
import { describeTargets, renderNothingChanged, renderSummary } from './report.js'
import { fail, type Runner } from './runner.js'
import type { Inventory } from './sources.js'
import { findTaggedDistributions } from './tagging.js'
import { invalidateTenantsOf } from './tenants.js'
import type { Deadline, DistributionResult, Plan, Target } from './types.js'
import { checkVerifyTargets, verifyCompleted } from './verify/index.js'
import { waitForEarlier } from './verify/flow.js'
import { renderVerification, type TargetVerification } from './verify/report.js'

export interface RunOptions {
  clock?: Clock
  /** Aborts with a CancelledError when the runner cancels the job (index.ts listens for the signals). */
  cancel?: AbortSignal
}

/**
 * The step: read the inputs, find the distributions, plan the paths, connect, invalidate (and wait),
 * report. The one place that turns errors into a failed step; the outputs have one writer (outputs.ts).
 */
export async function run(runner: Runner, options: RunOptions = {}): Promise<void> {
  const clock = options.clock ?? systemClock
  const outputs = new CreatedOutputs(runner, clock.now)
  const inputs = attempt(
    () => {
      const settings = readSettings(name => runner.getInput(name), undefined, runner.env)
      const proxy = readProxySettings(runner.env)
      outputs.start()
      return { settings, proxy }
    },
    error => {
      fail(runner, error)
      return undefined
    }
  )
  if (!inputs) return
  const { settings, proxy } = inputs
  const step = startDeadline(settings, clock, options.cancel)
  const failed = (error: unknown): undefined => {
    fail(runner, explainAborted(error, step))
  }
  // Connects on first use: a dry run by ID alone needs no credentials.
  const aws = once(() => connect(runner, settings, proxy, step.signal, clock))
  const resolved = await resolveTargets(settings, lookups(runner, aws, step)).catch(failed)
  if (!resolved) return
  const targets = resolved.map(({ target }) => target)
  const written = attempt(() => {
    outputs.targets(targets)
    checkVerifyTargets(settings.verify, targets)
    return true
  }, failed)
  if (!written) return
  const summaryOptions = { dryRun: settings.dryRun, run: runner.context, region: settings.credentials.region }
  const summary = (
    results: readonly DistributionResult[],
    verifications: readonly TargetVerification[] = []
  ) =>
    writeSummary(
      runner,
      renderSummary(results, summaryOptions) + renderVerification(verifications),
      outputs.createdIds()
    )
  const earlierId = settings.verify.invalidationId
  if (earlierId !== undefined) {
    // invalidation-id: wait on (and verify) an invalidation made earlier; nothing is created.
    const done = await aws()
      .then(({ client }) =>
        waitForEarlier(settings, resolved, earlierId, {
          client,
          runner,
          clock,
          deadline: step,
          proxy,
          outputs
        })
      )
      .catch(failed)
    if (done) await summary(done.results, done.verifications)
    return
  }
  if (settings.paths.length === 0) {
    runner.notice(`${settings.pathsSource} lists no paths: nothing changed, so nothing was invalidated.`)
    const ids = targets.map(({ id }) => id)
    await writeSummary(runner, renderNothingChanged(settings.pathsSource, ids, runner.context))
    return
  }
  const stepNonce = randomUUID()
  const plans = attempt(() => planInvalidations(runner, settings, resolved, stepNonce), failed)
  if (!plans) return
  const planned: DistributionResult[] = plans.map(plan => ({
    distributionId: plan.distributionId,
    ...(plan.target.kind === 'tenant' ? { target: plan.target } : {}),
    foundBy: plan.foundBy,
    paths: plan.paths,
    plan: plan.pathPlan
  }))
  logPlans(runner, plans, settings)
  if (settings.dryRun) {
    logBill(runner, planned, true)
    runner.info('Dry run: nothing was sent to CloudFront.')
    await summary(planned)
    return
  }

  const sent = await send(plans, targets, settings, step, { runner, clock, outputs, aws, stepNonce }).catch(
    failed
  )
  if (!sent) {
    // What was planned, and the invalidations the outputs already name.
    await summary(planned)
    return
  }
  // A full disk from here on fails the step at the end, naming the IDs (failIfUnwritten), after the
  // summary and the bill.
  const results = settings.failOnTimeout ? sent : sent.map(result => warnForTimeout(runner, result))
  outputs.finish(targets, results)
  logBill(runner, results, false)
  const verification = settings.verify.verify
    ? await aws()
        .then(({ client }) =>
          verifyCompleted(results, settings.paths, settings.verify, {
            client,
            runner,
            clock,
            proxy,
            deadline: step
          })
        )
        .catch(failed)
    : undefined
  if (verification) outputs.set('verified', verification.verified)
  failForErrors(runner, results, step)
  if (verification?.failure) runner.setFailed(verification.failure)
  outputs.failIfUnwritten()
  await summary(results, verification?.verifications)
}

/** What `work` returns, or undefined when it threw, after `failed` failed the step for it. */
function attempt<T>(work: () => T, failed: (error: unknown) => undefined): T | undefined {
  try {
    return work()
  } catch (error) {
    failed(error)
    return undefined
  }
}

/**
 * Connects, and invalidates every plan (fleet.ts); a distribution that CloudFront does not know is tried
 * as a multi-tenant one (tenants.ts).
 */
async function send(
  plans: readonly Plan[],
  targets: readonly Target[],
  settings: Settings,
  step: Deadline,
  deps: {
    runner: Runner
    clock: Clock
    outputs: CreatedOutputs
    aws: () => Promise<Aws>
    /** The CallerReference's share of this step (planInvalidations). */
    stepNonce: string
  }
): Promise<DistributionResult[]> {
  const { runner } = deps
  const { client, pace } = await deps.aws()
  // A tenant also named by itself is invalidated once, as itself.
  const named = new Set(targets.flatMap(target => (target.kind === 'tenant' ? [target.id] : [])))
  return invalidateAll(plans, settings, step, {
    client,
    runner,
    clock: deps.clock,
    outputs: deps.outputs,
    pace,
    tenantsOf: (plan, notFound, invalidate) =>
      invalidateTenantsOf(plan, notFound, {
        runner,
        list: () => listDistributionTenants(client, plan.distributionId, step.signal),
        invalidate,
        named,
        callerReference: tenantId =>
          settings.callerReference ?? callerReference(runner.context, tenantId, plan.paths, deps.stepNonce)
      })
  })
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
