/**
 * What the bucket holds behind a changed URL: HeadObject for the object's current ETag, so that verify can
 * judge the edge's copy by its content. The S3 client is loaded on first use: only a verify whose changed
 * files were given as S3 keys needs it, and the step's start-up does not pay for it.
 */
import type { S3Client } from '@aws-sdk/client-s3'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { sharedClientConfig } from '../aws/aws-config.js'
import { errorName, httpStatus } from '../aws/sdk-error.js'
import type { ProxySettings } from '../common/http.js'

/** What HeadObject said of one object. */
export type BucketAnswer =
  | { kind: 'present'; etag: string }
  /** 404: the bucket does not hold the key (an answer S3 gives only to a caller that may list it). */
  | { kind: 'absent' }
  /**
   * 403: s3:GetObject is not allowed, or the key is absent and s3:ListBucket is not allowed (S3 API
   * reference, HeadObject: "If you don't have the s3:ListBucket permission, Amazon S3 returns an HTTP
   * status code 403").
   */
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

/**
 * Two attempts of at most 3 s each: an answer verify cannot get only means "judged without the bucket",
 * and it is asked beside the edge's answer, which it must not hold up for long.
 */
const MAX_ATTEMPTS = 2
const REQUEST_TIMEOUT_MS = 3_000
/** After this many calls that got no answer, S3 is not asked again in this step (it is down or unreachable). */
const FAILURES_BEFORE_GIVING_UP = 3

/**
 * HeadObject through one client, made on the first call; honours AWS_ENDPOINT_URL_S3 (the SDK reads it).
 * Each object is asked once (a directory URL and its index document, or a key's two `+` forms, share it).
 */
export function bucketReader(options: BucketOptions): BucketReader {
  let client:
    Promise<{ s3: S3Client; head: typeof import('@aws-sdk/client-s3').HeadObjectCommand }> | undefined
  const connect = () =>
    (client ??= import('@aws-sdk/client-s3').then(({ S3Client, HeadObjectCommand }) => {
      const shared = sharedClientConfig(options.credentials, options.proxy, options.run)
      return {
        s3: new S3Client({
          ...shared,
          requestHandler: { ...shared.requestHandler, requestTimeout: REQUEST_TIMEOUT_MS },
          region: options.region ?? 'us-east-1',
          // A bucket in another region than the job's is followed: the job's is often CloudFront's, us-east-1.
          followRegionRedirects: true,
          maxAttempts: MAX_ATTEMPTS
        }),
        head: HeadObjectCommand
      }
    }))
  const asked = new Map<string, Promise<BucketAnswer>>()
  let failures = 0
  const head = async (object: S3Object, signal: AbortSignal): Promise<BucketAnswer> => {
    if (failures >= FAILURES_BEFORE_GIVING_UP) {
      return { kind: 'failed', reason: `not asked: S3 gave no answer ${FAILURES_BEFORE_GIVING_UP} times` }
    }
    const { s3, head: command } = await connect()
    try {
      const answer = await s3.send(new command({ Bucket: object.bucket, Key: object.key }), {
        abortSignal: signal
      })
      return answer.ETag ? { kind: 'present', etag: answer.ETag } : { kind: 'failed', reason: 'no ETag' }
    } catch (error) {
      const answer = bucketError(error)
      if (answer.kind === 'failed') failures++
      return answer
    }
  }
  return {
    head: (object, signal) => {
      const key = `${object.bucket}\n${object.key}`
      const known = asked.get(key)
      if (known) return known
      const answer = head(object, signal)
      asked.set(key, answer)
      return answer
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
  const name = errorName(error)
  const status = httpStatus(error)
  if (status === 404 || name === 'NotFound' || name === 'NoSuchKey') return { kind: 'absent' }
  if (status === 403 || name === 'Forbidden' || name === 'AccessDenied') return { kind: 'denied' }
  return { kind: 'failed', reason: name || 'no answer' }
}
