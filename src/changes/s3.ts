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

/** Resolves the client's credentials now, so a missing one fails before anything is listed. */
export async function checkS3Credentials(client: S3Client): Promise<void> {
  try {
    await client.config.credentials()
  } catch (error) {
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
  options: KeyspaceOptions = KEYSPACE_DEFAULTS
): Promise<number> {
  const fetchPage = async (start: PageStart): Promise<Page> => {
    const response = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        ...(prefix ? { Prefix: prefix } : {}),
        ...(start.token ? { ContinuationToken: start.token } : {}),
        ...(start.startAfter !== undefined && !start.token ? { StartAfter: start.startAfter } : {})
      })
    )
    const next = response.IsTruncated ? response.NextContinuationToken : undefined
    if (response.IsTruncated && !next) {
      throw new PagingError('S3 answered ListObjectsV2 with IsTruncated but no NextContinuationToken')
    }
    return { objects: (response.Contents ?? []).flatMap(item => toRemote(item) ?? []), next }
  }
  try {
    return await listKeyspace(fetchPage, onPage, localKeys, options)
  } catch (error) {
    throw error instanceof PagingError ? error : explainListError(error, bucket, prefix)
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
  options: { partNumber?: number; checksums?: boolean }
): Promise<HeadFacts> {
  try {
    const response = await client.send(
      new HeadObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(options.partNumber ? { PartNumber: options.partNumber } : {}),
        ...(options.checksums ? { ChecksumMode: 'ENABLED' } : {})
      })
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
    throw explainWith(error, `HeadObject on ${bucket}`, ({ name, status, explain }) =>
      isAccessDenied(name) || status === 403
        ? explain(
            `Access denied to s3:GetObject on arn:aws:s3:::${bucket}/*, which the changes action needs (HeadObject) to read the checksum or part size of objects whose ETag is not an MD5. Allow s3:GetObject on arn:aws:s3:::${bucket}/* (or on the destination's prefix).`
          )
        : undefined
    )
  }
}
