import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { callerReference, runContextFromEnv } from './caller-reference.js'
import {
  checkCredentials,
  createCloudFrontClient,
  createInvalidation,
  getInvalidationStatus,
  isTooManyInvalidations,
  isTransientAwsError,
  listDistributions,
  type ClientOptions
} from './cloudfront.js'
import { resolveCredentials } from './credentials.js'
import { UserError, WaitTimeoutError, errorMessage } from './errors.js'
import { proxyUrl } from './http.js'
import { readSettings, type Settings } from './inputs.js'
import { resolveDistributions, type LookupDeps, type ResolvedDistribution } from './lookup.js'
import { MAX_WILDCARDS, billedPaths, planPaths, type PathPlan } from './plan.js'
import {
  BILLING_NOTE,
  describePlan,
  formatCount,
  formatNumber,
  formatDuration,
  overallStatus,
  renderSummary,
  type DistributionResult
} from './report.js'
import { retryUntil } from './retry.js'
import { findTaggedDistributions } from './tagging.js'
import { waitForCompletion, type WaitOptions } from './wait.js'

/** One distribution's share of the step: what to send, and what came of it. */
interface Plan {
  distributionId: string
  foundBy: readonly string[]
  paths: readonly string[]
  pathPlan: PathPlan
  callerReference: string
}

export async function run(): Promise<void> {
  let results: DistributionResult[] = []
  let dryRun = false
  try {
    const settings = readSettings(name => core.getInput(name))
    const timeoutMs = settings.waitTimeoutSeconds * 1000
    const deadline: Deadline = { at: Date.now() + timeoutMs, signal: AbortSignal.timeout(timeoutMs) }
    dryRun = settings.dryRun
    // Connects on first use: a dry run by ID alone needs no credentials.
    const aws = once(() => connect(settings))
    const distributions = await resolveDistributions(settings, lookups(aws, deadline))
    const plans = planInvalidations(settings, distributions)
    results = plans.map(plan => ({
      distributionId: plan.distributionId,
      foundBy: plan.foundBy,
      paths: plan.paths,
      plan: plan.pathPlan
    }))
    core.setOutput('distribution-ids', JSON.stringify(plans.map(plan => plan.distributionId)))
    logPlans(plans, settings)
    if (settings.dryRun) {
      core.setOutput('invalidation-ids', '[]')
      core.info('Dry run: nothing was sent to CloudFront.')
      return
    }

    const { client } = await aws()
    const outputs = new CreatedOutputs(plans.length)
    await Promise.all(
      plans.map((plan, index) =>
        invalidateOne(client, plan, settings, deadline, results[index] as DistributionResult, id =>
          outputs.created(index, id)
        )
      )
    )
    if (outputs.any())
      core.setOutput('status', overallStatus(results.filter(result => result.invalidationId)))
    failForErrors(results)
  } catch (error) {
    fail(error)
  } finally {
    if (results.length > 0) await writeSummary(results, dryRun)
  }
}

/** The step's AWS access: the CloudFront client, and what another client needs to sign the same way. */
interface Aws {
  client: CloudFrontClient
  options: ClientOptions
}

async function connect(settings: Settings): Promise<Aws> {
  const proxy = proxyUrl()
  if (proxy)
    core.info(`AWS requests go through the proxy ${proxy} (HTTPS_PROXY / HTTP_PROXY, except NO_PROXY).`)
  const credentials = await resolveCredentials(settings.credentials, {
    getIDToken: audience => core.getIDToken(audience),
    setSecret: secret => core.setSecret(secret),
    info: message => core.info(message),
    env: process.env
  })
  const options: ClientOptions = {
    ...(credentials ? { credentials } : {}),
    ...(settings.credentials.region ? { region: settings.credentials.region } : {})
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
function lookups(aws: () => Promise<Aws>, deadline: Deadline): LookupDeps {
  return {
    listDistributions: async () => listDistributions((await aws()).client, deadline.signal),
    findTagged: async tags => findTaggedDistributions(tags, (await aws()).options, deadline.signal),
    info: message => core.info(message)
  }
}

/** Every distribution is asked for the same paths, so one path plan serves them all. */
function planInvalidations(settings: Settings, distributions: readonly ResolvedDistribution[]): Plan[] {
  const context = runContextFromEnv(process.env)
  const stepNonce = randomUUID()
  const pathPlan = planPaths(settings.paths, { maxPaths: settings.maxPaths })
  const paths = pathPlan.paths
  return distributions.map(({ id: distributionId, foundBy }) => ({
    distributionId,
    foundBy,
    paths,
    pathPlan,
    callerReference: settings.callerReference ?? callerReference(context, distributionId, paths, stepNonce)
  }))
}

/** Every distribution gets the same path plan: how it came from the request is logged once. */
function logPathPlan(plan: PathPlan, settings: Settings, distributions: number): void {
  core.startGroup(`Paths: ${describePlan(plan)}`)
  if (plan.alreadyCovered > 0) {
    core.info(
      `${formatCount(plan.alreadyCovered, 'listed path')} dropped: a wildcard listed with them already covers them.`
    )
  }
  if (plan.compacted.length > 0) {
    core.info(
      `${formatCount(plan.requested - plan.alreadyCovered, 'path')} are more than max-paths (${settings.maxPaths}) or ${MAX_WILDCARDS} wildcards allow; compacted into:`
    )
    for (const wildcard of plan.compacted) {
      core.info(`  ${wildcard.path}  stands for ${formatCount(wildcard.covers, 'requested path')}`)
    }
  }
  if (distributions > 1) {
    core.info(
      `Billed paths of this step: ${formatNumber(billedPaths(plan) * distributions)} (${billedPaths(plan)} for each of ${distributions} distributions).`
    )
  }
  core.info(BILLING_NOTE)
  core.endGroup()
  if (plan.everything) {
    core.warning(
      `max-paths: the ${formatCount(plan.requested, 'requested path')} could not be covered by at most ${MAX_WILDCARDS} directory wildcards and ${settings.maxPaths} paths in all, so /* is invalidated instead: every cached object of the distribution. Raise max-paths, or list fewer paths (for example only what changed).`
    )
  }
}

function logPlans(plans: readonly Plan[], settings: Settings): void {
  const verb = settings.dryRun ? 'Dry run: would invalidate' : 'Invalidating'
  const [first] = plans
  if (first) logPathPlan(first.pathPlan, settings, plans.length)
  for (const plan of plans) {
    const count = plan.paths.length === 1 ? `1 path (${plan.paths[0]})` : `${plan.paths.length} paths`
    core.info(`${verb} ${count} of distribution ${plan.distributionId}, from ${settings.pathsSource}.`)
    if (plan.paths.length > 1) {
      core.startGroup(`Paths sent to ${plan.distributionId} (${plan.paths.length})`)
      core.info(plan.paths.join('\n'))
      core.endGroup()
    }
    core.debug(`CallerReference for ${plan.distributionId}: ${plan.callerReference}`)
  }
}

/** The outputs are written as soon as each invalidation exists, before any waiting. */
class CreatedOutputs {
  private readonly ids: (string | undefined)[]
  constructor(count: number) {
    this.ids = new Array<string | undefined>(count).fill(undefined)
  }
  created(index: number, id: string): void {
    this.ids[index] = id
    const created = this.ids.filter((value): value is string => value !== undefined)
    core.setOutput('invalidation-id', created[0])
    core.setOutput('invalidation-ids', JSON.stringify(created))
  }
  any(): boolean {
    return this.ids.some(id => id !== undefined)
  }
}

/** The step's one deadline: retries, unanswered calls and the wait for completion all end there. */
interface Deadline {
  at: number
  signal: AbortSignal
}

async function invalidateOne(
  client: CloudFrontClient,
  plan: Plan,
  settings: Settings,
  deadline: Deadline,
  result: DistributionResult,
  onCreated: (id: string) => void
): Promise<void> {
  const { distributionId } = plan
  try {
    const invalidation = await retryUntil(
      () => createInvalidation(client, distributionId, plan.paths, plan.callerReference, deadline.signal),
      {
        shouldRetry: isTooManyInvalidations,
        deadline: deadline.at,
        onRetry: ({ attempt, delayMs, remainingMs }) =>
          core.info(
            `Too many invalidations in progress on ${distributionId}; retrying in ${formatDuration(delayMs)} with the same CallerReference (retry ${attempt}, ${formatDuration(remainingMs)} left of wait-timeout).`
          )
      }
    )
    result.invalidationId = invalidation.id
    result.status = invalidation.status
    onCreated(invalidation.id)
    core.info(`Created invalidation ${invalidation.id} on ${distributionId} (${invalidation.status}).`)
    if (!settings.wait) return
    if (invalidation.status === 'Completed') {
      result.waitedMs = 0
      result.polls = 0
      return
    }

    core.info(`Waiting for ${invalidation.id} to complete (wait-timeout ${settings.waitTimeoutSeconds} s).`)
    const waited = await waitForCompletion({
      poll: async () =>
        (await getInvalidationStatus(client, distributionId, invalidation.id, deadline.signal)) ===
        'Completed',
      timeoutMs: deadline.at - Date.now(),
      isTransient: isTransientAwsError,
      onProgress: progressLog(invalidation.id)
    })
    result.waitedMs = waited.waitedMs
    result.polls = waited.polls
    if (!waited.completed) throw timedOut(settings, distributionId, result, waited.lastError)
    result.status = 'Completed'
    core.info(
      `Invalidation ${invalidation.id} on ${distributionId} completed after ${formatDuration(waited.waitedMs)} (${formatCount(waited.polls, 'poll')}).`
    )
  } catch (error) {
    // At the deadline, say what was being waited for, unless the error itself says more.
    const reported =
      deadline.signal.aborted && !isTooManyInvalidations(error)
        ? timedOut(settings, distributionId, result)
        : error
    result.error = errorMessage(reported)
    logDetail(error)
  }
}

/** A progress line every 10 s or so (polls are more frequent), and every failed poll. */
function progressLog(invalidationId: string): NonNullable<WaitOptions['onProgress']> {
  let loggedAt = -Infinity
  return ({ elapsedMs, polls, error }) => {
    if (error === undefined && elapsedMs - loggedAt < 10_000) return
    loggedAt = elapsedMs
    const status = error === undefined ? 'InProgress' : `poll failed (${errorMessage(error)}), will retry`
    core.info(
      `  ${invalidationId}: ${status} after ${formatDuration(elapsedMs)} (${formatCount(polls, 'poll')})`
    )
  }
}

function timedOut(
  settings: Settings,
  distributionId: string,
  result: DistributionResult,
  lastError?: unknown
): WaitTimeoutError {
  const after = `Timed out after ${settings.waitTimeoutSeconds} s (wait-timeout)`
  if (!result.invalidationId) {
    return new WaitTimeoutError(
      `${after}: CloudFront did not accept the invalidation of ${distributionId} in time (no answer, or still throttling). Nothing was reported as created; check the network or proxy to cloudfront.amazonaws.com, or raise wait-timeout.`
    )
  }
  return new WaitTimeoutError(
    `${after} waiting for invalidation ${result.invalidationId} on ${distributionId}: ${lastError === undefined ? 'still InProgress' : `the last poll failed (${errorMessage(lastError)})`} after ${result.polls ?? 0} polls. The invalidation goes on in CloudFront; raise wait-timeout, or set wait: false to not wait.`
  )
}

/** Every distribution reports its own result first; then the step fails if any of them failed. */
function failForErrors(results: readonly DistributionResult[]): void {
  const failed = results.filter(result => result.error)
  const [only] = failed
  if (!only) return
  if (results.length === 1) {
    core.setFailed(only.error as string)
    return
  }
  for (const result of failed) core.error(`${result.distributionId}: ${result.error}`)
  core.setFailed(`${failed.length} of ${results.length} distributions failed; see the errors above.`)
}

function fail(error: unknown): void {
  logDetail(error)
  core.setFailed(errorMessage(error))
}

/** Unexpected errors keep their stack, but only in the debug log: the annotation stays one clear line. */
function logDetail(error: unknown): void {
  if (error instanceof UserError && !(error.cause instanceof Error)) return
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  const cause =
    error instanceof Error && error.cause instanceof Error ? `\nCaused by: ${error.cause.stack}` : ''
  core.debug(detail + cause)
}

async function writeSummary(results: readonly DistributionResult[], dryRun: boolean): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(results, { dryRun })).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}
