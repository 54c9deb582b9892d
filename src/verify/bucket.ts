/**
 * What the bucket holds behind a changed URL: HeadObject for the object's current ETag, so that verify can
 * judge the edge's copy by its content. The S3 client is loaded on first use: only a verify whose changed
 * files were given as S3 keys needs it, and the step's start-up does not pay for it.
 */
import type { S3Client } from '@aws-sdk/client-s3'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { sharedClientConfig } from '../aws/aws-config.js'
import type { ProxySettings } from '../common/http.js'

/** What HeadObject said of one object. */
export type BucketAnswer =
  | { kind: 'present'; etag: string }
  /** 404: the bucket does not hold the key (an answer S3 gives only to a caller that may list it). */
  | { kind: 'absent' }
  /** 403: s3:GetObject is not allowed, or the key is absent and s3:ListBucket is not allowed. */
  | { kind: 'denied' }
  | { kind: 'failed'; reason: string }

export interface S3Object {
  bucket: string
  key: string
}

export interface BucketReader {
  head(object: S3Object, signal: AbortSignal): Promise<BucketAnswer>
  close(): void
}

export interface BucketOptions {
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider
  region?: string
  proxy?: ProxySettings
  run?: string
}

/** A few attempts: a verify has a deadline, and an answer it cannot get only means "judged by Date". */
const MAX_ATTEMPTS = 3

/** HeadObject through one client, made on the first call; honours AWS_ENDPOINT_URL_S3 (the SDK reads it). */
export function bucketReader(options: BucketOptions): BucketReader {
  let client:
    Promise<{ s3: S3Client; head: typeof import('@aws-sdk/client-s3').HeadObjectCommand }> | undefined
  const connect = () =>
    (client ??= import('@aws-sdk/client-s3').then(({ S3Client, HeadObjectCommand }) => ({
      s3: new S3Client({
        ...sharedClientConfig(options.credentials, options.proxy, options.run),
        region: options.region ?? 'us-east-1',
        // A bucket in another region than the job's is followed: the job's is often CloudFront's, us-east-1.
        followRegionRedirects: true,
        maxAttempts: MAX_ATTEMPTS
      }),
      head: HeadObjectCommand
    })))
  return {
    head: async (object, signal) => {
      const { s3, head } = await connect()
      try {
        const answer = await s3.send(new head({ Bucket: object.bucket, Key: object.key }), {
          abortSignal: signal
        })
        return answer.ETag ? { kind: 'present', etag: answer.ETag } : { kind: 'failed', reason: 'no ETag' }
      } catch (error) {
        return bucketError(error)
      }
    },
    close: () => {
      void client
        ?.then(({ s3 }) => {
          s3.destroy()
        })
        .catch(() => undefined)
    }
  }
}

/** HeadObject's failure as an answer: it has no body, so the status says what happened. */
export function bucketError(error: unknown): BucketAnswer {
  const { name = '', $metadata } = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } }
  const status = $metadata?.httpStatusCode
  if (status === 404 || name === 'NotFound' || name === 'NoSuchKey') return { kind: 'absent' }
  if (status === 403 || name === 'Forbidden' || name === 'AccessDenied') return { kind: 'denied' }
  return { kind: 'failed', reason: name || 'no answer' }
}
