/** The only module of the changes action that talks to S3: the client, listing, HeadObject, errors. */
import {
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type HeadObjectCommandOutput,
  type _Object
} from '@aws-sdk/client-s3'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { explainWith, noCredentials, sharedClientConfig } from '../aws/aws-config.js'
import { inRolePolicy, isAccessDenied } from '../aws/denied.js'
import { beforeDeadline, systemClock, type Clock } from '../common/clock.js'
import { UserError, errorMessage } from '../common/errors.js'
import { formatDuration } from '../common/format.js'
import { proxyFor, type ProxySettings } from '../common/http.js'
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm } from './hash.js'
import {
  KEYSPACE_DEFAULTS,
  PagingError,
  listKeyspace,
  type KeyspaceOptions,
  type Page,
  type PageStart,
  type RemoteObject
} from './listing.js'

export type { RemoteObject } from './listing.js'

export interface S3Options {
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider
  region?: string
}

/**
 * Honours AWS_ENDPOINT_URL_S3 (the SDK reads it). A bucket in another region than the job's is followed
 * (followRegionRedirects): the job's region is often the CloudFront one, us-east-1.
 */
export function createS3Client(options: S3Options = {}): S3Client {
  return new S3Client({
    ...sharedClientConfig(options.credentials),
    region: options.region ?? 'us-east-1',
    followRegionRedirects: true,
    maxAttempts: 8
  })
}

/**
 * How long one call may go unanswered, its retries included: the SDK gives each try 15 s (http.ts) and
 * tries up to 8 times, 2 minutes and more of silence against an S3 that never answers. Throttling's
 * retries (backoff of at most 25 s in all) fit well within it.
 */
export const CALL_BUDGET_MS = 60_000

/** What every S3 call of a run shares: where it ends, and how S3 is reached, for the error of a silent S3. */
export interface CallOptions {
  /** The run's signal: the job was cancelled, or the run failed. A call it ends fails with its reason. */
  signal?: AbortSignal
  clock?: Clock
  reach?: S3Reach
}

/** How the runner reaches S3: what a call that got no answer asks the user to check. */
export interface S3Reach {
  /** The endpoint's URL, and the variable that set it when one did. */
  endpoint: string
  variable?: string
  region: string
  proxy: ProxySettings
}

/** Where the SDK sends S3's requests (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, or S3 of the region). */
export function s3Reach(env: NodeJS.ProcessEnv, region: string | undefined, proxy: ProxySettings): S3Reach {
  const variable = ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL'].find(name => env[name])
  const named = variable ? (env[variable] as string) : undefined
  const endpoint = named && URL.canParse(named) ? named : `https://s3.${region ?? 'us-east-1'}.amazonaws.com`
  return { endpoint, ...(named && variable ? { variable } : {}), region: region ?? 'us-east-1', proxy }
}

/** The sentence after "S3 did not answer …": what to check, in the order it most often is. */
function checkReach(reach: S3Reach | undefined): string {
  if (!reach) return 'Check that the runner reaches S3 (its network, proxy and firewall) and the region.'
  const url = URL.canParse(reach.endpoint) ? new URL(reach.endpoint) : undefined
  const through = url ? proxyFor(reach.proxy, url) : undefined
  const endpoint = `${reach.endpoint}${reach.variable ? ` (${reach.variable})` : ''}`
  const how = through
    ? `through the proxy ${new URL(through.url).origin} (${through.variable}), and that the proxy lets it through`
    : `directly (no proxy variable applies to it; behind a firewall, set ${url?.protocol === 'http:' ? 'HTTP_PROXY' : 'HTTPS_PROXY'})`
  return `Check that the runner reaches ${endpoint} ${how}, and that the bucket is in ${reach.region} (aws-region, AWS_REGION).`
}

/** Errors of a request that got no answer, or no connection: the network, not S3, said no. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE'
])

function isNetworkError(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown }
  return name === 'TimeoutError' || (typeof code === 'string' && NETWORK_CODES.has(code))
}

/**
 * Sends one command, ended by the run's signal or by CALL_BUDGET_MS without an answer. The signal goes to
 * the SDK (which closes the socket and stops its retries) and the call is raced against it too, so that
 * nothing the SDK awaits can hold a cancelled run.
 */
async function send<T>(
  request: (abortSignal: AbortSignal) => Promise<T>,
  asked: string,
  options: CallOptions
): Promise<T> {
  const clock = options.clock ?? systemClock
  const budget = clock.timeout(CALL_BUDGET_MS)
  const { signal, release } = either(options.signal, budget)
  // async: a double of the client may answer synchronously.
  const sent = (async () => request(signal))()
  // Settles after the race below when the signal wins: handled, so it is not "unhandled".
  sent.catch(() => undefined)
  try {
    return await new Promise<T>((resolve, reject) => {
      const abort = () => {
        reject(signal.reason as Error)
      }
      if (signal.aborted) abort()
      signal.addEventListener('abort', abort, { once: true })
      sent.then(resolve, reject).finally(() => {
        signal.removeEventListener('abort', abort)
      })
    })
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason as Error
    if (budget.aborted || isNetworkError(error)) {
      const made = new UserError(
        budget.aborted
          ? `S3 did not answer ${asked} in ${formatDuration(CALL_BUDGET_MS)}. ${checkReach(options.reach)}`
          : `S3 could not be reached for ${asked} (${errorName(error)}${errorMessage(error)}). ${checkReach(options.reach)}`
      )
      unreachable.add(made)
      throw Object.assign(made, { cause: error })
    }
    throw error
  } finally {
    release()
  }
}

/**
 * A signal that aborts with the first of `a` and `b`. Not AbortSignal.any: the signal it returns is held
 * only weakly by its sources, and one nothing else holds (a request the SDK has not taken yet, a double
 * that never answers) was collected and never aborted.
 */
function either(a: AbortSignal | undefined, b: AbortSignal): { signal: AbortSignal; release: () => void } {
  if (!a) return { signal: b, release: () => undefined }
  const both = new AbortController()
  const fromA = () => {
    both.abort(a.reason)
  }
  const fromB = () => {
    both.abort(b.reason)
  }
  if (a.aborted) fromA()
  else if (b.aborted) fromB()
  a.addEventListener('abort', fromA, { once: true })
  b.addEventListener('abort', fromB, { once: true })
  return {
    signal: both.signal,
    release: () => {
      a.removeEventListener('abort', fromA)
      b.removeEventListener('abort', fromB)
    }
  }
}

function errorName(error: unknown): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown }
  const label = typeof code === 'string' ? code : typeof name === 'string' && name !== 'Error' ? name : ''
  return label ? `${label}: ` : ''
}

/** The errors of calls S3 gave no answer (or no connection), its retries included: the run cannot go on. */
const unreachable = new WeakSet<object>()

export function isS3Unreachable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && unreachable.has(error)
}

/** Resolves the client's credentials now, so a missing one fails before anything is listed. */
export async function checkS3Credentials(client: S3Client, signal?: AbortSignal): Promise<void> {
  try {
    await beforeDeadline(() => client.config.credentials(), signal)
  } catch (error) {
    if (signal?.aborted) throw signal.reason
    throw noCredentials(error)
  }
}

function toRemote(item: _Object): RemoteObject | undefined {
  if (item.Key === undefined) return undefined
  return {
    key: item.Key,
    size: item.Size ?? -1,
    etag: item.ETag,
    checksumAlgorithms: item.ChecksumAlgorithm ?? [],
    checksumType: item.ChecksumType
  }
}

/**
 * Every object under `prefix`, page by page (1,000 objects a page): `onPage` gets each page as it
 * arrives and must not wait on the work it starts, so the next pages are already being fetched while the
 * objects of this one are compared. With `localKeys` (the keys the source folder gives), the keyspace is
 * listed in ranges at once (listing.ts); without, one page after another.
 */
export async function listObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  onPage: (objects: RemoteObject[]) => void,
  localKeys?: Promise<readonly string[]>,
  options: KeyspaceOptions = KEYSPACE_DEFAULTS,
  call: CallOptions = {}
): Promise<number> {
  const asked = `ListObjectsV2 on the bucket ${bucket}${prefix ? ` (prefix ${prefix})` : ''}`
  const fetchPage = async (start: PageStart): Promise<Page> => {
    const command = new ListObjectsV2Command({
      Bucket: bucket,
      ...(prefix ? { Prefix: prefix } : {}),
      ...(start.token ? { ContinuationToken: start.token } : {}),
      ...(start.startAfter !== undefined && !start.token ? { StartAfter: start.startAfter } : {})
    })
    const response = await send(abortSignal => client.send(command, { abortSignal }), asked, call)
    const next = response.IsTruncated ? response.NextContinuationToken : undefined
    if (response.IsTruncated && !next) {
      throw new PagingError('S3 answered ListObjectsV2 with IsTruncated but no NextContinuationToken')
    }
    return { objects: (response.Contents ?? []).flatMap(item => toRemote(item) ?? []), next }
  }
  try {
    return await listKeyspace(fetchPage, onPage, localKeys, options)
  } catch (error) {
    if (call.signal?.aborted && error === call.signal.reason) throw error
    throw error instanceof PagingError || isS3Unreachable(error)
      ? error
      : explainListError(error, bucket, prefix)
  }
}

function explainListError(error: unknown, bucket: string, prefix: string): Error {
  return explainWith(error, `ListObjectsV2 on ${bucket}`, ({ name, message, explain }) => {
    if (name === 'NoSuchBucket') {
      return explain(
        `destination: the bucket ${bucket} does not exist (NoSuchBucket). Check the bucket name in destination, and that the credentials are for the AWS account that owns it.`
      )
    }
    if (isAccessDenied(name)) {
      const where = prefix ? ` (with an s3:prefix condition, allow ${prefix}*)` : ''
      return explain(
        `Access denied to s3:ListBucket on the bucket ${bucket}, which the changes action needs to list what is already there. Allow ${inRolePolicy('s3:ListBucket', `arn:aws:s3:::${bucket}${where}`)}. (${message})`
      )
    }
    if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed') {
      return explain(
        `destination: the bucket ${bucket} is in another region than the one these requests were signed for (${name}: ${message}). Set aws-region to the bucket's region.`
      )
    }
    return undefined
  })
}

/** What HeadObject tells about one object: a part's size, or the stored checksums. */
export interface HeadFacts {
  /** With a part number: that part's size (Content-Length) and the object's number of parts. */
  contentLength: number | undefined
  partsCount: number | undefined
  checksums: Partial<Record<ChecksumAlgorithm, string>>
  checksumType: string | undefined
}

const CHECKSUM_FIELDS: Record<ChecksumAlgorithm, keyof HeadObjectCommandOutput> = {
  CRC64NVME: 'ChecksumCRC64NVME',
  CRC32: 'ChecksumCRC32',
  CRC32C: 'ChecksumCRC32C',
  SHA256: 'ChecksumSHA256',
  SHA1: 'ChecksumSHA1'
}

/**
 * HeadObject with ChecksumMode=ENABLED (S3 returns the stored checksums only when asked), or of one part
 * (PartNumber) to learn the part size a multipart object was uploaded with. Needs s3:GetObject.
 */
export async function headObject(
  client: S3Client,
  bucket: string,
  key: string,
  options: { partNumber?: number; checksums?: boolean },
  call: CallOptions = {}
): Promise<HeadFacts> {
  try {
    const command = new HeadObjectCommand({
      Bucket: bucket,
      Key: key,
      ...(options.partNumber ? { PartNumber: options.partNumber } : {}),
      ...(options.checksums ? { ChecksumMode: 'ENABLED' } : {})
    })
    const response = await send(
      abortSignal => client.send(command, { abortSignal }),
      `HeadObject of s3://${bucket}/${key}`,
      call
    )
    const checksums: Partial<Record<ChecksumAlgorithm, string>> = {}
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      const value = response[CHECKSUM_FIELDS[algorithm]]
      if (typeof value === 'string' && value) checksums[algorithm] = value
    }
    return {
      contentLength: response.ContentLength,
      partsCount: response.PartsCount,
      checksums,
      checksumType: response.ChecksumType
    }
  } catch (error) {
    if ((call.signal?.aborted && error === call.signal.reason) || isS3Unreachable(error)) throw error
    throw explainWith(error, `HeadObject on ${bucket}`, ({ name, status, explain }) =>
      isAccessDenied(name) || status === 403
        ? explain(
            `Access denied to s3:GetObject on arn:aws:s3:::${bucket}/*, which the changes action needs (HeadObject) to read the checksum or part size of objects whose ETag is not an MD5. Allow s3:GetObject on arn:aws:s3:::${bucket}/* (or on the destination's prefix).`
          )
        : undefined
    )
  }
}
