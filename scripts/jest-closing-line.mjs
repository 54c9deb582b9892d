// A jest reporter for npm test's one plain closing line, 'Tests: N passed, N failed', the line CI logs are
// read for (jest's own summary says 'N passed, N total'). jest prints its summary after every reporter's,
// so this one only writes the line to the file CLOSING_LINE_FILE names, and scripts/test.sh prints it
// once jest is done. Without CLOSING_LINE_FILE (npm run test:file) it does nothing.
import { writeFileSync } from 'node:fs'

export default class ClosingLine {
  onRunComplete(_contexts, results) {
    const file = process.env.CLOSING_LINE_FILE
    if (!file) return
    const skipped = results.numPendingTests + results.numTodoTests
    writeFileSync(
      file,
      `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`
    )
  }
}
