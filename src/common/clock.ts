import { setTimeout as sleepFor } from 'node:timers/promises'

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
