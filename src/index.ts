import { cancelOnSignals } from './common/clock.js'

// The runner can cancel the step at any moment, its start included: the signals are caught first, and the
// rest of the action (most of the bundle, a chunk of its own) is loaded after. Caught later, a SIGINT in
// the first 200 ms or so ended the process with no word of why.
const cancel = cancelOnSignals()
const [{ run }, { actionsRunner }] = await Promise.all([
  import(/* webpackChunkName: "action" */ './main.js'),
  import(/* webpackChunkName: "action" */ './common/runner.js')
])
// When the runner cancels the job, the step stops waiting, writes the outputs and summary of what it
// created, and fails.
await run(actionsRunner(), { cancel })
// Everything the step does is awaited by run(); what can still hold the event loop open is a request
// the deadline gave up on (a token service that never answers). The exit code is set by then. The log
// goes first: a runner that reads a long log slowly leaves it queued, and exit() would drop the rest
// (4,000 failed distributions lost their last 500 lines, the step's own error among them).
process.stdout.write('', () => process.exit())
