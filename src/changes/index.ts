import { cancelOnSignals } from '../common/clock.js'

// Built as src/index.ts builds the invalidate action's: the signals caught before the rest is loaded, the
// same runner seam, and a job cancelled while signing in ends the calls at once.
const cancel = cancelOnSignals()
const [{ run }, { actionsRunner }] = await Promise.all([
  import(/* webpackChunkName: "action" */ './main.js'),
  import(/* webpackChunkName: "action" */ '../common/runner.js')
])
await run(actionsRunner(), { cancel })
// Everything the step does is awaited by run(); the exit code is set by then. The log goes first: a
// runner that reads stdout slowly leaves it queued, and exit() would drop the rest (see src/index.ts).
process.stdout.write('', () => process.exit())
