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

export interface DistributionTag {
  key: string
  value: string
}

/** A file's bytes: paths-file is decoded by what it holds (UTF-8, or UTF-16 with a byte order mark). */
export type FileReader = (path: string) => Uint8Array

const DISTRIBUTION_ID = /^[A-Z0-9]{10,20}$/
// CloudFront's tenant IDs: dt_ and letters and digits (dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB in the AWS CLI's
// examples), at most 64 characters in all (the API reference's length constraint). - and _ are let
// through too: nothing documents that they never appear, and a refused real ID would block a deploy.
const TENANT_ID = /^dt_[\w-]{1,61}$/
// A DNS name CloudFront accepts as an alternate domain name: labels of letters, digits and hyphens, the
// first of which may be the wildcard `*`.
const DOMAIN_NAME = /^(\*|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/

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

type TargetSettings = Pick<
  Settings,
  'distributionIds' | 'distributionTenantIds' | 'distributionAliases' | 'distributionTags'
>

/** The distributions and tenants named by ID, alias and tag; at least one must be. */
function readTargets(getInput: InputReader): TargetSettings {
  const targets = {
    distributionIds: readDistributionIds(getInput('distribution-id')),
    distributionTenantIds: readDistributionTenantIds(getInput('distribution-tenant-id')),
    distributionAliases: readDistributionAliases(getInput('distribution-alias')),
    distributionTags: readDistributionTags(getInput('distribution-tag'))
  }
  if (Object.values(targets).every(named => named.length === 0)) {
    throw new UserError(
      "distribution-id, distribution-tenant-id, distribution-alias or distribution-tag is required: set at least one of them, for example distribution-id: E2QWRUHAPOMQZL (shown in the CloudFront console), distribution-tenant-id: dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB (a tenant of a multi-tenant distribution), distribution-alias: www.example.com (an alternate domain name of the distribution, or a tenant's domain), or distribution-tag: environment=production."
    )
  }
  return targets
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

/** Items separated by newlines, commas or spaces, each once, in order. */
function splitList(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).filter(item => item.length > 0))]
}

function readDistributionIds(raw: string): string[] {
  const ids = splitList(raw)
  for (const id of ids) {
    if (!DISTRIBUTION_ID.test(id)) throw new UserError(explainBadDistributionId(id))
  }
  return ids
}

/** What a value wrapped in quotes (YAML quoting the runner passed on as it is) should have been. */
function unquoted(value: string): string | undefined {
  const inner = /^(["'`])(.*)\1$/.exec(value)?.[2]
  return inner === undefined || inner === '' ? undefined : inner
}

function explainBadDistributionId(id: string): string {
  const base = `distribution-id: "${id}" is not a CloudFront distribution ID`
  const inner = unquoted(id)
  if (inner && DISTRIBUTION_ID.test(inner)) return `${base}; remove the quotes around it: ${inner}.`
  if (TENANT_ID.test(id) || /:distribution-tenant\//.test(id)) {
    return `${base}; it names a distribution tenant. Give it as distribution-tenant-id instead.`
  }
  const arnId = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/.exec(id)?.[1]
  if (arnId) return `${base}; it is the distribution's ARN. Use the ID alone: ${arnId}.`
  if (/\.cloudfront\.net$/i.test(id)) {
    return `${base}; it is the distribution's domain name. Use its ID (for example E2QWRUHAPOMQZL), shown in the CloudFront console.`
  }
  if (DISTRIBUTION_ID.test(id.toUpperCase())) {
    return `${base}; IDs are upper case. Use ${id.toUpperCase()}.`
  }
  return `${base}. An ID is 10 to 20 upper-case letters and digits (for example E2QWRUHAPOMQZL), shown in the CloudFront console.`
}

function readDistributionTenantIds(raw: string): string[] {
  const ids = splitList(raw)
  for (const id of ids) {
    if (!TENANT_ID.test(id)) throw new UserError(explainBadTenantId(id))
  }
  return ids
}

function explainBadTenantId(id: string): string {
  const base = `distribution-tenant-id: "${id}" is not a CloudFront distribution tenant ID`
  const inner = unquoted(id)
  if (inner && TENANT_ID.test(inner)) return `${base}; remove the quotes around it: ${inner}.`
  const arnId = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution-tenant\/(dt_[\w-]+)$/.exec(id)?.[1]
  if (arnId) return `${base}; it is the tenant's ARN. Use the ID alone: ${arnId}.`
  if (/^dt_/i.test(id) && TENANT_ID.test(`dt_${id.slice(3)}`)) {
    return `${base}; a tenant ID starts with dt_ in lower case (the rest keeps its case): dt_${id.slice(3)}.`
  }
  if (DISTRIBUTION_ID.test(id)) {
    return `${base}; it looks like a distribution ID. Give it as distribution-id instead (a multi-tenant distribution's ID invalidates every tenant of it).`
  }
  if (id.includes('.')) {
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(id)?.[1] ?? id
    return `${base}; it looks like a domain name. Give ${host} as distribution-alias instead, which finds the tenant by its domain.`
  }
  return `${base}. A tenant ID is dt_ followed by letters and digits (for example dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB), shown in the CloudFront console under Distribution tenants; a tenant's name is not its ID.`
}

function readDistributionAliases(raw: string): string[] {
  // DNS names are case-insensitive, and a trailing dot only marks a fully qualified name.
  const aliases = splitList(raw.toLowerCase()).map(alias => alias.replace(/\.$/, ''))
  for (const alias of aliases) {
    if (DOMAIN_NAME.test(alias)) continue
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/.exec(alias)?.[1]
    const fix = host
      ? `Use the domain name alone: ${host}.`
      : 'Use an alternate domain name (CNAME) of the distribution, for example www.example.com.'
    throw new UserError(`distribution-alias: "${alias}" is not a domain name. ${fix}`)
  }
  return [...new Set(aliases)]
}

// CloudFront's Tag type (API_Tag): keys and values hold letters, digits, spaces and _ . : / = + - @ only
// (pattern [\p{L}\p{Z}\p{N}_.:/=+\-@]*), so no tag holds a comma: a comma can separate tags with no escape.
const NOT_TAG_CHARACTER = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/u

/**
 * `key=value`, one per line or several on a line separated by commas, as the other distribution inputs
 * take lists. Why commas and not the other choice (one tag a line, and a hint when nothing matches): no
 * CloudFront tag can hold a comma (NOT_TAG_CHARACTER), so `env=prod,site=x` can only mean two tags, and no
 * escape is needed. Spaces do not separate: a tag value may hold them (`team=web docs`).
 */
export function readDistributionTags(raw: string): DistributionTag[] {
  const tags = new Map<string, DistributionTag>()
  for (const line of splitLines(raw)) {
    // The AWS CLI's shorthand (--tags Key=env,Value=prod) would read as two tags, Key=env and Value=prod.
    const shorthand = /^Key\s*=\s*([^,]*),\s*Values?\s*=\s*([^,]*)$/i.exec(line)
    if (shorthand) {
      throw new UserError(
        `distribution-tag: "${line}" is the AWS CLI's Key=…,Value=… form. Write the tag as key=value: ${shorthand[1]?.trim()}=${shorthand[2]?.trim()}.`
      )
    }
  }
  const items = splitLines(raw).flatMap(line => line.split(',').map(item => item.trim()))
  for (const item of items.filter(item => item !== '')) {
    const equals = item.indexOf('=')
    const key = item.slice(0, equals).trim()
    const value = item.slice(equals + 1).trim()
    if (equals === -1 || key === '') {
      throw new UserError(
        `distribution-tag: "${item}" is not key=value. Write the tag's key and value, for example environment=production (several tags one per line or separated by commas).`
      )
    }
    const bad = NOT_TAG_CHARACTER.exec(`${key}${value}`)?.[0]
    if (bad !== undefined) {
      const fix = /["'`]/.test(bad)
        ? 'Remove the quotes'
        : bad === '*'
          ? 'A tag matches exactly, with no wildcard: give the whole value'
          : 'Give the tag as the CloudFront console shows it'
      throw new UserError(
        `distribution-tag: "${item}" holds ${JSON.stringify(bad)}, which no CloudFront tag can hold (only letters, digits, spaces and _ . : / = + - @). ${fix}.`
      )
    }
    // CloudFront's limits on tags.
    if (key.length > 128 || value.length > 256) {
      throw new UserError(
        `distribution-tag: "${item}" is too long; a tag key has at most 128 characters and its value at most 256.`
      )
    }
    tags.set(`${key}=${value}`, { key, value })
  }
  return [...tags.values()]
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
