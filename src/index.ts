import { run } from './main.js'

await run()
// Everything the step does is awaited by run(); what can still hold the event loop open is a request
// the deadline gave up on (a token service that never answers). The exit code is set by then.
process.exit()
