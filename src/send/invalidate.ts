/**
 * One target's invalidation: create it (retrying what clears with time), then wait if asked; the wait
 * also serves an invalidation made earlier (invalidation-id).
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { cancelOf, isCancelled, type Clock } from '../common/clock.js'
import { createInvalidationFor, getInvalidationStatusFor } from '../cloudfront/calls.js'
import { Sending } from '../cloudfront/client.js'
import { mayHaveActed } from '../aws/sdk-error.js'
import { isNoSuchInvalidation, isTooManyInvalidations, isTransientAwsError } from '../cloudfront/errors.js'
import { NotFoundError, WaitTimeoutError, asSentence, errorMessage } from '../common/errors.js'
import type { Settings } from '../inputs/inputs.js'
import { formatCount, formatDuration } from '../common/format.js'
import { CLOUDFRONT_QUOTAS } from '../cloudfront/pace.js'
import { retryUntil } from '../common/retry.js'
import { logDetail, type Runner } from '../common/runner.js'
import type {
  Deadline,
  DistributionResult,
  Invalidation,
  InvalidationStatus,
  Plan,
  Target
} from '../types.js'
import { foundAfter, lookForCutShort, mayExist } from './cut-short.js'
import { progressLog } from './progress.js'
import { waitForCompletion } from './wait.js'

export interface InvalidateDeps {
  client: CloudFrontClient
  runner: Runner
  clock: Clock
  /** Called as soon as the invalidation exists, before any waiting, so its ID is handed on at once. */
  onCreated: (id: string, status: InvalidationStatus) => void
  /** The pause before each poll: the step's poll scheduler (polls.ts), or the clock's sleep. */
  pollSleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** One target of a fleet: routine lines go to the debug log, and the fleet's progress line says it. */
  quiet?: boolean
}

/**
 * Creates one target's invalidation (a distribution's, or a tenant's: the calls are chosen by
 * plan.target), waits if asked, and returns what came of it; never throws.
 */
export async function invalidateOne(
  plan: Plan,
  settings: Settings,
  deadline: Deadline,
  deps: InvalidateDeps
): Promise<DistributionResult> {
  const creation = await create(plan, settings, deadline, deps)
  if ('failed' in creation) return creation.failed
  const { created, found } = creation
  // Every invalidation ID reaches the log, in a fleet too: it is the record of what the step made.
  deps.runner.info(
    found
      ? `Found invalidation ${created.id} on ${plan.distributionId} (${created.status}) by its CallerReference: CloudFront had not answered its create.`
      : `Created invalidation ${created.id} on ${plan.distributionId} (${created.status}).`
  )
  deps.onCreated(created.id, created.status)
  const made = { ...plannedResult(plan), invalidationId: created.id, status: created.status }
  // Found after the deadline cut its create short: there is nothing left to wait with.
  if (found && deadline.signal.aborted) return foundCutShort(made, plan, settings, deadline)
  if (!settings.wait) return made
  if (created.status === 'Completed') return { ...made, waitedMs: 0, polls: 0, answeredPolls: 0 }
  return awaitCreated(made, plan.target, settings, deadline, deps)
}

/** A target's result before anything is sent: what it is, who named it, and its paths. */
export function plannedResult(plan: Plan): DistributionResult {
  return {
    distributionId: plan.distributionId,
    target: plan.target,
    foundBy: plan.foundBy,
    paths: plan.paths,
    plan: plan.pathPlan
  }
}

/**
 * CreateInvalidation, tried again with the same CallerReference while the error clears with time and
 * wait-timeout allows; what the last error leaves is explained in the failed result.
 */
async function create(
  plan: Plan,
  settings: Settings,
  deadline: Deadline,
  deps: InvalidateDeps
): Promise<{ created: Invalidation; found?: true } | { failed: DistributionResult }> {
  const { distributionId } = plan
  const { client, runner, clock } = deps
  // The last error a retry was made for: what the network said before a try the deadline cut off.
  let retried: unknown
  // On the runner's wall clock, as CloudFront's CreateTime is: a cut-short create is looked for from here.
  const sentAt = Date.now()
  // What the pace saw of its tries: sent or still waiting for their turn, and what CloudFront answered.
  const sending = new Sending(deadline.signal)
  try {
    const created = await retryUntil(
      () => createInvalidationFor(client, plan.target, plan.paths, plan.callerReference, sending.signal),
      {
        shouldRetry: isWorthAnotherCreate,
        deadline: deadline.at,
        now: clock.now,
        sleep: clock.sleep,
        signal: deadline.signal,
        onRetry: ({ attempt, delayMs, remainingMs, error }) => {
          retried = error
          const why = isTooManyInvalidations(error)
            ? `Too many invalidations in progress on ${distributionId}`
            : `CloudFront did not accept the invalidation of ${distributionId} (${errorMessage(error)})`
          runner.info(
            `${why}; retrying in ${formatDuration(delayMs)} with the same CallerReference (retry ${attempt}, ${formatDuration(remainingMs)} left of wait-timeout).`
          )
        }
      }
    )
    return { created }
  } catch (error) {
    // Cut short while CloudFront had not answered (or answered a 5xx): the invalidation may exist. The
    // pace knows; through a client without it, the error says what it can.
    const acted = sending.paced ? sending.mayHaveActed : !isTooManyInvalidations(error) && mayHaveActed(error)
    const cutShort = (deadline.signal.aborted || isTransientAwsError(error)) && acted
    const lookup = cutShort ? await lookForCutShort(plan, sentAt, deadline, deps) : undefined
    if (lookup && 'found' in lookup) return { created: lookup.found, found: true }
    const explained = explainNotCreated(error, plan, settings, deadline, {
      retried,
      fleet: deps.quiet === true,
      notSent: sending.paced && !sending.sent,
      lastAnswer: sending.lastAnswer ?? error,
      ...(lookup ? { missing: lookup.missing } : {})
    })
    logDetail(runner, explained)
    return {
      failed: {
        ...plannedResult(plan),
        error: errorMessage(explained),
        ...(deadline.signal.aborted ? { cutShort: 'create' as const } : {}),
        ...(lookup ? { maybeCreated: true } : {}),
        ...(explained instanceof NotFoundError ? { notFound: true } : {})
      }
    }
  } finally {
    sending.done()
  }
}

/** A create the deadline cut short, found afterwards by its CallerReference: what it leaves. */
function foundCutShort(
  made: DistributionResult,
  plan: Plan,
  settings: Settings,
  deadline: Deadline
): DistributionResult {
  const text = foundAfter(deadline, plan, {
    id: made.invalidationId ?? '',
    status: made.status ?? 'InProgress'
  })
  if (cancelOf(deadline)) return { ...made, error: text, cutShort: 'create' }
  // wait-timeout passed: without wait the step is done; with it, the wait ran out.
  if (!settings.wait) return made
  return { ...made, error: `${text} Raise wait-timeout to wait for it.`, timedOut: true }
}

/** The error a create that failed for good reports: its own, or that the job was cancelled or the deadline passed. */
function explainNotCreated(
  error: unknown,
  plan: Plan,
  settings: Settings,
  deadline: Deadline,
  how: { retried: unknown; fleet: boolean; notSent: boolean; lastAnswer: unknown; missing?: string }
): unknown {
  if (cancelOf(deadline)) {
    if (how.notSent) {
      return new Error(
        `Cancelled before the create on ${plan.distributionId} was sent: ${notYourTurn()}. Nothing was created.`
      )
    }
    const left =
      how.missing === undefined
        ? `Nothing was created: CloudFront had refused its last try (${errorMessage(how.lastAnswer)}).`
        : mayExist(plan, how.missing)
    return new Error(`Cancelled before CloudFront answered the create on ${plan.distributionId}. ${left}`)
  }
  // At the deadline, say what was being waited for, unless the error itself says more.
  if (!isTooManyInvalidations(error) && (deadline.signal.aborted || isTransientAwsError(error))) {
    const cutOff = deadline.signal.aborted
    const left = how.missing === undefined ? undefined : mayExist(plan, how.missing)
    return Object.assign(
      notCreatedInTime(settings, plan.distributionId, { lastError: error, cutOff, ...how, left }),
      { cause: error }
    )
  }
  return error
}

/** Waits for the invalidation the step just created; a poll that fails for good stops only the wait. */
async function awaitCreated(
  made: DistributionResult & { invalidationId: string },
  target: Target,
  settings: Settings,
  deadline: Deadline,
  deps: InvalidateDeps
): Promise<DistributionResult> {
  const { client, runner } = deps
  try {
    return await awaitCompletion(made, settings, deadline, {
      runner,
      clock: deps.clock,
      status: () => getInvalidationStatusFor(client, target, made.invalidationId, deadline.signal),
      justCreated: true,
      ...(deps.pollSleep ? { pollSleep: deps.pollSleep } : {}),
      ...(deps.quiet ? { quiet: true } : {})
    })
  } catch (error) {
    logDetail(runner, error)
    return {
      ...made,
      error: `${asSentence(errorMessage(error))} Invalidation ${made.invalidationId} was created and goes on in CloudFront; only waiting for it stopped.`
    }
  }
}

export interface AwaitDeps {
  runner: Runner
  clock: Clock
  /** One GetInvalidation (or its tenant variant): the invalidation's status now. */
  status: () => Promise<InvalidationStatus>
  /** Made by this step a moment ago: NoSuchInvalidation in its first NOT_VISIBLE_MS is polled again. */
  justCreated?: boolean
  /** The pause before each poll: the step's poll scheduler (polls.ts), or the clock's sleep. */
  pollSleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** One target of a fleet: routine lines go to the debug log. */
  quiet?: boolean
}

/**
 * Polls an invalidation that exists (created by this step, or earlier: invalidation-id) until it is
 * Completed, the deadline passes or the job is cancelled, and returns what came of it. Throws the error
 * of a poll that no retry can mend; the caller says what that leaves.
 */
export async function awaitCompletion(
  made: DistributionResult & { invalidationId: string },
  settings: Pick<Settings, 'waitTimeoutSeconds'>,
  deadline: Deadline,
  deps: AwaitDeps
): Promise<DistributionResult> {
  const { runner, clock } = deps
  const { distributionId, invalidationId: id } = made
  const note = (line: string) => {
    if (deps.quiet) runner.debug(line)
    else runner.info(line)
  }
  note(`Waiting for ${id} to complete (wait-timeout ${settings.waitTimeoutSeconds} s).`)
  const createdAt = clock.now()
  const waited = await waitForCompletion({
    poll: async () => (await deps.status()) === 'Completed',
    timeoutMs: deadline.at - clock.now(),
    isTransient: error =>
      isTransientAwsError(error) ||
      (deps.justCreated === true && isNoSuchInvalidation(error) && clock.now() - createdAt < NOT_VISIBLE_MS),
    ...(deps.quiet ? {} : { onProgress: progressLog(runner, id) }),
    now: clock.now,
    sleep: deps.pollSleep ?? clock.sleep,
    signal: deadline.signal
  })
  const after: DistributionResult = {
    ...made,
    waitedMs: waited.waitedMs,
    polls: waited.polls,
    answeredPolls: waited.answered
  }
  if (waited.completed) {
    note(
      `Invalidation ${id} on ${distributionId} completed after ${formatDuration(waited.waitedMs)} (${formatCount(waited.polls, 'poll')}).`
    )
    return { ...after, status: 'Completed' }
  }
  if (isCancelled(deadline.signal)) {
    return {
      ...after,
      error: `Cancelled while waiting for invalidation ${id} on ${distributionId}; it goes on in CloudFront.`,
      cutShort: 'wait'
    }
  }
  return { ...after, error: errorMessage(waitTimedOut(settings, after, waited.lastError)), timedOut: true }
}

/**
 * A result as fail-on-timeout says: with false, a wait that ran out is a warning (logged here), not an
 * error, since the invalidation goes on in CloudFront.
 */
export function underFailOnTimeout(
  runner: Runner,
  failOnTimeout: boolean,
  result: DistributionResult
): DistributionResult {
  if (failOnTimeout || !result.timedOut || result.error === undefined) return result
  const { error, ...rest } = result
  const warning = `${error} fail-on-timeout is false, so the step does not fail.`
  runner.warning(`${result.distributionId}: ${warning}`)
  return { ...rest, warning }
}

/**
 * How long after its creation a GetInvalidation answered NoSuchInvalidation counts as "not visible yet"
 * and is polled again. Whether CloudFront can answer so is not known; AWS APIs are eventually
 * consistent, and a few seconds of patience cost nothing next to a failed deploy.
 */
export const NOT_VISIBLE_MS = 10_000

/**
 * Worth another create with the same CallerReference, until wait-timeout: TooManyInvalidationsInProgress
 * (clears as earlier invalidations complete), and what the SDK's own attempts gave up on: throttling, 5xx,
 * dropped or unanswered connections. A brownout of CloudFront's API can outlast the SDK's attempts (a few
 * seconds of 503s, half a minute of throttling); wait-timeout is what the user gave the step.
 */
function isWorthAnotherCreate(error: unknown): boolean {
  return isTooManyInvalidations(error) || isTransientAwsError(error)
}

function notCreatedInTime(
  settings: Settings,
  distributionId: string,
  how: {
    lastError: unknown
    cutOff: boolean
    retried: unknown
    fleet: boolean
    notSent: boolean
    left: string | undefined
  }
): WaitTimeoutError {
  const { perSecond } = CLOUDFRONT_QUOTAS.create
  const last = !how.cutOff
    ? `the last try: ${errorMessage(how.lastError)}`
    : how.notSent
      ? `not sent: ${notYourTurn()}`
      : how.retried !== undefined
        ? `no answer to the last try; the one before: ${errorMessage(how.retried)}`
        : how.fleet
          ? `no answer, or not sent yet: ${notYourTurn()}`
          : 'no answer'
  const raise = `raise wait-timeout (creating N invalidations takes about N / ${perSecond} s)`
  const fix = how.notSent
    ? raise
    : how.fleet
      ? `${raise}, or check the network or proxy to CloudFront`
      : 'check the network or proxy to CloudFront, or raise wait-timeout'
  const nothing = how.notSent ? 'Nothing was created' : 'Nothing was reported as created'
  return new WaitTimeoutError(
    `Timed out after ${settings.waitTimeoutSeconds} s (wait-timeout): CloudFront did not accept the invalidation of ${distributionId} in time (${last}). ${how.left === undefined ? `${nothing}; ${fix}.` : `${how.left} Otherwise ${fix}.`}`
  )
}

/** Why a create was not sent: its turn in the step's pace of creates had not come. */
function notYourTurn(): string {
  return `the step sends at most ${CLOUDFRONT_QUOTAS.create.perSecond} creates a second, CloudFront's default rate for the account, and this one's turn had not come`
}

/** The wait ran out: still InProgress, or, when no poll was ever answered, that CloudFront was not reached. */
function waitTimedOut(
  settings: Pick<Settings, 'waitTimeoutSeconds'>,
  result: Pick<DistributionResult, 'distributionId' | 'invalidationId' | 'polls' | 'answeredPolls'>,
  lastError?: unknown
): WaitTimeoutError {
  const after = `Timed out after ${settings.waitTimeoutSeconds} s (wait-timeout) waiting for invalidation ${result.invalidationId} on ${result.distributionId}`
  const polls = result.polls ?? 0
  const fix = 'The invalidation goes on in CloudFront; raise wait-timeout, or set wait: false to not wait.'
  if (polls > 0 && (result.answeredPolls ?? 0) === 0) {
    const why =
      lastError === undefined ? 'none was answered in time' : `the last failed: ${errorMessage(lastError)}`
    return new WaitTimeoutError(
      `${after}: CloudFront answered none of ${formatCount(polls, 'poll')} (${why}), so its status is unknown. Check the network or proxy to cloudfront.amazonaws.com. ${fix}`
    )
  }
  const state =
    lastError === undefined ? 'still InProgress' : `the last poll failed (${errorMessage(lastError)})`
  return new WaitTimeoutError(`${after}: ${state} after ${formatCount(polls, 'poll')}. ${fix}`)
}
