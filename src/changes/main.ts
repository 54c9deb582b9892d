/**
 * The changes action: what a following `aws s3 sync` really changes, by content, as a paths-file for the
 * invalidate action. inputs -> walk the source while listing the destination -> compare -> report.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { resolveCredentials } from '../credentials.js'
import { UserError, errorMessage } from '../errors.js'
import { describeProxy, readProxySettings } from '../http.js'
import { formatCount, formatDuration, formatNumber } from '../report.js'
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
  summaryLine
} from './report.js'
import { checkS3Credentials, createS3Client, headObject, listObjects } from './s3.js'
import { readChangesSettings, type ChangesSettings } from './settings.js'

/** Files read and HeadObjects sent at once: enough to keep the disk and the network busy. */
const CONCURRENCY = 16

export async function run(): Promise<void> {
  try {
    const settings = readChangesSettings(name => core.getInput(name))
    // Monotonic, as every duration the actions report (clock.ts): a wall-clock step must not show here.
    const started = performance.now()
    const walking = walkSource(settings.source, settings.excludes)
    // Awaited by findChanges; marked handled so a failed walk during sign-in is not "unhandled".
    walking.catch(() => undefined)
    // The workers start while the credentials are resolved.
    const hashing = new HashPool()
    const client = await connect(settings)
    let hashedBytes = 0
    let headDenied: string | undefined
    const compare: CompareDeps = {
      hash: async (path, request) => {
        const digests = await hashing.hash(path, request)
        hashedBytes += digests.size
        return digests
      },
      head: async (key, options) => {
        try {
          return await headObject(client, settings.bucket, key, options)
        } catch (error) {
          if (error instanceof UserError) headDenied ??= error.message
          throw error
        }
      }
    }
    const result = await findChanges(
      walking,
      {
        prefix: settings.prefix,
        delete: settings.delete,
        excludes: settings.excludes,
        concurrency: CONCURRENCY
      },
      {
        list: (onPage, localKeys) => listObjects(client, settings.bucket, settings.prefix, onPage, localKeys),
        compare
      }
    )
    const tree = await walking
    for (const failure of hashing.failures) core.debug(failure)
    if (headDenied) core.warning(`${headDenied} The objects it could not check are counted as changed.`)
    await report(settings, tree, result, { ms: performance.now() - started, hashedBytes })
  } catch (error) {
    if (!(error instanceof UserError) || error.cause instanceof Error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
      const cause =
        error instanceof Error && error.cause instanceof Error ? `\nCaused by: ${error.cause.stack}` : ''
      core.debug(detail + cause)
    }
    core.setFailed(errorMessage(error))
  }
}

async function connect(settings: ChangesSettings) {
  const proxy = readProxySettings(process.env)
  const s3 = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL ?? 'https://s3.amazonaws.com'
  for (const note of describeProxy(proxy, URL.canParse(s3) ? [{ service: 'S3', url: s3 }] : [])) {
    if (note.warning) core.warning(note.message)
    else core.info(note.message)
  }
  const credentials = await resolveCredentials(settings.credentials, {
    getIDToken: audience => core.getIDToken(audience),
    setSecret: secret => {
      core.setSecret(secret)
    },
    info: message => {
      core.info(message)
    },
    env: process.env,
    proxy
  })
  const client = createS3Client({
    ...(credentials ? { credentials } : {}),
    ...(settings.credentials.region ? { region: settings.credentials.region } : {})
  })
  await checkS3Credentials(client)
  return client
}

/** Prints `lines` so that nothing in them (keys and file names are untrusted) runs as a workflow command. */
function printUntrusted(lines: readonly string[]): void {
  const token = randomUUID()
  core.info(`::stop-commands::${token}`)
  for (const line of lines) core.info(line)
  core.info(`::${token}::`)
}

async function report(
  settings: ChangesSettings,
  tree: LocalTree,
  result: ChangesResult,
  timing: { ms: number; hashedBytes: number }
): Promise<void> {
  const destination = `s3://${settings.bucket}/${settings.prefix}`
  const counts = countChanges(result)
  const text = pathsFileText(settings.bucket, result.changes)

  if (tree.unreadable.length > 0) {
    core.warning(
      `${formatCount(tree.unreadable.length, 'file or folder')} in source could not be read (listed below); aws s3 sync skips them too, so objects under them count as deleted.`
    )
  }
  core.startGroup(`What changed: ${describeCounts(counts)}`)
  printUntrusted([
    `Source ${settings.source}, destination ${destination}${settings.delete ? ' (with delete)' : ''}`,
    ...changeLines(result.changes),
    ...tree.unreadable.map(entry => `unreadable ${entry.relative}  (${entry.reason})`)
  ])
  for (const [how, count] of result.unchangedHow) core.info(`unchanged: ${formatNumber(count)} (${how})`)
  core.endGroup()
  core.info(
    `Compared ${formatCount(tree.files.length, 'file')} with ${formatCount(result.listedObjects, 'object')} in ${formatDuration(timing.ms)}, reading ${formatNumber(Math.round(timing.hashedBytes / 2 ** 20))} MiB: ${describeCounts(counts)}.`
  )
  if (tree.excluded + result.excludedObjects > 0) {
    core.info(
      `exclude left out ${formatCount(tree.excluded, 'file')} and ${formatCount(result.excludedObjects, 'object')}.`
    )
  }

  const dir = process.env.RUNNER_TEMP || tmpdir()
  mkdirSync(dir, { recursive: true })
  const pathsFile = join(dir, `changes-${randomUUID()}.txt`)
  writeFileSync(pathsFile, text)
  core.setOutput('paths-file', pathsFile)
  const inventory = inventoryFileText(settings.bucket, result.inventory)
  const inventoryFile = join(dir, `inventory-${randomUUID()}.txt`)
  writeFileSync(inventoryFile, inventory.text)
  core.setOutput('inventory-file', inventoryFile)
  if (inventory.leftOut.length > 0) {
    core.warning(
      `${formatCount(inventory.leftOut.length, 'unchanged object')} with a line break in its key left out of inventory-file (one s3:// URI a line cannot hold it): the invalidate action does not count it among what a wildcard clears. Listed below.`
    )
    printUntrusted(inventory.leftOut.map(key => `left out of inventory-file: ${JSON.stringify(key)}`))
  }
  core.setOutput('changed', String(counts.changed))
  core.setOutput('added', String(counts.added))
  core.setOutput('deleted', String(counts.deleted))
  core.setOutput('unchanged', String(counts.unchanged))
  core.info(`paths-file: ${pathsFile} (${formatCount(result.changes.length, 'line')})`)
  core.info(
    `inventory-file: ${inventoryFile} (${formatCount(result.inventory.length - inventory.leftOut.length, 'object')} the destination holds after the sync)`
  )
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(summaryLine(destination, counts)).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}
