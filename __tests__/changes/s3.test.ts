import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  S3Client,
  S3ServiceException
} from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { createS3Client, headObject, listObjects, type RemoteObject } from '../../src/changes/s3.js'
import { UserError } from '../../src/common/errors.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

const s3 = mockClient(S3Client)
beforeEach(() => {
  s3.reset()
})

const client = () => createS3Client({ credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } })

function serviceError(name: string, status: number, message = name): S3ServiceException {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message })
}

describe('listObjects', () => {
  it('follows continuation tokens through every page, handing each page on as it comes', async () => {
    s3.on(ListObjectsV2Command, { Bucket: 'site', Prefix: 'www/' })
      .resolvesOnce({
        IsTruncated: true,
        NextContinuationToken: 't1',
        Contents: [
          {
            Key: 'www/a.html',
            Size: 6,
            ETag: '"aa"',
            ChecksumAlgorithm: ['CRC32'],
            ChecksumType: 'FULL_OBJECT'
          }
        ]
      })
      .resolvesOnce({ IsTruncated: false, Contents: [{ Key: 'www/b.html', Size: 7, ETag: '"bb"' }] })
    const pages: RemoteObject[][] = []
    expect(await listObjects(client(), 'site', 'www/', page => pages.push(page))).toBe(2)
    expect(pages).toEqual([
      [
        {
          key: 'www/a.html',
          size: 6,
          etag: '"aa"',
          checksumAlgorithms: ['CRC32'],
          checksumType: 'FULL_OBJECT'
        }
      ],
      [{ key: 'www/b.html', size: 7, etag: '"bb"', checksumAlgorithms: [], checksumType: undefined }]
    ])
    const calls = s3.commandCalls(ListObjectsV2Command).map(call => call.args[0].input)
    expect(calls).toEqual([
      { Bucket: 'site', Prefix: 'www/' },
      { Bucket: 'site', Prefix: 'www/', ContinuationToken: 't1' }
    ])
  })

  it('with the source keys, lists the rest of the keyspace in ranges from StartAfter, each object once', async () => {
    const keys = ['www/a', 'www/b', 'www/c', 'www/d', 'www/e', 'www/f', 'www/g']
    const item = (key: string) => ({ Key: key, Size: 1, ETag: '"e"' })
    // The first page (2 keys), then what S3 answers from each StartAfter: up to 2 keys.
    s3.on(ListObjectsV2Command, { Bucket: 'site', Prefix: 'www/' }).callsFake(
      (input: { StartAfter?: string; ContinuationToken?: string }) => {
        const after = input.ContinuationToken ?? input.StartAfter
        const rest = after === undefined ? keys : keys.filter(key => key > after)
        const page = rest.slice(0, 2)
        return rest.length > 2
          ? { IsTruncated: true, NextContinuationToken: page.at(-1), Contents: page.map(item) }
          : { IsTruncated: false, Contents: page.map(item) }
      }
    )
    const seen: string[] = []
    await listObjects(
      client(),
      'site',
      'www/',
      page => seen.push(...page.map(object => object.key)),
      Promise.resolve(keys),
      { concurrency: 4, perRange: 2 }
    )
    expect(seen.sort()).toEqual(keys)
    const calls = s3.commandCalls(ListObjectsV2Command).map(call => call.args[0].input)
    expect(calls).toEqual([
      { Bucket: 'site', Prefix: 'www/' },
      { Bucket: 'site', Prefix: 'www/', ContinuationToken: 'www/b' },
      { Bucket: 'site', Prefix: 'www/', StartAfter: 'www/d' },
      { Bucket: 'site', Prefix: 'www/', StartAfter: 'www/f' }
    ])
  })

  it('lists a whole bucket without a Prefix, and an empty one as one empty page', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, KeyCount: 0 })
    const pages: RemoteObject[][] = []
    await listObjects(client(), 'site', '', page => pages.push(page))
    expect(pages).toEqual([[]])
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toEqual({ Bucket: 'site' })
  })

  it('stops on a continuation token seen before instead of paging forever', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: true, NextContinuationToken: 'same', Contents: [] })
    const error = await rejectionOf(listObjects(client(), 'site', '', () => undefined))
    expect(error.message).toBe('S3 answered ListObjectsV2 with the same NextContinuationToken twice')
  })

  it('names the bucket and the fix for NoSuchBucket', async () => {
    s3.on(ListObjectsV2Command).rejects(
      new NoSuchBucket({ $metadata: { httpStatusCode: 404 }, message: 'The specified bucket does not exist' })
    )
    const error = await rejectionOf(
      listObjects(client(), 'site', '', () => undefined),
      UserError
    )
    expect(error.message).toBe(
      'destination: the bucket site does not exist (NoSuchBucket). Check the bucket name in destination, and that the credentials are for the AWS account that owns it.'
    )
  })

  it('names s3:ListBucket, the bucket ARN and the prefix when access is denied', async () => {
    s3.on(ListObjectsV2Command).rejects(serviceError('AccessDenied', 403, 'Access Denied'))
    const error = await rejectionOf(
      listObjects(client(), 'site', 'www/', () => undefined),
      UserError
    )
    expect(error.message).toBe(
      'Access denied to s3:ListBucket on the bucket site, which the changes action needs to list what is already there. Allow s3:ListBucket on arn:aws:s3:::site (with an s3:prefix condition, allow www/*) in the policy of the role these credentials belong to. (Access Denied)'
    )
  })

  it('explains refused credentials as the invalidate action does', async () => {
    s3.on(ListObjectsV2Command).rejects(serviceError('InvalidAccessKeyId', 403, 'The key does not exist'))
    const error = await rejectionOf(
      listObjects(client(), 'site', '', () => undefined),
      UserError
    )
    expect(error.message).toMatch(
      /^The AWS credentials were refused \(InvalidAccessKeyId: The key does not exist\)/
    )
  })
})

describe('headObject', () => {
  it('asks for checksums with ChecksumMode ENABLED and returns the stored ones', async () => {
    s3.on(HeadObjectCommand).resolves({
      ContentLength: 6,
      ChecksumCRC32: 'NjowIA==',
      ChecksumSHA256: 'abc=',
      ChecksumType: 'FULL_OBJECT'
    })
    const facts = await headObject(client(), 'site', 'a.html', { checksums: true })
    expect(facts).toEqual({
      contentLength: 6,
      partsCount: undefined,
      checksums: { CRC32: 'NjowIA==', SHA256: 'abc=' },
      checksumType: 'FULL_OBJECT'
    })
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'site',
      Key: 'a.html',
      ChecksumMode: 'ENABLED'
    })
  })

  it('asks for part 1 to learn the part size', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 7340032, PartsCount: 3 })
    const facts = await headObject(client(), 'site', 'big.bin', { partNumber: 1 })
    expect(facts.contentLength).toBe(7340032)
    expect(facts.partsCount).toBe(3)
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'site',
      Key: 'big.bin',
      PartNumber: 1
    })
  })

  it('names s3:GetObject when HeadObject is denied (S3 answers a HEAD with a bare 403)', async () => {
    s3.on(HeadObjectCommand).rejects(serviceError('Forbidden', 403, 'UnknownError'))
    const error = await rejectionOf(headObject(client(), 'site', 'a.html', { checksums: true }), UserError)
    expect(error.message).toMatch(
      /^Access denied to s3:GetObject on arn:aws:s3:::site\/\*, which the changes action needs/
    )
  })
})
