import { run } from './main.js'

await run()
// Everything the step does is awaited by run(); the exit code is set by then.
process.exit()
