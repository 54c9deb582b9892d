import { randomUUID } from 'node:crypto'
import { startDeadline, systemClock, type Clock } from './common/clock.js'
import { readProxySettings, type ProxySettings } from './common/http.js'
import { attempt } from './common/errors.js'
import { Phase } from './common/phase.js'
import { fail, type Runner } from './common/runner.js'
import { readSettings, type Settings } from './inputs/inputs.js'
import { lookupCalls } from './targets/calls.js'
import { resolveTargets, type ResolvedTarget } from './targets/lookup.js'
import { tenantFallback } from './targets/tenants.js'
import { listDistributionTenants } from './cloudfront/listings.js'
import { connect, type Aws } from './cloudfront/connect.js'
import { callerReferenceOf, planInvalidations } from './send/plans.js'
import { invalidateAll } from './send/fleet.js'
import { plannedResult, underFailOnTimeout } from './send/invalidate.js'
import { bucketReader } from './verify/bucket.js'
import { checkVerifyTargets, verifyCompleted, type VerifyOutcome } from './verify/index.js'
import { waitForEarlier } from './earlier/flow.js'
import { logPlans } from './report/log.js'
import { CreatedOutputs } from './report/outputs.js'
import { Ending } from './ending.js'
import type { Deadline, DistributionResult, Plan, Target } from './types.js'

export interface RunOptions {
  clock?: Clock
  /** Aborts with a CancelledError when the runner cancels the job (index.ts listens for the signals). */
  cancel?: AbortSignal
}

/**
 * The step: read the inputs, find the targets, plan the paths, connect, invalidate (and wait), verify,
 * end (ending.ts: outputs, the step's failure, the summary). The one place that turns errors into
 * a failed step; the outputs have one writer (outputs.ts).
 */
export async function run(runner: Runner, options: RunOptions = {}): Promise<void> {
  const clock = options.clock ?? systemClock
  const outputs = new CreatedOutputs(runner, clock.now)
  const inputs = readInputs(runner, outputs)
  if (!inputs) return
  const step = startStep(runner, clock, outputs, inputs, options.cancel)
  const { settings, ending } = step
  const resolved = await findTargets(step)
  if (!resolved) return
  const earlierId = settings.verify.invalidationId
  if (earlierId !== undefined) return followEarlier(step, resolved, earlierId)
  const targets = resolved.map(({ target }) => target)
  if (settings.paths.length === 0) return ending.nothingChanged(targets)
  const plans = attempt(() => planInvalidations(runner, settings, resolved, step.nonce), ending.failed)
  if (!plans) return
  logPlans(runner, plans, settings)
  const planned = plans.map(plannedResult)
  if (settings.dryRun) return ending.dryRun(planned)
  const results = await invalidate(step, plans, targets)
  // What was planned, and the invalidations the outputs already name.
  if (!results) return ending.summarize(planned)
  const verification = await verify(step, results)
  await ending.end(results, verification, { created: true })
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
  /** Hands the results on, fails the step, writes the summary. */
  ending: Ending
  /** Connects on first use: a dry run by ID alone needs no credentials. */
  aws: () => Promise<Aws>
  /** The CallerReference's share of this step (plans.ts). */
  nonce: string
  /** What the step is doing now, for the error of a cancel that cuts it short before any result. */
  phase: Phase
}

/** The settings and the proxy; undefined when an input is wrong, after failing the step for it. */
function readInputs(
  runner: Runner,
  outputs: CreatedOutputs
): { settings: Settings; proxy: ProxySettings } | undefined {
  try {
    const settings = readSettings(name => runner.getInput(name), undefined, runner.env)
    const proxy = readProxySettings(runner.env)
    outputs.start()
    return { settings, proxy }
  } catch (error) {
    fail(runner, error)
    return undefined
  }
}

function startStep(
  runner: Runner,
  clock: Clock,
  outputs: CreatedOutputs,
  { settings, proxy }: { settings: Settings; proxy: ProxySettings },
  cancel: AbortSignal | undefined
): Step {
  const deadline = startDeadline(settings.waitTimeoutSeconds, clock, cancel)
  const phase = new Phase('looking up the targets')
  let connected: Promise<Aws> | undefined
  const aws = () =>
    (connected ??= phase.during(
      'signing in to AWS',
      connect(runner, settings, proxy, deadline.signal, clock)
    ))
  const ending = new Ending({ runner, outputs, deadline, settings, phase })
  return { runner, clock, settings, proxy, deadline, outputs, ending, aws, nonce: randomUUID(), phase }
}

/** The targets the inputs name and the lookups find, handed on before anything is created. */
async function findTargets(step: Step): Promise<ResolvedTarget[] | undefined> {
  const { settings, outputs, ending } = step
  const lookups = lookupCalls(step.aws, step.deadline.signal, step.runner)
  const resolved = await resolveTargets(settings, lookups).catch(ending.failed)
  if (!resolved) return undefined
  return attempt(() => {
    const targets = resolved.map(({ target }) => target)
    outputs.targets(targets)
    checkVerifyTargets(settings.verify, targets)
    return resolved
  }, ending.failed)
}

/** invalidation-id: wait on (and verify) an invalidation made earlier; nothing is created. */
async function followEarlier(step: Step, resolved: readonly ResolvedTarget[], id: string): Promise<void> {
  const { settings, ending } = step
  step.phase.enter(`waiting for invalidation ${id}`, `It is not affected; this step creates none.`)
  const done = await step
    .aws()
    .then(aws =>
      waitForEarlier(settings, resolved, id, { ...checking(step, aws), settled: ending.settledEarlier })
    )
    .catch(ending.failed)
  if (done) await ending.end(done.results, done.verification, { created: false })
}

/**
 * Sends every plan (fleet.ts), a distribution CloudFront does not know tried as a multi-tenant one
 * (tenants.ts), and hands on what came of them; undefined when the step failed before the results were in.
 */
async function invalidate(
  step: Step,
  plans: readonly Plan[],
  targets: readonly Target[]
): Promise<DistributionResult[] | undefined> {
  const { runner, settings, deadline, outputs, ending } = step
  step.phase.enter('creating the invalidations')
  const sent = await step
    .aws()
    .then(({ client, pace }) =>
      invalidateAll(plans, settings, deadline, {
        client,
        runner,
        clock: step.clock,
        pace,
        onCreated: (slot, target, id, status) => {
          outputs.created(slot, target, id, status)
        },
        insteadOf: tenantFallback({
          runner,
          list: distributionId => listDistributionTenants(client, distributionId, deadline.signal),
          named: targets,
          callerReference: (tenantId, plan) =>
            callerReferenceOf(runner, settings, tenantId, plan.paths, step.nonce)
        })
      })
    )
    .catch(ending.failed)
  if (!sent) return undefined
  const results = sent.map(result => underFailOnTimeout(runner, settings.failOnTimeout, result))
  ending.settled(targets, results)
  return results
}

/** Checks the invalidated paths through the site, when verify asks; undefined when not, or it failed the step. */
async function verify(
  step: Step,
  results: readonly DistributionResult[]
): Promise<VerifyOutcome | undefined> {
  const { settings } = step
  if (!settings.verify.verify) return undefined
  return step
    .aws()
    .then(aws =>
      verifyCompleted(results, settings.changedFiles, settings.verify, {
        ...checking(step, aws),
        objects: settings.changedObjects
      })
    )
    .catch(step.ending.failed)
}

/** What waiting on and verifying an invalidation need: CloudFront, the site, and S3 for the content check. */
function checking({ runner, clock, proxy, deadline }: Step, { client, options }: Aws) {
  return { client, runner, clock, proxy, deadline, bucket: () => bucketReader(options) }
}
