import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  BatchTooLarge,
  CloudFrontClient,
  CreateInvalidationCommand,
  GetInvalidationCommand,
  TooManyInvalidationsInProgress
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { TEST_KEYS, accessDenied, cloudFrontError } from '../../__fixtures__/aws.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'
import { createInvalidationFor, getInvalidationStatusFor } from '../../src/cloudfront/calls.js'
import { createCloudFrontClient } from '../../src/cloudfront/client.js'
import { isTooManyInvalidations, isTransientAwsError } from '../../src/cloudfront/errors.js'
import { UserError } from '../../src/common/errors.js'

const DISTRIBUTION = 'E2QWRUHAPOMQZL'
const TARGET = { kind: 'distribution', id: DISTRIBUTION } as const
const INVALIDATION = 'I2J0I21PCUYOIK'

const cloudFront = mockClient(CloudFrontClient)
beforeEach(() => {
  cloudFront.reset()
})

/** CloudFront's answer to CreateInvalidation and GetInvalidation. */
function answer(status: string | undefined) {
  return {
    Invalidation: {
      Id: INVALIDATION,
      Status: status,
      CreateTime: new Date(),
      InvalidationBatch: { CallerReference: 'ref', Paths: { Quantity: 1, Items: ['/*'] } }
    }
  }
}

/** The options (second argument of client.send) of the first call. */
function optionsOfFirstSend(): unknown {
  const args: readonly unknown[] = cloudFront.call(0).args
  return args[1]
}

describe('createInvalidation', () => {
  it('sends the distribution, the CallerReference and the paths, exactly', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(answer('InProgress'))
    const paths = ['/index.html', '/my%20file.html', '/images/*']
    await createInvalidationFor(
      createCloudFrontClient({ credentials: TEST_KEYS }),
      TARGET,
      paths,
      'gha-1-1-abc'
    )
    const calls = cloudFront.commandCalls(CreateInvalidationCommand)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.args[0].input).toEqual({
      DistributionId: DISTRIBUTION,
      InvalidationBatch: {
        CallerReference: 'gha-1-1-abc',
        Paths: { Quantity: 3, Items: paths }
      }
    })
  })

  it.each([
    ['InProgress', 'InProgress'],
    ['Completed', 'Completed'],
    ['COMPLETED', 'Completed'],
    [undefined, 'InProgress']
  ])('reports CloudFront status %s as %s', async (status, expected) => {
    cloudFront.on(CreateInvalidationCommand).resolves(answer(status))
    const created = await createInvalidationFor(
      createCloudFrontClient({ credentials: TEST_KEYS }),
      TARGET,
      ['/*'],
      'ref'
    )
    expect(created).toEqual({ id: INVALIDATION, status: expected })
  })

  it('fails clearly when CloudFront answers without an invalidation ID', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves({})
    const error = await rejectionOf(
      createInvalidationFor(createCloudFrontClient({ credentials: TEST_KEYS }), TARGET, ['/*'], 'ref')
    )
    expect(error.message).toContain('without an invalidation ID')
  })

  it('explains AccessDenied: the permission to grant and the distribution', async () => {
    const denied = accessDenied()
    cloudFront.on(CreateInvalidationCommand).rejects(denied)
    const error = await rejectionOf(
      createInvalidationFor(createCloudFrontClient({ credentials: TEST_KEYS }), TARGET, ['/*'], 'ref')
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('cloudfront:CreateInvalidation')
    expect(error.message).toContain(`distribution/${DISTRIBUTION}`)
    expect(error.message).toContain(denied.message)
    expect(error.cause).toBe(denied)
  })

  it.each([
    [
      'BatchTooLarge',
      () => new BatchTooLarge({ message: 'Batch too large', $metadata: { httpStatusCode: 413 } })
    ],
    [
      'InvalidArgument',
      () =>
        cloudFrontError(
          'InvalidArgument',
          400,
          'Your request contains one or more invalid invalidation paths.'
        )
    ]
  ])('blames the paths input for %s', async (_, make) => {
    cloudFront.on(CreateInvalidationCommand).rejects(make())
    const error = await rejectionOf(
      createInvalidationFor(createCloudFrontClient({ credentials: TEST_KEYS }), TARGET, ['/*'], 'ref')
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(new RegExp(`^paths: .*${DISTRIBUTION}`))
  })

  it('explains TooManyInvalidationsInProgress: the limit, and what to change', async () => {
    const tooMany = new TooManyInvalidationsInProgress({
      message:
        'Processing your request will cause you to exceed the maximum number of in-progress invalidations.',
      $metadata: { httpStatusCode: 400 }
    })
    cloudFront.on(CreateInvalidationCommand).rejects(tooMany)
    const error = await rejectionOf(
      createInvalidationFor(createCloudFrontClient({ credentials: TEST_KEYS }), TARGET, ['/*'], 'ref')
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain(DISTRIBUTION)
    expect(error.message).toContain('wait-timeout')
    expect(error.cause).toBe(tooMany)
    expect(isTooManyInvalidations(error)).toBe(true)
  })

  it('blames caller-reference when it was already used for another batch', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .rejects(
        cloudFrontError('InvalidationBatchAlreadyExists', 409, 'Invalidation batch specified already exists.')
      )
    const error = await rejectionOf(
      createInvalidationFor(createCloudFrontClient({ credentials: TEST_KEYS }), TARGET, ['/*'], 'my-ref')
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(new RegExp(`^caller-reference: .*${DISTRIBUTION}`))
  })

  it('hands the abort signal to the SDK, so the deadline can stop a call', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(answer('InProgress'))
    const signal = new AbortController().signal
    await createInvalidationFor(
      createCloudFrontClient({ credentials: TEST_KEYS }),
      TARGET,
      ['/*'],
      'ref',
      signal
    )
    expect(optionsOfFirstSend()).toEqual({ abortSignal: signal })
  })
})

describe('getInvalidationStatus', () => {
  it('asks for the invalidation of the distribution', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(answer('InProgress'))
    await getInvalidationStatusFor(createCloudFrontClient({ credentials: TEST_KEYS }), TARGET, INVALIDATION)
    expect(cloudFront.commandCalls(GetInvalidationCommand)[0]?.args[0].input).toEqual({
      DistributionId: DISTRIBUTION,
      Id: INVALIDATION
    })
  })

  it.each([
    ['InProgress', 'InProgress'],
    ['Completed', 'Completed'],
    ['COMPLETED', 'Completed']
  ])('reports CloudFront status %s as %s', async (status, expected) => {
    cloudFront.on(GetInvalidationCommand).resolves(answer(status))
    const client = createCloudFrontClient({ credentials: TEST_KEYS })
    expect(await getInvalidationStatusFor(client, TARGET, INVALIDATION)).toBe(expected)
  })

  it('hands the abort signal to the SDK', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(answer('InProgress'))
    const signal = new AbortController().signal
    await getInvalidationStatusFor(
      createCloudFrontClient({ credentials: TEST_KEYS }),
      TARGET,
      INVALIDATION,
      signal
    )
    expect(optionsOfFirstSend()).toEqual({ abortSignal: signal })
  })

  it('explains AccessDenied with the GetInvalidation permission', async () => {
    cloudFront.on(GetInvalidationCommand).rejects(accessDenied())
    const error = await rejectionOf(
      getInvalidationStatusFor(createCloudFrontClient({ credentials: TEST_KEYS }), TARGET, INVALIDATION)
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('cloudfront:GetInvalidation')
    expect(error.message).not.toContain('cloudfront:CreateInvalidation')
    expect(error.message).toContain(DISTRIBUTION)
    expect(isTransientAwsError(error)).toBe(false)
  })

  it('leaves a throttling error the SDK gave up on recognisable as transient', async () => {
    cloudFront.on(GetInvalidationCommand).rejects(cloudFrontError('Throttling', 400, 'Rate exceeded'))
    const error = await rejectionOf(
      getInvalidationStatusFor(createCloudFrontClient({ credentials: TEST_KEYS }), TARGET, INVALIDATION)
    )
    expect(error.message).toContain('Rate exceeded')
    expect(isTransientAwsError(error)).toBe(true)
  })
})
