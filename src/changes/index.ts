import { cancelOnSignals } from '../common/clock.js'
import { actionsRunner } from '../common/runner.js'
import { run } from './main.js'

// Built as src/index.ts builds the invalidate action's: the same runner seam, and a job cancelled while
// signing in ends the calls at once.
await run(actionsRunner(), { cancel: cancelOnSignals() })
// Everything the step does is awaited by run(); the exit code is set by then. The log goes first: a
// runner that reads stdout slowly leaves it queued, and exit() would drop the rest (see src/index.ts).
process.stdout.write('', () => process.exit())
