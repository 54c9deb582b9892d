#!/usr/bin/env node
// Whether the bundles (dist/index.js, changes/dist/index.js) were built from src/ as it is now, which the
// end-to-end tests need: they run the bundles, not src/. `node scripts/dist-fresh.mjs record` (npm run
// build) notes what was built from what, in .dist-src.sha (not committed); `check` (npm test, npm run
// test:file) prints a warning line when src/ changed since, and says nothing otherwise. With no record (a
// fresh clone), the committed bundles are taken to match the committed src/, as CI's check-dist makes
// sure, so only local changes to src/ count. Plain JavaScript: npm run build may run on any Node.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const BUNDLES = ['dist/index.js', 'changes/dist/index.js']
const RECORD = '.dist-src.sha'

/** Every file below a folder, in a stable order. */
function filesBelow(root, folder) {
  return readdirSync(join(root, folder), { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory() ? filesBelow(root, join(folder, entry.name)) : [join(folder, entry.name)]
    )
    .sort()
}

/** One hash of the files' names and contents. */
function hashOf(root, files) {
  const hash = createHash('sha256')
  for (const file of files) {
    hash.update(`${relative(root, join(root, file)).split('\\').join('/')}\0`)
    hash.update(existsSync(join(root, file)) ? readFileSync(join(root, file)) : 'missing')
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** What the bundles were built from, and the bundles: the record's two lines. */
export function fingerprint(root) {
  return `src ${hashOf(root, filesBelow(root, 'src'))}\nbundles ${hashOf(root, BUNDLES)}\n`
}

/** Whether git sees local changes in these paths; undefined outside a git work tree. */
function changedInGit(root, paths) {
  try {
    // Outside a repository, git diff compares files as --no-index would.
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, stdio: 'ignore' })
  } catch {
    return undefined
  }
  try {
    execFileSync('git', ['diff', '--quiet', 'HEAD', '--', ...paths], { cwd: root, stdio: 'ignore' })
    return false
  } catch (error) {
    return error && typeof error === 'object' && 'status' in error && error.status === 1 ? true : undefined
  }
}

/** The warning to print when the bundles may be older than src/, else undefined. */
export function staleness(root) {
  const record = join(root, RECORD)
  if (existsSync(record) && readFileSync(record, 'utf8') === fingerprint(root)) return undefined
  // Committed bundles with committed sources match (check-dist), whatever a record says.
  const srcChanged = changedInGit(root, ['src'])
  if (srcChanged === false && changedInGit(root, ['dist', 'changes/dist']) === false) return undefined
  // No record: nothing was built here since this change; outside git, nothing more can be told.
  if (!existsSync(record) && srcChanged !== true) return undefined
  return 'Warning: dist/ may be older than src/ (changed since the last npm run build): the end-to-end tests run dist/index.js and changes/dist/index.js as built. Run npm run build first.'
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(import.meta.url), '..', '..')
  const [command = 'check'] = process.argv.slice(2)
  if (command === 'record') {
    writeFileSync(join(root, RECORD), fingerprint(root))
  } else if (command === 'check') {
    const warning = staleness(root)
    if (warning) console.error(warning)
  } else {
    console.error('Usage: node scripts/dist-fresh.mjs [record|check]')
    process.exitCode = 2
  }
}
