import { randomUUID } from 'node:crypto'
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { callerReference } from './caller-reference.js'
import { CancelledError, isCancelled, systemClock, type Clock } from './clock.js'
import {
  checkCredentials,
  createCloudFrontClient,
  listDistributions,
  type ClientOptions
} from './cloudfront.js'
import { resolveCredentials } from './credentials.js'
import { UserError, WaitTimeoutError, errorMessage } from './errors.js'
import { describeProxy, readProxySettings, type ProxySettings } from './http.js'
import { readSettings, type Settings } from './inputs.js'
import { invalidateOne } from './invalidate.js'
import { logBill, logDetail, logPlans } from './log.js'
import { resolveDistributions, type LookupDeps, type ResolvedDistribution } from './lookup.js'
import { CreatedOutputs, writeSummary } from './outputs.js'
import { planPaths } from './plan.js'
import { overallStatus, renderNothingChanged, renderSummary } from './report.js'
import type { Runner } from './runner.js'
import { findTaggedDistributions } from './tagging.js'
import type { Deadline, DistributionResult, Plan } from './types.js'

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
    const distributions = await resolveDistributions(settings, lookups(runner, aws, step))
    runner.setOutput('distribution-ids', JSON.stringify(distributions.map(({ id }) => id)))
    if (settings.paths.length === 0) {
      runner.notice(`${settings.pathsSource} lists no paths: nothing changed, so nothing was invalidated.`)
      const ids = distributions.map(({ id }) => id)
      report = () => renderNothingChanged(settings.pathsSource, ids, runner.context)
      return
    }
    const plans = planInvalidations(runner, settings, distributions)
    let results: DistributionResult[] = plans.map(plan => ({
      distributionId: plan.distributionId,
      foundBy: plan.foundBy,
      paths: plan.paths,
      plan: plan.pathPlan
    }))
    report = () => renderSummary(results, { dryRun: settings.dryRun, run: runner.context })
    logPlans(runner, plans, settings)
    if (settings.dryRun) {
      logBill(runner, results, true)
      runner.info('Dry run: nothing was sent to CloudFront.')
      return
    }

    const { client } = await aws()
    const handOn = new CreatedOutputs(runner, plans.length)
    outputs = handOn
    results = await Promise.all(
      plans.map((plan, index) =>
        invalidateOne(plan, settings, step, {
          client,
          runner,
          clock,
          onCreated: id => {
            handOn.created(index, id)
          }
        })
      )
    )
    const created = results.filter(result => result.invalidationId)
    if (created.length > 0) handOn.set('status', overallStatus(created))
    logBill(runner, results, false)
    failForErrors(runner, results, step)
    handOn.failIfUnwritten()
  } catch (error) {
    fail(runner, explainAborted(error, deadline))
  } finally {
    if (report) await writeSummary(runner, report(), outputs?.createdIds())
  }
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
}

/** The AWS endpoints the step calls, as the SDK will choose them, for what the log says of the proxy. */
function endpoints(settings: Settings, env: NodeJS.ProcessEnv): { service: string; url: string }[] {
  const china = settings.credentials.region?.startsWith('cn-')
  const list = [
    {
      service: 'CloudFront',
      url:
        env.AWS_ENDPOINT_URL_CLOUDFRONT ??
        env.AWS_ENDPOINT_URL ??
        (china ? 'https://cloudfront.cn-northwest-1.amazonaws.com.cn' : 'https://cloudfront.amazonaws.com')
    }
  ]
  if (settings.credentials.roleToAssume) {
    const region = settings.credentials.region ?? 'us-east-1'
    list.push({
      service: 'STS',
      url:
        env.AWS_ENDPOINT_URL_STS ??
        env.AWS_ENDPOINT_URL ??
        `https://sts.${region}.amazonaws.com${china ? '.cn' : ''}`
    })
  }
  if (settings.distributionTags.length > 0) {
    list.push({
      service: 'Resource Groups Tagging',
      url:
        env.AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API ??
        env.AWS_ENDPOINT_URL ??
        'https://tagging.us-east-1.amazonaws.com'
    })
  }
  return list.filter(({ url }) => URL.canParse(url))
}

async function connect(
  runner: Runner,
  settings: Settings,
  proxy: ProxySettings,
  signal: AbortSignal,
  clock: Clock
): Promise<Aws> {
  for (const note of describeProxy(proxy, endpoints(settings, runner.env))) {
    if (note.warning) runner.warning(note.message)
    else runner.info(note.message)
  }
  const credentials = await resolveCredentials(settings.credentials, {
    getIDToken: audience => runner.getIDToken(audience),
    setSecret: secret => {
      runner.setSecret(secret)
    },
    info: message => {
      runner.info(message)
    },
    warning: message => {
      runner.warning(message)
    },
    env: runner.env,
    signal,
    proxy,
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
  await checkCredentials(client)
  return { client, options }
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}

/** The AWS calls behind distribution-alias and distribution-tag; lookup.ts decides which run. */
function lookups(runner: Runner, aws: () => Promise<Aws>, deadline: Deadline): LookupDeps {
  return {
    listDistributions: async () => listDistributions((await aws()).client, deadline.signal),
    findTagged: async tags => findTaggedDistributions(tags, (await aws()).options, deadline.signal),
    info: message => {
      runner.info(message)
    }
  }
}

/** Every distribution is asked for the same paths, so one path plan serves them all. */
function planInvalidations(
  runner: Runner,
  settings: Settings,
  distributions: readonly ResolvedDistribution[]
): Plan[] {
  const stepNonce = randomUUID()
  const pathPlan = planPaths(settings.paths, { maxPaths: settings.maxPaths }, settings.pathNotes)
  const paths = pathPlan.paths
  return distributions.map(({ id: distributionId, foundBy }) => ({
    distributionId,
    foundBy,
    paths,
    pathPlan,
    callerReference:
      settings.callerReference ?? callerReference(runner.context, distributionId, paths, stepNonce)
  }))
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
  runner.setFailed(`${failed.length} of ${results.length} distributions failed; see the errors above.`)
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

function fail(runner: Runner, error: unknown): void {
  logDetail(runner, error)
  runner.setFailed(errorMessage(error))
}
