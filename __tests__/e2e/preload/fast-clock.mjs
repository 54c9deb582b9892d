/**
 * Loaded before the action (NODE_OPTIONS=--import): the machine's time runs TEST_TIME_SCALE times as
 * fast. The monotonic clock (performance.now, which the action's Clock reads) moves that many times as far,
 * and every timer (setTimeout, setInterval, node:timers, node:timers/promises, AbortSignal.timeout) fires
 * that many times as soon. The action runs unchanged, with CloudFront's real quotas, backoffs, timeouts and
 * deadlines: its 0.5 creates a second are 10 a second of real time at a scale of 20. The FaultFront holds
 * its rates and InProgress times at the same scale (FaultFront.scaleTime), so the two agree.
 *
 * The wall clock (Date) is left as it is: SigV4 signing dates and STS's Expiration are read against the
 * front's real Date, so tests of sessions run at a scale of 1. Real latency is not scaled: at a scale of
 * 20 a 20 ms answer looks like 400 ms to the action, and its 15 s request timeout is 750 ms of real time.
 */
import { syncBuiltinESMExports } from 'node:module'
import timers from 'node:timers'
import timersPromises from 'node:timers/promises'

const scale = Number(process.env.TEST_TIME_SCALE ?? 1)
if (!(scale >= 1))
  throw new Error(`TEST_TIME_SCALE: "${process.env.TEST_TIME_SCALE}" is not a number of at least 1`)

const scaled = ms => Math.max(0, Number(ms ?? 0) || 0) / scale

const realNow = performance.now.bind(performance)
const origin = realNow()
performance.now = () => origin + (realNow() - origin) * scale

const realSetTimeout = globalThis.setTimeout
const realSetInterval = globalThis.setInterval
const fastSetTimeout = (callback, ms, ...args) => realSetTimeout(callback, scaled(ms), ...args)
const fastSetInterval = (callback, ms, ...args) => realSetInterval(callback, scaled(ms), ...args)
globalThis.setTimeout = fastSetTimeout
globalThis.setInterval = fastSetInterval
timers.setTimeout = fastSetTimeout
timers.setInterval = fastSetInterval

const realSleep = timersPromises.setTimeout
const realEvery = timersPromises.setInterval
timersPromises.setTimeout = (ms, value, options) => realSleep(scaled(ms), value, options)
timersPromises.setInterval = (ms, value, options) => realEvery(scaled(ms), value, options)
if (timersPromises.scheduler) {
  const realWait = timersPromises.scheduler.wait.bind(timersPromises.scheduler)
  timersPromises.scheduler.wait = (ms, options) => realWait(scaled(ms), options)
}

// AbortSignal.timeout needs nothing more: Node sets its timer with node:timers' setTimeout, patched above
// (patched here as well, it fired a scale too soon).

syncBuiltinESMExports()
process.stderr.write(`test preload: time runs ${scale} times as fast\n`)
