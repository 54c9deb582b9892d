/** The changes action's inputs, read and checked into one typed object; nothing downstream reads inputs. */
import { isAbsolute, resolve } from 'node:path'
import { UserError } from '../common/errors.js'
import {
  REGION,
  readBoolean,
  readCredentialSettings,
  type CredentialSettings,
  type InputReader
} from '../common/input-common.js'
import { compileFilters, type FilterRule } from './exclude.js'

export interface ChangesSettings {
  /** The local folder, absolute. */
  source: string
  bucket: string
  /** The key prefix objects are uploaded under: empty, or ending in `/` (as aws s3 sync makes it). */
  prefix: string
  delete: boolean
  /** exclude, then include: the sync's filters in order. */
  filters: FilterRule[]
  credentials: CredentialSettings
}

// Bucket names as S3 allows them, including the older ones with capitals and underscores (us-east-1).
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/

export function readChangesSettings(
  getInput: InputReader,
  env: NodeJS.ProcessEnv = process.env
): ChangesSettings {
  const sourceInput = getInput('source').trim()
  if (!sourceInput) {
    throw new UserError(
      'source is required: the local folder that aws s3 sync uploads, relative to the workspace (for example public).'
    )
  }
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const source = isAbsolute(sourceInput) ? sourceInput : resolve(workspace, sourceInput)
  const { bucket, prefix } = readDestination(getInput('destination'))
  const credentials = readCredentialSettings(getInput, env)
  // S3 is regional, so a bad region matters here even without a role to assume.
  if (credentials.region && !REGION.test(credentials.region)) {
    throw new UserError(
      `aws-region: "${credentials.region}" is not an AWS region name (for example us-east-1); it comes from aws-region, AWS_REGION or AWS_DEFAULT_REGION.`
    )
  }
  return {
    source,
    bucket,
    prefix,
    // Default true, as action.yml says: an absent input (a test, a local run) deletes too.
    delete: getInput('delete').trim() === '' ? true : readBoolean(getInput, 'delete'),
    // Excludes first, then includes: aws s3 sync --exclude … --include …, where the last match wins.
    filters: compileFilters(patterns(getInput('exclude')), patterns(getInput('include'))),
    credentials
  }
}

/** One pattern a line, blank lines left out. */
function patterns(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line.length > 0)
}

/** `s3://bucket` or `s3://bucket/prefix`: objects are uploaded to `prefix/` + the path below source. */
export function readDestination(raw: string): { bucket: string; prefix: string } {
  const text = raw.trim()
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(text)
  const bucket = match?.[1] ?? ''
  if (!match || !BUCKET.test(bucket)) {
    const hint = text ? `"${text}" is not an S3 URI.` : 'is required: the S3 URI aws s3 sync uploads to.'
    throw new UserError(
      `destination: ${hint} Use s3://bucket or s3://bucket/prefix, the same destination as the aws s3 sync that follows (for example s3://my-site-bucket).`
    )
  }
  const path = match[2] ?? ''
  return { bucket, prefix: path === '' || path.endsWith('/') ? path : `${path}/` }
}
