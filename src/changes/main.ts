/**
 * The changes action: what a following `aws s3 sync` really changes, by content, as a paths-file for the
 * invalidate action. inputs -> walk the source while listing the destination -> compare -> report. It
 * talks to the runner only through the runner seam (runner.ts), as the invalidate action does.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { S3Client } from '@aws-sdk/client-s3'
import { endpointsOf } from '../aws/aws-config.js'
import { CancelledError, systemClock, type Clock } from '../common/clock.js'
import { signIn } from '../aws/connect.js'
import { UserError, errorMessage } from '../common/errors.js'
import { formatCount, formatDuration, formatNumber } from '../common/format.js'
import { readProxySettings } from '../common/http.js'
import { fail, type Runner } from '../common/runner.js'
import { findChanges, type ChangesResult, type Unreadable } from './changes.js'
import type { CompareDeps } from './compare.js'
import { HashPool } from './hash-pool.js'
import { unreadableReason, walkSource, type LocalTree } from './local.js'
import { ChangesProgress, PROGRESS_EVERY_MS } from './progress.js'
import {
  changeLines,
  countChanges,
  describeCounts,
  inventoryFileText,
  pathsFileText,
  summaryBlock,
  type Counts
} from './report.js'
import {
  checkS3Credentials,
  createS3Client,
  headObject,
  isS3Unreachable,
  listObjects,
  s3Reach,
  type CallOptions
} from './s3.js'
import { readChangesSettings, type ChangesSettings } from './settings.js'

/** Files read and HeadObjects sent at once: enough to keep the disk and the network busy. */
const CONCURRENCY = 16

/** How long a stopped run waits for its workers and sockets to close before it says why it stopped. */
const CLOSE_MS = 1_000

export interface RunOptions {
  /** Monotonic, as every duration the actions report (clock.ts): a wall-clock step must not show here. */
  clock?: Clock
  /** Aborts when the runner cancels the job (index.ts listens for the signals). */
  cancel?: AbortSignal
}

export async function run(runner: Runner, options: RunOptions = {}): Promise<void> {
  const clock = options.clock ?? systemClock
  // The run's own signal: the job was cancelled, or something failed. It ends the walk, the hashing and
  // every S3 call at once, so that nothing goes on (or writes) after the step says why it stopped.
  const stop = new AbortController()
  const parts: { hashing?: HashPool; client?: S3Client; progress?: ChangesProgress } = {}
  // Where the run was when the job was cancelled, read then: what was cut short goes on failing after.
  let cancelledWhile: string | undefined
  const onCancel = () => {
    const progress = parts.progress
    cancelledWhile = progress
      ? `while ${progress.describe()}, ${progress.elapsed(clock.now())} in`
      : 'before it started'
    stop.abort(options.cancel?.reason)
  }
  if (options.cancel?.aborted) onCancel()
  else options.cancel?.addEventListener('abort', onCancel, { once: true })
  let failure: { error: unknown } | undefined
  try {
    await find(runner, clock, stop, parts)
  } catch (error) {
    failure = { error }
  } finally {
    options.cancel?.removeEventListener('abort', onCancel)
    if (failure) stop.abort(failure.error)
    await closeParts(runner, clock, parts)
  }
  if (!failure) return
  const reason: unknown = stop.signal.reason
  if (reason instanceof CancelledError && cancelledWhile) {
    // The SDK's AbortError, a comparison cut short: what matters is that the job was cancelled.
    runner.debug(`What the cancellation cut short: ${errorMessage(failure.error)}`)
    fail(
      runner,
      new UserError(
        `${reason.message.replace(/\.$/, '')} ${cancelledWhile}; the step wrote no paths-file and no outputs.`
      )
    )
    return
  }
  fail(runner, failure.error)
}

/** The run itself: walk and list, compare, report. `parts` gets what closeParts must close. */
async function find(
  runner: Runner,
  clock: Clock,
  stop: AbortController,
  parts: { hashing?: HashPool; client?: S3Client; progress?: ChangesProgress }
): Promise<void> {
  const settings = readChangesSettings(name => runner.getInput(name), runner.env)
  const started = clock.now()
  const destination = destinationOf(settings)
  runner.info(`Comparing ${settings.source} with ${destination}${settings.delete ? ' (with delete)' : ''}.`)
  const progress = new ChangesProgress(destination, started)
  parts.progress = progress
  const ticking = tick(runner, clock, progress, stop.signal)
  const walking = walkSource(settings.source, settings.filters, stop.signal)
  // Awaited by findChanges; marked handled so a failed walk during sign-in is not "unhandled".
  walking.catch(() => undefined)
  // The workers start while the credentials are resolved.
  const hashing = new HashPool({ signal: stop.signal })
  parts.hashing = hashing
  const proxy = readProxySettings(runner.env)
  const credentials = await signIn(runner, settings.credentials, {
    proxy,
    endpoints: endpointsOf(['S3'], settings.credentials.region, runner.env),
    signal: stop.signal,
    clock
  })
  const client = createS3Client({
    ...(credentials ? { credentials } : {}),
    ...(settings.credentials.region ? { region: settings.credentials.region } : {})
  })
  parts.client = client
  await checkS3Credentials(client, stop.signal)
  progress.phase = 'listing'
  const listingFrom = clock.now()
  runner.info(`Listing ${destination} and comparing each object with its file.`)
  const call: CallOptions = {
    signal: stop.signal,
    clock,
    reach: s3Reach(runner.env, settings.credentials.region, proxy)
  }
  const compare = new Comparison(
    hashing,
    (key, options) => headObject(client, settings.bucket, key, options, call),
    progress,
    stop
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
      list: (onPage, localKeys) =>
        listObjects(client, settings.bucket, settings.prefix, onPage, localKeys, undefined, call),
      compare,
      unreadable: unreadableReason,
      progress: {
        listed: count => (progress.listed += count),
        toHash: bytes => {
          progress.toHash++
          progress.bytesToHash += bytes
        },
        hashed: () => progress.hashed++,
        listingDone: () => {
          progress.phase = 'comparing'
          runner.info(
            `Listed ${formatCount(progress.listed, 'object')} in ${formatDuration(clock.now() - listingFrom)}; ${describeHashing(progress)}.`
          )
        }
      }
    }
  )
  ticking.abort()
  const tree = await walking
  for (const failure of hashing.failures) runner.debug(failure)
  if (compare.headDenied) {
    runner.warning(`${compare.headDenied} The objects it could not check are counted as changed.`)
  }
  await report(runner, settings, tree, result, {
    ms: clock.now() - started,
    hashedBytes: progress.bytesRead
  })
}

/** What is left once the listing is done: "2 of 10 files left to compare by content". */
function describeHashing(progress: ChangesProgress): string {
  const left = progress.toHash - progress.hashed
  return left > 0
    ? `${formatNumber(left)} of ${formatCount(progress.toHash, 'file')} left to compare by content`
    : `${formatCount(progress.toHash, 'file')} compared by content`
}

/**
 * Prints the progress line every PROGRESS_EVERY_MS until the returned controller (or the run's signal)
 * aborts; between two lines it only sleeps on the clock.
 */
function tick(runner: Runner, clock: Clock, progress: ChangesProgress, signal: AbortSignal): AbortController {
  // Aborted by the caller when the run is done, and by the run's signal when it stops.
  const done = new AbortController()
  const stopTicking = () => {
    done.abort(signal.reason)
  }
  signal.addEventListener('abort', stopTicking, { once: true })
  const loop = async () => {
    for (;;) {
      await clock.sleep(PROGRESS_EVERY_MS, done.signal)
      if (done.signal.aborted) return
      runner.info(progress.line(clock.now()))
    }
  }
  // Ends by the abort, which rejects the sleep: nothing to report.
  loop()
    .catch(() => undefined)
    .finally(() => {
      signal.removeEventListener('abort', stopTicking)
    })
  return done
}

/** Terminates the hashing workers and closes S3's sockets; waits at most CLOSE_MS for them. */
async function closeParts(
  runner: Runner,
  clock: Clock,
  parts: { hashing?: HashPool; client?: S3Client }
): Promise<void> {
  parts.client?.destroy()
  const closing = parts.hashing?.close().catch((error: unknown) => {
    runner.debug(`The hashing workers did not stop: ${errorMessage(error)}`)
  })
  if (!closing) return
  const timeout = clock.timeout(CLOSE_MS)
  await new Promise<void>(resolve => {
    timeout.addEventListener(
      'abort',
      () => {
        resolve()
      },
      { once: true }
    )
    void closing.then(resolve)
  })
}

/**
 * The comparisons' file hashing (through the worker pool) and HeadObjects, counting the bytes read for the
 * progress line, and keeping the first HeadObject that was refused. An S3 that stopped answering stops the
 * run: each HeadObject would wait as long again.
 */
class Comparison implements CompareDeps {
  headDenied: string | undefined
  readonly signal: AbortSignal

  constructor(
    private readonly hashing: HashPool,
    private readonly headObject: CompareDeps['head'],
    private readonly progress: ChangesProgress,
    private readonly stop: AbortController
  ) {
    this.signal = stop.signal
  }

  hash: CompareDeps['hash'] = async (path, request) => {
    const digests = await this.hashing.hash(path, request)
    this.progress.bytesRead += digests.size
    return digests
  }

  head: CompareDeps['head'] = async (key, options) => {
    this.progress.heads++
    try {
      return await this.headObject(key, options)
    } catch (error) {
      if (isS3Unreachable(error)) this.stop.abort(error)
      else if (error instanceof UserError) this.headDenied ??= error.message
      throw error
    } finally {
      this.progress.heads--
    }
  }
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
  for (const entry of result.unreadable.slice(0, UNREADABLE_WARNINGS)) {
    runner.warning(unreadableWarning(entry, settings))
  }
  const more = result.unreadable.length - UNREADABLE_WARNINGS
  if (more > 0) {
    runner.warning(
      `${formatNumber(more)} more files or folders in source are not readable either; aws s3 sync skips them too. They are listed under "What changed" below.`
    )
  }
  runner.startGroup(`What changed: ${describeCounts(counts)}`)
  // Keys and file names are untrusted: runner.info prints them so that none runs as a workflow command.
  runner.info(
    [
      `Source ${settings.source}, destination ${destinationOf(settings)}${settings.delete ? ' (with delete)' : ''}`,
      ...changeLines(result.changes),
      ...result.unreadable.map(entry => `skipped ${entry.relative}  (not readable: ${entry.reason})`)
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

/** A warning for each file or folder the sync cannot read, then one for the rest. */
const UNREADABLE_WARNINGS = 10

/** What aws s3 sync does with a file or folder it cannot read, named; its name is plain text in a warning. */
function unreadableWarning(entry: Unreadable, settings: ChangesSettings): string {
  const folder = entry.relative.endsWith('/')
  const where = `s3://${settings.bucket}/${settings.prefix}${entry.relative}`
  const objects = folder ? `the ${formatCount(entry.objects, 'object')} under ${where}` : where
  const stays = folder && entry.objects !== 1 ? 'stay as they are' : 'stays as it is'
  let fate: string
  if (entry.objects === 0)
    fate = folder ? `nothing of it is uploaded to ${where}` : `${where} is not uploaded`
  else if (settings.delete) fate = `with --delete it deletes ${objects}, which the bucket holds now`
  else fate = `${objects} ${stays}`
  return `${folder ? 'The folder ' : ''}${entry.relative} in source is not readable (${entry.reason}): aws s3 sync skips it${folder ? ' and all it holds' : ''} with a warning (and ends with exit code 2), and ${fate}. The lists and counts here do the same. Let the runner's user read it, or move it out of source.`
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
