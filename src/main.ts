import { randomUUID } from 'node:crypto'
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { endpointsOf, type AwsService } from './aws/aws-config.js'
import { callerReference } from './send/caller-reference.js'
import { CancelledError, isCancelled, systemClock, type Clock } from './common/clock.js'
import {
  checkCredentials,
  createCloudFrontClient,
  paceClient,
  type ClientOptions
} from './cloudfront/client.js'
import {
  getDistributionTenantByDomain,
  listDistributionTenants,
  listDistributions
} from './cloudfront/listings.js'
import { signIn } from './aws/connect.js'
import { UserError, WaitTimeoutError, errorMessage } from './common/errors.js'
import { invalidateAll } from './send/fleet.js'
import { readProxySettings, type ProxySettings } from './common/http.js'
import { readSettings, type Settings } from './inputs/inputs.js'
import { plannedResult, underFailOnTimeout } from './send/invalidate.js'
import { logBill, logPlans } from './report/log.js'
import { resolveTargets, type LookupDeps, type ResolvedTarget } from './targets/lookup.js'
import { CreatedOutputs, writeSummary } from './report/outputs.js'
import { Pace } from './cloudfront/pace.js'
import { planPaths } from './paths/plan.js'
import { describeTargets, renderNothingChanged, renderSummary } from './report/report.js'
import { fail, type Runner } from './common/runner.js'
import type { Inventory } from './paths/sources.js'
import { findTaggedDistributions } from './targets/tagging.js'
import { invalidateTenantsOf } from './targets/tenants.js'
import type { Deadline, DistributionResult, Plan, Target } from './types.js'
import { bucketReader } from './verify/bucket.js'
import { checkVerifyTargets, verifyCompleted, type VerifyOutcome } from './verify/index.js'
import { waitForEarlier } from './earlier/flow.js'
import { renderVerification, type TargetVerification } from './verify/report.js'

export interface RunOptions {
  clock?: Clock
  /** Aborts with a CancelledError when the runner cancels the job (index.ts listens for the signals). */
  cancel?: AbortSignal
}

/**
 * The step: read the inputs, find the distributions, plan the paths, connect, invalidate (and wait),
 * verify, report. The one place that turns errors into a failed step; the outputs have one writer
 * (outputs.ts).
 */
export async function run(runner: Runner, options: RunOptions = {}): Promise<void> {
  const clock = options.clock ?? systemClock
  const outputs = new CreatedOutputs(runner, clock.now)
  const inputs = readInputs(runner, outputs)
  if (!inputs) return
  const step = startStep(runner, clock, outputs, inputs, options.cancel)
  const resolved = await findTargets(step)
  if (!resolved) return
  const { settings } = step
  const earlierId = settings.verify.invalidationId
  if (earlierId !== undefined) return followEarlier(step, resolved, earlierId)
  const targets = resolved.map(({ target }) => target)
  if (settings.paths.length === 0) return reportNothingChanged(step, targets)
  const plans = attempt(() => planInvalidations(runner, settings, resolved, step.nonce), step.failed)
  if (!plans) return
  logPlans(runner, plans, settings)
  const planned = plans.map(plannedResult)
  if (settings.dryRun) return reportDryRun(step, planned)
  const results = await invalidate(step, plans, targets)
  // What was planned, and the invalidations the outputs already name.
  if (!results) return summarize(step, planned)
  const verification = await verify(step, results)
  await report(step, results, verification)
}

/** What every phase of the step works with once the inputs are read. */
interface Step {
  runner: Runner
  clock: Clock
  settings: Settings
  proxy: ProxySettings
  deadline: Deadline
  /** The one writer of the step's outputs. */
  outputs: CreatedOutputs
  /** Connects on first use: a dry run by ID alone needs no credentials. */
  aws: () => Promise<Aws>
  /** The CallerReference's share of this step (planInvalidations). */
  nonce: string
  /** Fails the step for an error, saying so when the deadline cut it short. */
  failed: (error: unknown) => undefined
}

/** The settings and the proxy; undefined when an input is wrong, after failing the step for it. */
function readInputs(
  runner: Runner,
  outputs: CreatedOutputs
): { settings: Settings; proxy: ProxySettings } | undefined {
  return attempt(
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
}

function startStep(
  runner: Runner,
  clock: Clock,
  outputs: CreatedOutputs,
  { settings, proxy }: { settings: Settings; proxy: ProxySettings },
  cancel: AbortSignal | undefined
): Step {
  const deadline = startDeadline(settings, clock, cancel)
  return {
    runner,
    clock,
    settings,
    proxy,
    deadline,
    outputs,
    aws: once(() => connect(runner, settings, proxy, deadline.signal, clock)),
    nonce: randomUUID(),
    failed: error => {
      fail(runner, explainAborted(error, deadline))
    }
  }
}

/** The targets the inputs name and the lookups find, handed on before anything is created. */
async function findTargets(step: Step): Promise<ResolvedTarget[] | undefined> {
  const { settings, outputs } = step
  const resolved = await resolveTargets(settings, lookups(step)).catch(step.failed)
  if (!resolved) return undefined
  return attempt(() => {
    const targets = resolved.map(({ target }) => target)
    outputs.targets(targets)
    checkVerifyTargets(settings.verify, targets)
    return resolved
  }, step.failed)
}

/** invalidation-id: wait on (and verify) an invalidation made earlier; nothing is created. */
async function followEarlier(step: Step, resolved: readonly ResolvedTarget[], id: string): Promise<void> {
  const { runner, clock, settings, proxy, deadline, outputs } = step
  const done = await step
    .aws()
    .then(({ client, options }) =>
      waitForEarlier(settings, resolved, id, {
        client,
        bucket: () => bucketReader(options),
        runner,
        clock,
        deadline,
        proxy,
        outputs
      })
    )
    .catch(step.failed)
  if (done) await summarize(step, done.results, done.verifications)
}

async function reportNothingChanged(step: Step, targets: readonly Target[]): Promise<void> {
  const { runner, settings } = step
  runner.notice(`${settings.pathsSource} lists no paths: nothing changed, so nothing was invalidated.`)
  const ids = targets.map(({ id }) => id)
  await writeSummary(runner, renderNothingChanged(settings.pathsSource, ids, runner.context))
}

async function reportDryRun(step: Step, planned: readonly DistributionResult[]): Promise<void> {
  logBill(step.runner, planned, true)
  step.runner.info('Dry run: nothing was sent to CloudFront.')
  await summarize(step, planned)
}

/**
 * Sends every plan and hands on what came of them (outputs, bill); undefined when the step failed before
 * the results were in.
 */
async function invalidate(
  step: Step,
  plans: readonly Plan[],
  targets: readonly Target[]
): Promise<DistributionResult[] | undefined> {
  const { runner, settings, outputs } = step
  const sent = await send(step, plans, targets).catch(step.failed)
  if (!sent) return undefined
  // A write that fails from here on (a full disk) stops nothing: failIfUnwritten fails the step at the
  // end, naming the IDs.
  const results = sent.map(result => underFailOnTimeout(runner, settings.failOnTimeout, result))
  outputs.finish(targets, results)
  logBill(runner, results, false)
  return results
}

/** Checks the invalidated paths through the site, when verify asks; undefined when not, or it failed the step. */
async function verify(
  step: Step,
  results: readonly DistributionResult[]
): Promise<VerifyOutcome | undefined> {
  const { runner, clock, settings, proxy, deadline } = step
  if (!settings.verify.verify) return undefined
  return step
    .aws()
    .then(({ client, options }) =>
      verifyCompleted(results, settings.changedFiles, settings.verify, {
        client,
        runner,
        clock,
        proxy,
        deadline,
        objects: settings.changedObjects,
        bucket: () => bucketReader(options)
      })
    )
    .catch(step.failed)
}

/** The verified output, the step's failure for whatever failed, and the summary. */
async function report(
  step: Step,
  results: readonly DistributionResult[],
  verification: VerifyOutcome | undefined
): Promise<void> {
  const { runner, outputs } = step
  if (verification) outputs.set('verified', verification.verified)
  // Cancelled while verifying: the invalidations are done, and verify's one error says where it stopped.
  if (verification?.cancelled) runner.setFailed(verification.failure ?? 'The job was cancelled.')
  else failForErrors(runner, results, step.deadline)
  if (verification?.failure && !verification.cancelled) runner.setFailed(verification.failure)
  outputs.failIfUnwritten()
  await summarize(step, results, verification?.verifications)
}

/** The job summary; one that cannot be written names the invalidations the outputs hold. */
async function summarize(
  step: Step,
  results: readonly DistributionResult[],
  verifications: readonly TargetVerification[] = []
): Promise<void> {
  const { runner, settings, outputs } = step
  const options = { dryRun: settings.dryRun, run: runner.context, region: settings.credentials.region }
  const markdown = renderSummary(results, options) + renderVerification(verifications)
  await writeSummary(runner, markdown, outputs.createdIds())
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
  step: Step,
  plans: readonly Plan[],
  targets: readonly Target[]
): Promise<DistributionResult[]> {
  const { runner, settings, deadline } = step
  const { client, pace } = await step.aws()
  // A tenant also named by itself is invalidated once, as itself.
  const named = new Set(targets.flatMap(target => (target.kind === 'tenant' ? [target.id] : [])))
  return invalidateAll(plans, settings, deadline, {
    client,
    runner,
    clock: step.clock,
    outputs: step.outputs,
    pace,
    tenantsOf: (plan, notFound, invalidate) =>
      invalidateTenantsOf(plan, notFound, {
        runner,
        list: () => listDistributionTenants(client, plan.distributionId, deadline.signal),
        invalidate,
        named,
        callerReference: tenantId =>
          settings.callerReference ?? callerReference(runner.context, tenantId, plan.paths, step.nonce)
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
function lookups({ runner, aws, deadline }: Step): LookupDeps {
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

/** Every distribution reports its own result first; then the step fails if any of them failed. */
function failForErrors(runner: Runner, results: readonly DistributionResult[], deadline: Deadline): void {
  const failed = results.filter(result => result.error)
  const [only] = failed
  if (isCancelled(deadline.signal)) {
    if (results.length > 1)
      for (const result of failed) runner.error(`${result.distributionId}: ${result.error}`)
    runner.setFailed(`${errorMessage(deadline.signal.reason)} ${formatCreated(results)}`)
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

/** What a cancelled step leaves: invalidations that go on in CloudFront, or that already completed. */
function formatCreated(results: readonly DistributionResult[]): string {
  const created = results.filter(result => result.invalidationId)
  const going = created.filter(result => result.status !== 'Completed').length
  const of = `${created.length} of ${results.length} invalidations were created`
  if (created.length === 0) return 'No invalidation was confirmed as created.'
  if (going === 0) return `${of} and completed; see the outputs and the summary.`
  return going === created.length
    ? `${of} and go on in CloudFront; see the outputs and the summary.`
    : `${of}: ${going} go on in CloudFront and the rest completed; see the outputs and the summary.`
}

/** An error after the deadline passed or the job was cancelled says so, rather than what it cut short. */
function explainAborted(error: unknown, deadline: Deadline): unknown {
  if (!deadline.signal.aborted || error instanceof UserError) return error
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
