/** verify's HeadObject at the AWS edge: what each answer of S3 means for the content check. */
import { describe, expect, it, beforeEach } from '@jest/globals'
import { HeadObjectCommand, NotFound, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { useEnvironmentKeys } from '../../__fixtures__/aws.js'
import { bucketError, bucketReader } from '../../src/verify/bucket.js'

const s3 = mockClient(S3Client)
useEnvironmentKeys()
beforeEach(() => {
  s3.reset()
})
const never = () => new AbortController().signal

describe('bucketReader', () => {
  it("gives the object's ETag, asking for the bucket and key as given", async () => {
    s3.on(HeadObjectCommand).resolves({ ETag: '"5d41402abc4b2a76b9719d911017c592"' })
    const reader = bucketReader({})
    expect(await reader.head({ bucket: 'site', key: 'docs/a b.html' }, never())).toEqual({
      kind: 'present',
      etag: '"5d41402abc4b2a76b9719d911017c592"'
    })
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'site',
      Key: 'docs/a b.html'
    })
    reader.close()
  })

  it('reads 404 as a key the bucket does not hold, 403 as denied, anything else as failed', async () => {
    const reader = bucketReader({})
    s3.on(HeadObjectCommand).rejects(
      new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } })
    )
    expect(await reader.head({ bucket: 'b', key: 'k' }, never())).toEqual({ kind: 'absent' })
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({
        name: 'Forbidden',
        $fault: 'client',
        message: '',
        $metadata: { httpStatusCode: 403 }
      })
    )
    expect(await reader.head({ bucket: 'b', key: 'k2' }, never())).toEqual({ kind: 'denied' })
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        message: '',
        $metadata: { httpStatusCode: 503 }
      })
    )
    expect(await reader.head({ bucket: 'b', key: 'k3' }, never())).toEqual({
      kind: 'failed',
      reason: 'SlowDown'
    })
    reader.close()
  })

  it('asks each object once, and stops asking after three calls that got no answer', async () => {
    const reader = bucketReader({})
    s3.on(HeadObjectCommand).resolves({ ETag: '"e"' })
    await Promise.all([
      reader.head({ bucket: 'b', key: 'a' }, never()),
      reader.head({ bucket: 'b', key: 'a' }, never())
    ])
    expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(1)
    s3.on(HeadObjectCommand).rejects(new Error('socket hang up'))
    for (const key of ['x1', 'x2', 'x3']) await reader.head({ bucket: 'b', key }, never())
    const calls = s3.commandCalls(HeadObjectCommand).length
    expect(await reader.head({ bucket: 'b', key: 'x4' }, never())).toEqual({
      kind: 'failed',
      reason: 'not asked: S3 gave no answer 3 times'
    })
    expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(calls)
    reader.close()
  })
})

describe('bucketError', () => {
  it('needs no body: HEAD answers carry only a status', () => {
    expect(bucketError({ $metadata: { httpStatusCode: 404 } })).toEqual({ kind: 'absent' })
    expect(bucketError({ name: 'AccessDenied' })).toEqual({ kind: 'denied' })
    expect(bucketError(new Error('socket hang up'))).toEqual({ kind: 'failed', reason: 'Error' })
  })
})
