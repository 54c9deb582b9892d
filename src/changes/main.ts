/**
 * The changes action: what a following `aws s3 sync` really changes, by content, as a paths-file for the
 * invalidate action. inputs -> walk the source while listing the destination -> compare -> report. It
 * talks to the runner only through the runner seam (runner.ts), as the invalidate action does.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { endpointsOf } from '../aws/aws-config.js'
import { systemClock, type Clock } from '../common/clock.js'
import { signIn } from '../aws/connect.js'
import { UserError, errorMessage } from '../common/errors.js'
import { formatCount, formatDuration, formatNumber } from '../common/format.js'
import { readProxySettings } from '../common/http.js'
import { fail, type Runner } from '../common/runner.js'
import { findChanges, type ChangesResult } from './changes.js'
import type { CompareDeps } from './compare.js'
import { HashPool } from './hash-pool.js'
import { walkSource, type LocalTree } from './local.js'
import {
  changeLines,
  countChanges,
  describeCounts,
  inventoryFileText,
  pathsFileText,
  summaryBlock,
  type Counts
} from './report.js'
import { checkS3Credentials, createS3Client, headObject, listObjects } from './s3.js'
import { readChangesSettings, type ChangesSettings } from './settings.js'

/** Files read and HeadObjects sent at once: enough to keep the disk and the network busy. */
const CONCURRENCY = 16

export interface RunOptions {
  /** Monotonic, as every duration the actions report (clock.ts): a wall-clock step must not show here. */
  clock?: Clock
  /** Aborts when the runner cancels the job (index.ts listens for the signals). */
  cancel?: AbortSignal
}

export async function run(runner: Runner, options: RunOptions = {}): Promise<void> {
  const clock = options.clock ?? systemClock
  let hashing: HashPool | undefined
  try {
    const settings = readChangesSettings(name => runner.getInput(name), runner.env)
    const started = clock.now()
    const walking = walkSource(settings.source, settings.filters)
    // Awaited by findChanges; marked handled so a failed walk during sign-in is not "unhandled".
    walking.catch(() => undefined)
    // The workers start while the credentials are resolved.
    hashing = new HashPool()
    const client = await connect(runner, settings, clock, options.cancel)
    const compare = new Comparison(hashing, (key, options) =>
      headObject(client, settings.bucket, key, options)
    )
    const result = await findChanges(
      walking,
      {
        prefix: settings.prefix,
        delete: settings.delete,
        filters: settings.filters,
        concurrency: CONCURRENCY
      },
      {
        list: (onPage, localKeys) => listObjects(client, settings.bucket, settings.prefix, onPage, localKeys),
        compare
      }
    )
    const tree = await walking
    for (const failure of hashing.failures) runner.debug(failure)
    if (compare.headDenied) {
      runner.warning(`${compare.headDenied} The objects it could not check are counted as changed.`)
    }
    await report(runner, settings, tree, result, {
      ms: clock.now() - started,
      hashedBytes: compare.hashedBytes
    })
  } catch (error) {
    fail(runner, error)
  } finally {
    // Idle workers would not hold the process open, but a test's (or a longer job's) process lives on.
    await hashing?.close().catch((error: unknown) => {
      runner.debug(`The hashing workers did not stop: ${errorMessage(error)}`)
    })
  }
}

/**
 * The comparisons' file hashing (through the worker pool) and HeadObjects, keeping what the report says
 * of them: the bytes hashed, and the first HeadObject that was refused.
 */
class Comparison implements CompareDeps {
  hashedBytes = 0
  headDenied: string | undefined

  constructor(
    private readonly hashing: HashPool,
    private readonly headObject: CompareDeps['head']
  ) {}

  hash: CompareDeps['hash'] = async (path, request) => {
    const digests = await this.hashing.hash(path, request)
    this.hashedBytes += digests.size
    return digests
  }

  head: CompareDeps['head'] = async (key, options) => {
    try {
      return await this.headObject(key, options)
    } catch (error) {
      if (error instanceof UserError) this.headDenied ??= error.message
      throw error
    }
  }
}

async function connect(
  runner: Runner,
  settings: ChangesSettings,
  clock: Clock,
  signal: AbortSignal | undefined
) {
  const proxy = readProxySettings(runner.env)
  const credentials = await signIn(runner, settings.credentials, {
    proxy,
    endpoints: endpointsOf(['S3'], settings.credentials.region, runner.env),
    signal,
    clock
  })
  const client = createS3Client({
    ...(credentials ? { credentials } : {}),
    ...(settings.credentials.region ? { region: settings.credentials.region } : {})
  })
  await checkS3Credentials(client)
  return client
}

interface Timing {
  ms: number
  hashedBytes: number
}

async function report(
  runner: Runner,
  settings: ChangesSettings,
  tree: LocalTree,
  result: ChangesResult,
  timing: Timing
): Promise<void> {
  const counts = countChanges(result)
  // Before anything is printed: a key the paths-file cannot hold fails the step.
  const pathsText = pathsFileText(settings.bucket, result.changes)
  logChanges(runner, settings, tree, result, counts, timing)
  const files = writeOutputs(runner, settings.bucket, pathsText, result.inventory, counts)
  runner.info(`paths-file: ${files.pathsFile} (${formatCount(result.changes.length, 'line')})`)
  runner.info(
    `inventory-file: ${files.inventoryFile} (${formatCount(files.inventoryObjects, 'object')} the destination holds after the sync)`
  )
  try {
    await runner.appendSummary(summaryBlock(destinationOf(settings), counts))
  } catch (error) {
    runner.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

function destinationOf(settings: ChangesSettings): string {
  return `s3://${settings.bucket}/${settings.prefix}`
}

/** The log of what changed: each change in a group, then one line of totals. */
function logChanges(
  runner: Runner,
  settings: ChangesSettings,
  tree: LocalTree,
  result: ChangesResult,
  counts: Counts,
  timing: Timing
): void {
  if (tree.unreadable.length > 0) {
    runner.warning(
      `${formatCount(tree.unreadable.length, 'file or folder')} in source could not be read (listed below); aws s3 sync skips them too, so objects under them count as deleted.`
    )
  }
  runner.startGroup(`What changed: ${describeCounts(counts)}`)
  // Keys and file names are untrusted: runner.info prints them so that none runs as a workflow command.
  runner.info(
    [
      `Source ${settings.source}, destination ${destinationOf(settings)}${settings.delete ? ' (with delete)' : ''}`,
      ...changeLines(result.changes),
      ...tree.unreadable.map(entry => `unreadable ${entry.relative}  (${entry.reason})`)
    ].join('\n')
  )
  for (const [how, count] of result.unchangedHow) runner.info(`unchanged: ${formatNumber(count)} (${how})`)
  runner.endGroup()
  runner.info(
    `Compared ${formatCount(tree.files.length, 'file')} with ${formatCount(result.listedObjects, 'object')} in ${formatDuration(timing.ms)}, reading ${formatNumber(Math.round(timing.hashedBytes / 2 ** 20))} MiB: ${describeCounts(counts)}.`
  )
  if (tree.excluded + result.excludedObjects > 0) {
    runner.info(
      `${settings.filters.some(rule => rule.include) ? 'exclude and include' : 'exclude'} left out ${formatCount(tree.excluded, 'file')} and ${formatCount(result.excludedObjects, 'object')}.`
    )
  }
}

/** Writes paths-file and inventory-file to the runner's temporary folder, and sets every output. */
function writeOutputs(
  runner: Runner,
  bucket: string,
  pathsText: string,
  inventoryKeys: readonly string[],
  counts: Counts
): { pathsFile: string; inventoryFile: string; inventoryObjects: number } {
  const dir = runner.env.RUNNER_TEMP || tmpdir()
  mkdirSync(dir, { recursive: true })
  const pathsFile = join(dir, `changes-${randomUUID()}.txt`)
  writeFileSync(pathsFile, pathsText)
  runner.setOutput('paths-file', pathsFile)
  const inventory = inventoryFileText(bucket, inventoryKeys)
  const inventoryFile = join(dir, `inventory-${randomUUID()}.txt`)
  writeFileSync(inventoryFile, inventory.text)
  runner.setOutput('inventory-file', inventoryFile)
  if (inventory.leftOut.length > 0) {
    runner.warning(
      `${formatCount(inventory.leftOut.length, 'unchanged object')} with a line break in its key left out of inventory-file (one s3:// URI a line cannot hold it): the invalidate action does not count it among what a wildcard clears. Listed below.`
    )
    runner.info(inventory.leftOut.map(key => `left out of inventory-file: ${JSON.stringify(key)}`).join('\n'))
  }
  for (const kind of ['changed', 'added', 'deleted', 'unchanged'] as const) {
    runner.setOutput(kind, String(counts[kind]))
  }
  return { pathsFile, inventoryFile, inventoryObjects: inventoryKeys.length - inventory.leftOut.length }
}
