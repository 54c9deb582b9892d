import { run } from './main.js'

await run()
// Everything the step does is awaited by run(); the exit code is set by then. The log goes first: a
// runner that reads stdout slowly leaves it queued, and exit() would drop the rest (see src/index.ts).
process.stdout.write('', () => process.exit())
