import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { callerReference, runContextFromEnv } from './caller-reference.js'
import {
  checkCredentials,
  createCloudFrontClient,
  listDistributions,
  type ClientOptions
} from './cloudfront.js'
import { resolveCredentials } from './credentials.js'
import { UserError, WaitTimeoutError, errorMessage } from './errors.js'
import { describeProxy } from './http.js'
import { readSettings, type Settings } from './inputs.js'
import { invalidateOne, type Deadline, type Plan } from './invalidate.js'
import { logDetail, logPlans } from './log.js'
import { resolveDistributions, type LookupDeps, type ResolvedDistribution } from './lookup.js'
import { CreatedOutputs, writeSummary } from './outputs.js'
import { planPaths } from './plan.js'
import { overallStatus, type DistributionResult } from './report.js'
import { findTaggedDistributions } from './tagging.js'

export async function run(): Promise<void> {
  let results: DistributionResult[] = []
  let dryRun = false
  let stepDeadline: Deadline | undefined
  try {
    const settings = readSettings(name => core.getInput(name))
    core.setOutput('invalidation-ids', '[]')
    if (settings.paths.length === 0) {
      core.notice(`${settings.pathsSource} lists no paths: nothing changed, so nothing was invalidated.`)
      return
    }
    const timeoutMs = settings.waitTimeoutSeconds * 1000
    const deadline: Deadline = {
      at: Date.now() + timeoutMs,
      seconds: settings.waitTimeoutSeconds,
      signal: AbortSignal.timeout(timeoutMs)
    }
    stepDeadline = deadline
    dryRun = settings.dryRun
    // Connects on first use: a dry run by ID alone needs no credentials.
    const aws = once(() => connect(settings, deadline.signal))
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
    // Before any invalidation: cut short by wait-timeout while connecting or finding distributions.
    const cutShort = stepDeadline?.signal.aborted && !(error instanceof UserError)
    fail(cutShort ? timedOutBeforeInvalidating(error, stepDeadline) : error)
  } finally {
    if (results.length > 0) await writeSummary(results, dryRun)
  }
}

/** The step's AWS access: the CloudFront client, and what another client needs to sign the same way. */
interface Aws {
  client: CloudFrontClient
  options: ClientOptions
}

async function connect(settings: Settings, signal: AbortSignal): Promise<Aws> {
  const proxy = describeProxy()
  if (proxy?.warning) core.warning(proxy.message)
  else if (proxy) core.info(proxy.message)
  const credentials = await resolveCredentials(settings.credentials, {
    getIDToken: audience => core.getIDToken(audience),
    setSecret: secret => core.setSecret(secret),
    info: message => core.info(message),
    env: process.env,
    signal
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
  const pathPlan = planPaths(settings.paths, { maxPaths: settings.maxPaths }, settings.pathNotes)
  const paths = pathPlan.paths
  return distributions.map(({ id: distributionId, foundBy }) => ({
    distributionId,
    foundBy,
    paths,
    pathPlan,
    callerReference: settings.callerReference ?? callerReference(context, distributionId, paths, stepNonce)
  }))
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

function timedOutBeforeInvalidating(error: unknown, deadline: Deadline | undefined): WaitTimeoutError {
  return Object.assign(
    new WaitTimeoutError(
      `Timed out after ${deadline?.seconds ?? '?'} s (wait-timeout) before any invalidation was created (${errorMessage(error)}). Raise wait-timeout, or check the network or proxy to AWS.`
    ),
    { cause: error }
  )
}

function fail(error: unknown): void {
  logDetail(error)
  core.setFailed(errorMessage(error))
}
