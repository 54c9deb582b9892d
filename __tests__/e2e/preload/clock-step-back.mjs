/**
 * Loaded before the action (NODE_OPTIONS=--import): the machine's wall clock steps back, as NTP or a VM
 * resumed from a snapshot can step it. TEST_CLOCK_STEP_AFTER_MS after start, Date.now() and new Date()
 * go back by TEST_CLOCK_STEP_BACK_MS; performance.now(), the monotonic clock, goes on as the OS's does.
 */
const RealDate = Date
const after = Number(process.env.TEST_CLOCK_STEP_AFTER_MS ?? 2000)
const back = Number(process.env.TEST_CLOCK_STEP_BACK_MS ?? 120000)
const start = performance.now()
let stepped = false
function offset() {
  if (performance.now() - start < after) return 0
  if (!stepped) {
    stepped = true
    process.stderr.write(`test preload: the wall clock stepped back ${back} ms\n`)
  }
  return -back
}
class SteppedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset())
    else super(...args)
  }
  static now() {
    return RealDate.now() + offset()
  }
}
globalThis.Date = SteppedDate
