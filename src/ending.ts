/**
 * The step's one ending, for both flows (creating invalidations, and invalidation-id's wait on one made
 * earlier): it hands on the results as outputs once they are in, and at the end writes the verified
 * output, fails the step for whatever failed, and writes the job summary. A step that fails before any
 * invalidation exists fails through `failed`. The outputs themselves have one writer (outputs.ts).
 */
import { CancelledError, cancelOf } from './common/clock.js'
import { UserError, WaitTimeoutError, errorMessage } from './common/errors.js'
import { formatNumber } from './common/format.js'
import type { Phase } from './common/phase.js'
import { fail, type Runner } from './common/runner.js'
import type { Settings } from './inputs/inputs.js'
import type { Deadline, DistributionResult, Target } from './types.js'
import type { VerifyOutcome } from './verify/index.js'
import { renderVerification, type TargetVerification } from './verify/report.js'
import { logBill } from './report/log.js'
import { invalidationEntries, writeSummary, type CreatedOutputs } from './report/outputs.js'
import { describeTargets } from './report/results.js'
import { renderNothingChanged, renderSummary } from './report/summary.js'

export interface EndingDeps {
  runner: Runner
  /** The one writer of the step's outputs. */
  outputs: CreatedOutputs
  deadline: Deadline
  settings: Pick<Settings, 'dryRun' | 'credentials' | 'pathsSource'>
  /** What the step is doing now (`signing in to AWS`), for the error of a cancel that cuts it short. */
  phase?: Pick<Phase, 'now' | 'left'>
}

export class Ending {
  constructor(private readonly deps: EndingDeps) {}

  /** Fails the step for an error before any result is in, saying so when the deadline cut it short. */
  readonly failed = (error: unknown): undefined => {
    fail(this.deps.runner, explainAborted(error, this.deps.deadline, this.deps.phase))
  }

  /**
   * The invalidations are settled: the targets with those found in their place, every invalidation and
   * the step's status as outputs, and the bill. A write that fails from here on (a full disk) stops
   * nothing: end() fails the step, naming the IDs.
   */
  settled(named: readonly Target[], results: readonly DistributionResult[]): void {
    this.deps.outputs.finish(named, results)
    logBill(this.deps.runner, results, false)
  }

  /** invalidation-id: the invalidation waited on is handed on as the step's one. */
  readonly settledEarlier = (target: Target, id: string, result: DistributionResult): void => {
    const { outputs } = this.deps
    outputs.created([0], target, id, result.status ?? 'InProgress')
    outputs.flush()
    outputs.set('status', result.status ?? 'InProgress')
    outputs.set('invalidations', JSON.stringify(invalidationEntries([result])))
  }

  /**
   * The verified output, the step's failure for whatever failed, and the summary. `created`: the step made
   * the invalidations, so a cancellation says what it leaves of them; invalidation-id's own result says
   * that of the one it waited on.
   */
  async end(
    results: readonly DistributionResult[],
    verification: VerifyOutcome | undefined,
    { created }: { created: boolean }
  ): Promise<void> {
    const { runner, outputs, deadline } = this.deps
    const cancel = cancelOf(deadline)
    if (verification) outputs.set('verified', verification.verified)
    // Cancelled while verifying: the invalidations are done, and verify's one error says where it stopped.
    if (verification?.cancelled && verification.failure) runner.setFailed(verification.failure)
    else if (!created && cancel) failEarlierCancelled(runner, results, cancel)
    else failForErrors(runner, results, created ? deadline : undefined)
    if (verification?.failure && !verification.cancelled) runner.setFailed(verification.failure)
    outputs.failIfUnwritten()
    await this.summarize(results, verification?.verifications)
  }

  /** A dry run: the bill it would have made, and the summary of the plans. */
  async dryRun(planned: readonly DistributionResult[]): Promise<void> {
    logBill(this.deps.runner, planned, true)
    this.deps.runner.info('Dry run: nothing was sent to CloudFront.')
    await this.summarize(planned)
  }

  /** An empty paths-file: nothing changed, so nothing is invalidated. */
  async nothingChanged(targets: readonly Target[]): Promise<void> {
    const { runner, settings } = this.deps
    runner.notice(`${settings.pathsSource} lists no paths: nothing changed, so nothing was invalidated.`)
    const ids = targets.map(({ id }) => id)
    await writeSummary(runner, renderNothingChanged(settings.pathsSource, ids, runner.context))
  }

  /** The job summary; one that cannot be written names the invalidations the outputs hold. */
  async summarize(
    results: readonly DistributionResult[],
    verifications: readonly TargetVerification[] = []
  ): Promise<void> {
    const { runner, settings, outputs } = this.deps
    const options = { dryRun: settings.dryRun, run: runner.context, region: settings.credentials.region }
    const markdown = renderSummary(results, options) + renderVerification(verifications)
    await writeSummary(runner, markdown, outputs.createdIds())
  }
}

/**
 * Every target reports its own result first; then the step fails if any of them failed. With `deadline`
 * (the step created them), a cancelled job says what it leaves.
 */
export function failForErrors(
  runner: Runner,
  results: readonly DistributionResult[],
  deadline: Deadline | undefined
): void {
  const failed = results.filter(result => result.error)
  const [only] = failed
  const cancelled = deadline && cancelOf(deadline)
  if (cancelled) {
    // One error for the cancel; a warning for each create that may have made its invalidation all the
    // same; the errors of targets that failed for their own reasons before it.
    for (const result of failed) {
      if (result.maybeCreated) runner.warning(`${result.distributionId}: ${result.error}`)
      else if (!result.cutShort && results.length > 1)
        runner.error(`${result.distributionId}: ${result.error}`)
    }
    runner.setFailed(`${cancelled.during(sendingPhase(results))}. ${formatCreated(results)}`)
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

/** invalidation-id cancelled while waiting: the invalidation goes on, and the step made none. */
function failEarlierCancelled(
  runner: Runner,
  results: readonly DistributionResult[],
  reason: CancelledError
): void {
  const id = results[0]?.invalidationId ?? ''
  const left = results[0]?.status === 'Completed' ? 'has completed' : 'goes on in CloudFront'
  runner.setFailed(`${reason.during(`waiting for invalidation ${id}`)}. It ${left}; this step creates none.`)
}

/** What a cancel cut short: a create CloudFront had not answered, else a wait. */
function sendingPhase(results: readonly DistributionResult[]): string {
  const what = results.length === 1 ? 'the invalidation' : 'the invalidations'
  if (results.some(result => result.cutShort === 'create')) return `creating ${what}`
  // Nothing cut short: the cancel came as the step was finishing.
  return results.some(result => result.cutShort === 'wait') ? `waiting for ${what}` : 'finishing'
}

/**
 * What a cancelled step leaves: invalidations that go on in CloudFront, or that already completed, and
 * creates that may have made one (each with a warning).
 */
export function formatCreated(results: readonly DistributionResult[]): string {
  const created = results.filter(result => result.invalidationId)
  const going = created.filter(result => result.status !== 'Completed').length
  const maybe = results.filter(result => result.maybeCreated).length
  const some = created.length > 0 ? `${formatNumber(maybe)} more` : maybe === 1 ? 'One' : formatNumber(maybe)
  const unknown =
    maybe === 0
      ? ''
      : ` ${some} may have been created all the same: see the ${maybe === 1 ? 'warning' : 'warnings'} above.`
  const of = `${created.length} of ${results.length} invalidations were created`
  if (created.length === 0) return `No invalidation was confirmed as created.${unknown}`
  if (going === 0) return `${of} and completed; see the outputs and the summary.${unknown}`
  return going === created.length
    ? `${of} and go on in CloudFront; see the outputs and the summary.${unknown}`
    : `${of}: ${going} go on in CloudFront and the rest completed; see the outputs and the summary.${unknown}`
}

/** An error after the deadline passed or the job was cancelled says so, rather than what it cut short. */
export function explainAborted(
  error: unknown,
  deadline: Deadline,
  phase?: Pick<Phase, 'now' | 'left'>
): unknown {
  if (!deadline.signal.aborted || error instanceof UserError) return error
  const reason: unknown = deadline.signal.reason
  if (reason instanceof CancelledError) {
    const cut = phase ? `${reason.during(phase.now)}.` : reason.message
    return Object.assign(new UserError(`${cut} ${phase?.left ?? 'Nothing was invalidated.'}`), {
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
