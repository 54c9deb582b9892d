/**
 * Loaded before the action (NODE_OPTIONS=--import): the disk of the runner's files fills up. After
 * TEST_DISK_FULL_AFTER_WRITES appends to GITHUB_OUTPUT, every further append to it, and any write to
 * GITHUB_STEP_SUMMARY, fails with ENOSPC, as a full disk answers.
 */
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

const after = Number(process.env.TEST_DISK_FULL_AFTER_WRITES ?? 0)
let writes = 0
const full = file =>
  Object.assign(new Error('ENOSPC: no space left on device, write'), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
    path: String(file)
  })

const appendFileSync = fs.appendFileSync
fs.appendFileSync = function (file, ...rest) {
  if (String(file) === process.env.GITHUB_OUTPUT && ++writes > after) {
    process.stderr.write(`test preload: ${file} is on a full disk\n`)
    throw full(file)
  }
  return appendFileSync.call(this, file, ...rest)
}
for (const name of ['appendFile', 'writeFile']) {
  const real = fs.promises[name]
  fs.promises[name] = async function (file, ...rest) {
    if (String(file) === process.env.GITHUB_STEP_SUMMARY && writes > after) throw full(file)
    return real.call(this, file, ...rest)
  }
}
syncBuiltinESMExports()
