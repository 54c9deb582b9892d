import { cancelOnSignals } from './common/clock.js'
import { run } from './main.js'
import { actionsRunner } from './common/runner.js'

// When the runner cancels the job, the step stops waiting, writes the outputs and summary of what it
// created, and fails.
await run(actionsRunner(), { cancel: cancelOnSignals() })
// Everything the step does is awaited by run(); what can still hold the event loop open is a request
// the deadline gave up on (a token service that never answers). The exit code is set by then. The log
// goes first: a runner that reads a long log slowly leaves it queued, and exit() would drop the rest
// (4,000 failed distributions lost their last 500 lines, the step's own error among them).
process.stdout.write('', () => process.exit())
