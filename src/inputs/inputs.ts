import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { UserError, errorMessage } from '../common/errors.js'
import { decodePathsFile } from './decode.js'
import { EVERYTHING, splitLines, splitPathsInput } from '../paths/paths.js'
import {
  readBoolean,
  readCredentialSettings,
  readInteger,
  type CredentialSettings,
  type InputReader
} from '../common/input-common.js'
import { DEFAULT_MAX_PATHS, MAX_PATHS } from '../paths/plan.js'
import { PathReader, emptyNotes, type SourceOptions } from '../paths/reader.js'
import { readInventory, type Inventory } from '../paths/inventory.js'
import { readIndexDocument, readOriginPath } from './path-options.js'
import type { ChangedObject, PathNotes } from '../types.js'
import { readVerifySettings, type VerifySettings } from './verify.js'
import { readTargets, type DistributionTag } from './targets.js'

export type { CredentialSettings } from '../common/input-common.js'

/** Everything the action needs from its inputs, typed and validated; nothing downstream reads inputs. */
export interface Settings {
  /** Given by ID; the aliases and tags below name more, found by lookup.ts. */
  distributionIds: string[]
  /** Distribution tenants (`dt_…`) given by ID, each invalidated with its own invalidation. */
  distributionTenantIds: string[]
  /** Alternate domain names (CNAMEs) to find distributions by: lower case, without a trailing dot. */
  distributionAliases: string[]
  /** Tags to find distributions by; each matches every distribution that carries it. */
  distributionTags: DistributionTag[]
  /** Normalised, deduplicated paths and cache tags, in the order given; empty when paths-file lists none. */
  paths: string[]
  /** Where the paths came from, for the log. */
  pathsSource: string
  /** How the lines were read (CLI lines taken, index directories added, covering wildcards), for the log. */
  pathNotes: PathNotes
  /** False when neither paths nor paths-file was given (the default /* is sent). */
  pathsGiven: boolean
  /**
   * The changed files verify checks: `paths`, and (with verify) those sent only as a covering wildcard
   * (a key holding `~`), which a browser still requests by their own URL.
   */
  changedFiles: string[]
  /**
   * With verify: what the sources say of the object behind each changed path read from an S3 key (its
   * bucket and key), and which are known to be deleted (a `delete:` line, an inventory that lacks them).
   */
  changedObjects: ReadonlyMap<string, ChangedObject>
  /** The distribution's origin path (`/prod`), or '': S3 keys under it are served at the path after it. */
  originPath: string
  /** The index document whose directory is cleared with it, or '' for none. */
  indexDocument: string
  /** The most paths one distribution is sent; longer lists are compacted into wildcards. */
  maxPaths: number
  /** From inventory-file: the site's objects, so compaction clears the fewest unchanged ones. */
  inventory?: Inventory
  /** inventory-file as given, for the log; '' when not given. */
  inventoryFile: string
  wait: boolean
  waitTimeoutSeconds: number
  /** False: a wait that runs out is a warning (status InProgress), not a failed step. */
  failOnTimeout: boolean
  callerReference: string | undefined
  dryRun: boolean
  credentials: CredentialSettings
  /** verify, verify-url and invalidation-id (see verify.ts). */
  verify: VerifySettings
}

/** A file's bytes: paths-file is decoded by what it holds (UTF-8, or UTF-16 with a byte order mark). */
export type FileReader = (path: string) => Uint8Array

/** The runner passes every input as a string; an absent one is ''. */
export function readSettings(
  getInput: InputReader,
  readFile: FileReader = path => readFileSync(path),
  env: NodeJS.ProcessEnv = process.env
): Settings {
  const targets = readTargets(getInput)
  // Read once: invalidation-id rules some of them out before the paths are read.
  const given = {
    paths: getInput('paths'),
    pathsFile: getInput('paths-file').trim(),
    callerReference: getInput('caller-reference')
  }
  const verify = readVerifySettings(getInput, {
    callerReference: given.callerReference.trim() !== '',
    paths: given.paths.trim() !== '' || given.pathsFile !== ''
  })
  const paths = readPathSettings(getInput, readFile, verify.verify, given)
  const waiting = readWaitSettings(getInput, verify)
  const credentials = readCredentialSettings(getInput, env)
  return {
    ...targets,
    ...paths,
    ...waiting,
    callerReference: readCallerReference(given.callerReference),
    dryRun: readBoolean(getInput, 'dry-run'),
    verify,
    credentials
  }
}

type PathSettings = Pick<
  Settings,
  | 'paths'
  | 'pathsSource'
  | 'pathNotes'
  | 'pathsGiven'
  | 'changedFiles'
  | 'changedObjects'
  | 'originPath'
  | 'indexDocument'
  | 'maxPaths'
  | 'inventory'
  | 'inventoryFile'
>

/** What to invalidate: the paths, how S3 keys map to them, the site's inventory, and the most to send. */
function readPathSettings(
  getInput: InputReader,
  readFile: FileReader,
  verify: boolean,
  given: PathInputs
): PathSettings {
  const options = {
    originPath: readOriginPath(getInput('origin-path')),
    indexDocument: readIndexDocument(getInput('index-document')),
    keepObjects: verify
  }
  const { paths, pathsSource, pathNotes, reader } = readPaths(given, readFile, options)
  const inventoryFile = getInput('inventory-file').trim()
  // Without paths the default /* is sent: there is nothing to compact, and no changed paths to compare.
  const inventory =
    inventoryFile && reader ? readInventoryFile(inventoryFile, readFile, options, reader) : undefined
  const maxPaths = readInteger(getInput, 'max-paths', {
    min: 1,
    max: MAX_PATHS,
    fallback: DEFAULT_MAX_PATHS,
    unit: 'paths',
    hint: `CloudFront accepts at most ${MAX_PATHS} paths in progress per distribution, and bills each path beyond the first 1,000 a month; longer lists are compacted into wildcards to fit.`
  })
  return {
    paths,
    pathsSource,
    pathNotes,
    pathsGiven: reader !== undefined,
    changedFiles: verify && reader ? withCoveredPaths(reader) : paths,
    changedObjects: verify && reader ? changedObjects(reader, inventory) : new Map(),
    originPath: options.originPath,
    indexDocument: options.indexDocument,
    maxPaths,
    ...(inventory ? { inventory } : {}),
    inventoryFile
  }
}

/** Whether and how long to wait for the invalidations to complete. */
function readWaitSettings(
  getInput: InputReader,
  verify: VerifySettings
): Pick<Settings, 'wait' | 'waitTimeoutSeconds' | 'failOnTimeout'> {
  // Verifying needs the invalidation Completed, and invalidation-id is there to wait.
  const wait = readBoolean(getInput, 'wait') || verify.verify || verify.invalidationId !== undefined
  const waitTimeoutSeconds = readInteger(getInput, 'wait-timeout', { min: 1, max: 6 * 3600, fallback: 1800 })
  // True unless set: action.yml's default, and what a step that never heard of it expects.
  const failOnTimeout = getInput('fail-on-timeout').trim() === '' || readBoolean(getInput, 'fail-on-timeout')
  return { wait, waitTimeoutSeconds, failOnTimeout }
}

/** paths as given, and paths-file trimmed. */
interface PathInputs {
  paths: string
  pathsFile: string
}

function readPaths(
  given: PathInputs,
  readFile: FileReader,
  options: SourceOptions
): { paths: string[]; pathsSource: string; pathNotes: PathNotes; reader?: PathReader } {
  const inline = splitPathsInput(given.paths)
  const file = given.pathsFile
  const fromFile = file ? splitLines(decodePathsFile(readListFile(file, readFile, 'paths-file'), file)) : []
  if (inline.length === 0 && !file) {
    return { paths: [EVERYTHING], pathsSource: `default (${EVERYTHING})`, pathNotes: emptyNotes(options) }
  }
  // Read every line first: a key outside origin-path fails the step before anything is sent. An empty
  // list (or only CLI progress) is a deploy that changed nothing: there is nothing to invalidate.
  const reader = new PathReader(options).add(inline, 'paths').add(fromFile, `paths-file ${file}`)
  const sources = [inline.length > 0 ? 'paths' : '', file ? `paths-file ${file}` : ''].filter(Boolean)
  return { paths: reader.items, pathsSource: sources.join(' and '), pathNotes: reader.notes, reader }
}

function withCoveredPaths(reader: PathReader): string[] {
  const sent = new Set(reader.items)
  return [...reader.items, ...reader.objectPaths().filter(path => !sent.has(path))]
}

/** The objects behind the changed paths; a changed object the inventory lacks was deleted. */
function changedObjects(reader: PathReader, inventory: Inventory | undefined): Map<string, ChangedObject> {
  const objects = new Map<string, ChangedObject>()
  for (const [path, object] of reader.objects) {
    objects.set(path, object.s3?.key.includes('+') ? { ...object, derived: 'plus' } : object)
  }
  for (const { path } of reader.notes.indexAdded)
    objects.set(path, { ...objects.get(path), derived: 'directory' })
  for (const path of inventory?.missingPaths ?? []) {
    const known = objects.get(path)
    if (!known?.deleted) objects.set(path, { ...known, deleted: 'inventory-file does not hold it' })
  }
  return objects
}

/** The site's objects from inventory-file; the paths read tell which of them changed. */
function readInventoryFile(
  file: string,
  readFile: FileReader,
  options: SourceOptions,
  reader: PathReader
): Inventory {
  const lines = splitLines(
    decodePathsFile(readListFile(file, readFile, 'inventory-file'), file, 'inventory-file')
  )
  return readInventory(lines, `inventory-file ${file}`, options, reader)
}

/** The bytes of paths-file or inventory-file; a file that cannot be read fails the step, naming it. */
function readListFile(file: string, readFile: FileReader, input: string): Uint8Array {
  let bytes: Uint8Array
  try {
    bytes = readFile(resolve(file))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'is not readable'
            : `could not be read (${errorMessage(error)})`
    throw new UserError(
      `${input}: ${file} ${why} (looked in ${resolve(file)}). Write it in an earlier step of the same job, or give a path relative to the workspace.`
    )
  }
  return bytes
}

function readCallerReference(raw: string): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  if (value.length > 128) {
    throw new UserError(`caller-reference: ${value.length} characters is too long; use at most 128.`)
  }
  return value
}
