import { setTimeout as sleepFor } from 'node:timers/promises'
import type { Deadline } from '../types.js'

/**
 * Time as the step measures it: monotonic milliseconds (performance.now), so that a wall-clock step on the
 * runner can neither stretch a deadline nor shorten one. Tests pass a fake that moves only when slept on.
 */
export interface Clock {
  now: () => number
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  /** A signal that aborts with a TimeoutError after `ms`. */
  timeout: (ms: number) => AbortSignal
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: async (ms, signal) => {
    await sleepFor(ms, undefined, signal ? { signal } : {})
  },
  timeout: ms => AbortSignal.timeout(ms)
}

/** The reason the step's signal aborts when the runner cancels the job (SIGINT, then SIGTERM). */
export class CancelledError extends Error {
  constructor(readonly signalName: string) {
    super(`The job was cancelled (${signalName}).`)
    this.name = 'CancelledError'
  }

  /** `The job was cancelled (SIGINT) while signing in to AWS`, for a sentence to go on from. */
  during(phase: string): string {
    return `The job was cancelled (${this.signalName}) while ${phase}`
  }
}

export function isCancelled(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && signal.reason instanceof CancelledError
}

/**
 * Aborts with a CancelledError when the runner cancels the job: it sends SIGINT, then SIGTERM 7.5 s
 * later, then kills the process. The first one ends the step's waits and calls.
 */
export function cancelOnSignals(
  emitter: { on: (signal: 'SIGINT' | 'SIGTERM', listener: () => void) => unknown } = process
): AbortSignal {
  const cancel = new AbortController()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    emitter.on(signal, () => {
      cancel.abort(new CancelledError(signal))
    })
  }
  return cancel.signal
}

/** The step's one deadline, wait-timeout from now; a cancelled job ends it at once too. */
export function startDeadline(seconds: number, clock: Clock, cancel: AbortSignal | undefined): Deadline {
  const timeoutMs = seconds * 1000
  const timeout = clock.timeout(timeoutMs)
  return {
    at: clock.now() + timeoutMs,
    seconds,
    signal: cancel ? AbortSignal.any([timeout, cancel]) : timeout,
    cancel
  }
}

/**
 * How long the step takes, once the deadline has cut a create short, to learn what it left (send/cut-short.ts):
 * after a cancel, little enough to end within 2 s of the signal (the runner follows SIGINT with SIGTERM
 * 7.5 s later, then kills the process); after wait-timeout, a few seconds more.
 */
export const GRACE_MS = { cancelled: 1_200, timedOut: 5_000 } as const

/** The job's cancel, if it came: before the deadline, or after it (in a grace). */
export function cancelOf(deadline: Deadline): CancelledError | undefined {
  for (const signal of [deadline.signal, deadline.cancel]) {
    if (isCancelled(signal)) return signal?.reason as CancelledError
  }
  return undefined
}

/**
 * A signal for the grace after the deadline: GRACE_MS from now; after wait-timeout, a cancel that comes
 * in it shortens what is left to the cancel's grace.
 */
export function graceAfter(deadline: Deadline, clock: Clock): AbortSignal {
  if (cancelOf(deadline)) return clock.timeout(GRACE_MS.cancelled)
  const timeout = clock.timeout(GRACE_MS.timedOut)
  const { cancel } = deadline
  if (!cancel) return timeout
  // One controller the caller holds, rather than AbortSignal.any, whose signal the changes action saw
  // garbage-collected unaborted.
  const grace = new AbortController()
  const end = (signal: AbortSignal) => () => {
    grace.abort(signal.reason)
  }
  timeout.addEventListener('abort', end(timeout), { once: true })
  cancel.addEventListener(
    'abort',
    () => {
      const shorter = clock.timeout(GRACE_MS.cancelled)
      shorter.addEventListener('abort', end(shorter), { once: true })
    },
    { once: true }
  )
  return grace.signal
}

/**
 * What `start` gives, or the signal's reason if it aborts first: for work that takes no signal (the OIDC
 * token request, the SDK's default credential chain). Past the deadline nothing is started, so no request
 * is left to fail unhandled.
 */
export function beforeDeadline<T>(start: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return start()
  signal.throwIfAborted()
  const work = start()
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      const reason: unknown = signal.reason
      reject(reason instanceof Error ? reason : new Error(String(reason)))
    }
    signal.addEventListener('abort', abort, { once: true })
    work.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', abort)
    })
  })
}
