import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  AccessDenied,
  BatchTooLarge,
  CloudFrontClient,
  CloudFrontServiceException,
  CreateInvalidationCommand,
  GetInvalidationCommand,
  ListDistributionsCommand,
  NoSuchDistribution,
  NoSuchInvalidation,
  TooManyInvalidationsInProgress
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import {
  MAX_ATTEMPTS,
  checkCredentials,
  createCloudFrontClient,
  createInvalidationFor,
  explainError,
  explainLookupError,
  listDistributions,
  getInvalidationStatusFor,
  isTooManyInvalidations,
  isTransientAwsError
} from '../../src/cloudfront/cloudfront.js'
import { UserError } from '../../src/common/errors.js'
import { ACTION_NAME, ACTION_VERSION } from '../../src/common/version.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

const DISTRIBUTION = 'E2QWRUHAPOMQZL'
const TARGET = { kind: 'distribution', id: DISTRIBUTION } as const
const INVALIDATION = 'I2J0I21PCUYOIK'
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}

const cloudFront = mockClient(CloudFrontClient)
beforeEach(() => {
  cloudFront.reset()
})

/** An error shaped as the SDK deserialises one CloudFront does not model (name = the error code). */
function serviceError(name: string, httpStatusCode: number, message = `${name} message`) {
  return new CloudFrontServiceException({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
    message
  })
}

const accessDenied = () =>
  new AccessDenied({
    message: 'User: arn:aws:sts::123456789012:assumed-role/deploy is not authorized',
    $metadata: { httpStatusCode: 403 }
  })
const noSuchDistribution = () =>
  new NoSuchDistribution({
    message: 'The specified distribution does not exist.',
    $metadata: { httpStatusCode: 404 }
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
    await createInvalidationFor(createCloudFrontClient({ credentials }), TARGET, paths, 'gha-1-1-abc')
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
      createCloudFrontClient({ credentials }),
      TARGET,
      ['/*'],
      'ref'
    )
    expect(created).toEqual({ id: INVALIDATION, status: expected })
  })

  it('fails clearly when CloudFront answers without an invalidation ID', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves({})
    const error = await rejectionOf(
      createInvalidationFor(createCloudFrontClient({ credentials }), TARGET, ['/*'], 'ref')
    )
    expect(error.message).toContain('without an invalidation ID')
  })

  it('explains AccessDenied: the permission to grant and the distribution', async () => {
    const denied = accessDenied()
    cloudFront.on(CreateInvalidationCommand).rejects(denied)
    const error = await rejectionOf(
      createInvalidationFor(createCloudFrontClient({ credentials }), TARGET, ['/*'], 'ref')
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
        serviceError('InvalidArgument', 400, 'Your request contains one or more invalid invalidation paths.')
    ]
  ])('blames the paths input for %s', async (_, make) => {
    cloudFront.on(CreateInvalidationCommand).rejects(make())
    const error = await rejectionOf(
      createInvalidationFor(createCloudFrontClient({ credentials }), TARGET, ['/*'], 'ref')
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
      createInvalidationFor(createCloudFrontClient({ credentials }), TARGET, ['/*'], 'ref')
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
        serviceError('InvalidationBatchAlreadyExists', 409, 'Invalidation batch specified already exists.')
      )
    const error = await rejectionOf(
      createInvalidationFor(createCloudFrontClient({ credentials }), TARGET, ['/*'], 'my-ref')
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(new RegExp(`^caller-reference: .*${DISTRIBUTION}`))
  })

  it('hands the abort signal to the SDK, so the deadline can stop a call', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(answer('InProgress'))
    const signal = new AbortController().signal
    await createInvalidationFor(createCloudFrontClient({ credentials }), TARGET, ['/*'], 'ref', signal)
    expect(optionsOfFirstSend()).toEqual({ abortSignal: signal })
  })
})

/** One page of ListDistributions, as the SDK deserialises it. */
function page(ids: string[], nextMarker?: string) {
  return {
    DistributionList: {
      Marker: '',
      MaxItems: 100,
      IsTruncated: nextMarker !== undefined,
      Quantity: ids.length,
      ...(nextMarker ? { NextMarker: nextMarker } : {}),
      Items: ids.map(id => ({
        Id: id,
        ...(id.endsWith('0') ? {} : { Aliases: { Quantity: 1, Items: [`${id.toLowerCase()}.example.com`] } })
      }))
    }
  } as never
}

describe('listDistributions', () => {
  it('follows NextMarker through every page, once each, and keeps the aliases', async () => {
    cloudFront
      .on(ListDistributionsCommand)
      .resolvesOnce(page(['EPAGE1A', 'EPAGE1B'], 'marker-2'))
      .resolvesOnce(page(['EPAGE2A'], 'marker-3'))
      .resolvesOnce(page(['EPAGE3A', 'EPAGE3B0']))
    const distributions = await listDistributions(createCloudFrontClient({ credentials }))
    expect(distributions).toEqual([
      { id: 'EPAGE1A', aliases: ['epage1a.example.com'] },
      { id: 'EPAGE1B', aliases: ['epage1b.example.com'] },
      { id: 'EPAGE2A', aliases: ['epage2a.example.com'] },
      { id: 'EPAGE3A', aliases: ['epage3a.example.com'] },
      { id: 'EPAGE3B0', aliases: [] }
    ])
    const markers = cloudFront.commandCalls(ListDistributionsCommand).map(call => call.args[0].input.Marker)
    expect(markers).toEqual([undefined, 'marker-2', 'marker-3'])
  })

  it('makes one call when everything fits on a page, and copes with an empty account', async () => {
    cloudFront.on(ListDistributionsCommand).resolves({ DistributionList: { Quantity: 0 } } as never)
    expect(await listDistributions(createCloudFrontClient({ credentials }))).toEqual([])
    expect(cloudFront.commandCalls(ListDistributionsCommand)).toHaveLength(1)
  })

  it('stops on a NextMarker it was already given, instead of paging forever', async () => {
    cloudFront
      .on(ListDistributionsCommand)
      .resolvesOnce(page(['EPAGE1A'], 'same'))
      .resolves(page(['EPAGE2A'], 'same'))
    const error = await rejectionOf(listDistributions(createCloudFrontClient({ credentials })))
    expect(error.message).toContain('same NextMarker twice')
    expect(cloudFront.commandCalls(ListDistributionsCommand)).toHaveLength(2)
  })

  it('explains AccessDenied: the permission, the input that needs it, and the resource *', async () => {
    cloudFront.on(ListDistributionsCommand).rejects(accessDenied())
    const error = await rejectionOf(listDistributions(createCloudFrontClient({ credentials })))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(
      /^Access denied to cloudfront:ListDistributions, which distribution-alias needs to find distributions\. Allow cloudfront:ListDistributions on the resource "\*"/
    )
  })

  it('hands the abort signal to the SDK on every page', async () => {
    cloudFront
      .on(ListDistributionsCommand)
      .resolvesOnce(page(['EPAGE1A'], 'marker-2'))
      .resolvesOnce(page(['EPAGE2A']))
    const signal = new AbortController().signal
    await listDistributions(createCloudFrontClient({ credentials }), signal)
    for (const call of cloudFront.commandCalls(ListDistributionsCommand)) {
      const args: readonly unknown[] = call.args
      expect(args[1]).toEqual({ abortSignal: signal })
    }
  })
})

describe('explainLookupError', () => {
  it.each(['InvalidClientTokenId', 'InvalidAccessKeyId'])('says %s refused the credentials', name => {
    const error = explainLookupError(serviceError(name, 403), 'tag:GetResources', 'distribution-tag')
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain(`The AWS credentials were refused (${name}`)
  })

  it('keeps an unexpected error as a plain Error naming the call and the input', () => {
    const cause = serviceError('ServiceUnavailable', 503, 'try later')
    const error = explainLookupError(cause, 'cloudfront:ListDistributions', 'distribution-alias')
    expect(error).not.toBeInstanceOf(UserError)
    expect(error.message).toBe(
      'ListDistributions (for distribution-alias) failed: ServiceUnavailable: try later'
    )
    expect(error.cause).toBe(cause)
  })
})

describe('getInvalidationStatus', () => {
  it('asks for the invalidation of the distribution', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(answer('InProgress'))
    await getInvalidationStatusFor(createCloudFrontClient({ credentials }), TARGET, INVALIDATION)
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
    const client = createCloudFrontClient({ credentials })
    expect(await getInvalidationStatusFor(client, TARGET, INVALIDATION)).toBe(expected)
  })

  it('hands the abort signal to the SDK', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(answer('InProgress'))
    const signal = new AbortController().signal
    await getInvalidationStatusFor(createCloudFrontClient({ credentials }), TARGET, INVALIDATION, signal)
    expect(optionsOfFirstSend()).toEqual({ abortSignal: signal })
  })

  it('explains AccessDenied with the GetInvalidation permission', async () => {
    cloudFront.on(GetInvalidationCommand).rejects(accessDenied())
    const error = await rejectionOf(
      getInvalidationStatusFor(createCloudFrontClient({ credentials }), TARGET, INVALIDATION)
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('cloudfront:GetInvalidation')
    expect(error.message).not.toContain('cloudfront:CreateInvalidation')
    expect(error.message).toContain(DISTRIBUTION)
    expect(isTransientAwsError(error)).toBe(false)
  })

  it('leaves a throttling error the SDK gave up on recognisable as transient', async () => {
    cloudFront.on(GetInvalidationCommand).rejects(serviceError('Throttling', 400, 'Rate exceeded'))
    const error = await rejectionOf(
      getInvalidationStatusFor(createCloudFrontClient({ credentials }), TARGET, INVALIDATION)
    )
    expect(error.message).toContain('Rate exceeded')
    expect(isTransientAwsError(error)).toBe(true)
  })
})

describe('explainError', () => {
  it.each(['CreateInvalidation', 'GetInvalidation'] as const)(
    'names the distribution and the inputs that find one, for NoSuchDistribution on %s',
    operation => {
      const error = explainError(noSuchDistribution(), operation, DISTRIBUTION)
      expect(error).toBeInstanceOf(UserError)
      expect(error.message).toMatch(new RegExp(`^No distribution ${DISTRIBUTION} exists`))
      expect(error.message).toContain('Check distribution-id (or the alias or tag that found it)')
    }
  )

  it('tells how to provide credentials when the SDK found none', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError'
    })
    const error = explainError(missing, 'CreateInvalidation', DISTRIBUTION)
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('configure-aws-credentials')
    expect(error.message).toContain('id-token: write')
    expect(error.cause).toBe(missing)
  })

  it.each(['ExpiredToken', 'ExpiredTokenException'])(
    'says credentials that ran out mid-step expired, and how to make them last: %s',
    name => {
      const expired = serviceError(name, 403, 'The security token included in the request is expired')
      const error = explainError(expired, 'GetInvalidation', DISTRIBUTION)
      expect(error).toBeInstanceOf(UserError)
      expect(error.message).toMatch(/^The AWS session credentials expired during the step /)
      expect(error.message).toContain(`${name}: ${expired.message}`)
      expect(error.message).toContain('raise role-duration-seconds in the step that made them')
      expect(error.message).toContain('set role-to-assume on this step')
      // Not the diagnosis of keys that do not match.
      expect(error.message).not.toContain('must come with its keys')
      expect(error.cause).toBe(expired)
    }
  )

  it.each(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'InvalidAccessKeyId'])(
    'says the credentials were refused for %s',
    name => {
      const refused = serviceError(name, 403, 'The security token included in the request is invalid.')
      const error = explainError(refused, 'CreateInvalidation', DISTRIBUTION)
      expect(error).toBeInstanceOf(UserError)
      expect(error.message).toContain('credentials were refused')
      expect(error.message).toContain(`${name}: ${refused.message}`)
      expect(error.cause).toBe(refused)
    }
  )

  it('keeps an unexpected error as a plain Error with its cause, for the debug log', () => {
    const unexpected = serviceError('InternalFailure', 500, 'We encountered an internal error.')
    const error = explainError(unexpected, 'GetInvalidation', DISTRIBUTION)
    expect(error).not.toBeInstanceOf(UserError)
    expect(error.message).toBe(
      `GetInvalidation on ${DISTRIBUTION} failed: InternalFailure: ${unexpected.message}`
    )
    expect(error.cause).toBe(unexpected)
  })

  it.each([
    ['a string', 'boom', 'boom'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null']
  ])('copes with %s thrown', (_, thrown, text) => {
    expect(explainError(thrown, 'GetInvalidation', DISTRIBUTION).message).toBe(
      `GetInvalidation on ${DISTRIBUTION} failed: ${text}`
    )
  })
})

describe('isTransientAwsError', () => {
  const timeout = () =>
    Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' })
  const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })

  it.each<[string, () => unknown, boolean]>([
    ['Throttling', () => serviceError('Throttling', 400, 'Rate exceeded'), true],
    ['ThrottlingException', () => serviceError('ThrottlingException', 400), true],
    ['a 429', () => serviceError('TooManyRequests', 429), true],
    ['a 503 ServiceUnavailable', () => serviceError('ServiceUnavailable', 503), true],
    ['a 500 InternalFailure', () => serviceError('InternalFailure', 500), true],
    ['a connection timeout', timeout, true],
    ['a reset connection (ECONNRESET)', reset, true],
    ['AccessDenied', accessDenied, false],
    ['NoSuchDistribution', noSuchDistribution, false],
    [
      'NoSuchInvalidation',
      () => new NoSuchInvalidation({ message: 'no', $metadata: { httpStatusCode: 404 } }),
      false
    ],
    ['InvalidClientTokenId', () => serviceError('InvalidClientTokenId', 403), false],
    ['a plain Error', () => new Error('boom'), false],
    ['a string', () => 'Throttling', false],
    ['undefined', () => undefined, false]
  ])('is %s transient? %s', (_, make, expected) => {
    expect(isTransientAwsError(make())).toBe(expected)
  })

  it.each<[string, () => unknown, boolean]>([
    ['Throttling', () => serviceError('Throttling', 400), true],
    ['a 503', () => serviceError('ServiceUnavailable', 503), true],
    ['a connection timeout', timeout, true],
    ['ECONNRESET', reset, true],
    ['AccessDenied', accessDenied, false],
    ['NoSuchDistribution', noSuchDistribution, false]
  ])('sees through explainError: %s wrapped is transient? %s', (_, make, expected) => {
    expect(isTransientAwsError(explainError(make(), 'GetInvalidation', DISTRIBUTION))).toBe(expected)
  })
})

describe('isTooManyInvalidations', () => {
  const tooMany = () =>
    new TooManyInvalidationsInProgress({ message: 'too many', $metadata: { httpStatusCode: 400 } })

  it.each<[string, () => unknown, boolean]>([
    ['TooManyInvalidationsInProgress', tooMany, true],
    [
      'TooManyInvalidationsInProgress, explained',
      () => explainError(tooMany(), 'CreateInvalidation', DISTRIBUTION),
      true
    ],
    ['Throttling', () => serviceError('Throttling', 400), false],
    [
      'AccessDenied, explained',
      () => explainError(accessDenied(), 'CreateInvalidation', DISTRIBUTION),
      false
    ],
    ['undefined', () => undefined, false]
  ])('is %s a full distribution? %s', (_, make, expected) => {
    expect(isTooManyInvalidations(make())).toBe(expected)
  })
})

describe('createCloudFrontClient', () => {
  it.each<[string, string | undefined, string]>([
    ['no region', undefined, 'us-east-1'],
    ['us-east-1', 'us-east-1', 'us-east-1'],
    ['another region', 'eu-west-1', 'us-east-1'],
    ['a China region', 'cn-north-1', 'cn-north-1'],
    ['the other China region', 'cn-northwest-1', 'cn-northwest-1']
  ])('signs in the right region with %s configured', async (_, region, expected) => {
    const client = createCloudFrontClient({ credentials, ...(region ? { region } : {}) })
    expect(await client.config.region()).toBe(expected)
  })

  it('retries more than the SDK default, and names the action in the user agent', async () => {
    const client = createCloudFrontClient({ credentials })
    expect(MAX_ATTEMPTS).toBeGreaterThan(3)
    expect(await client.config.maxAttempts()).toBe(MAX_ATTEMPTS)
    expect(client.config.customUserAgent).toEqual([[`${ACTION_NAME}/${ACTION_VERSION}`]])
  })

  it('signs with the credentials it is given', async () => {
    const client = createCloudFrontClient({ credentials })
    expect(await client.config.credentials()).toMatchObject(credentials)
  })
})

describe('checkCredentials', () => {
  it('resolves when there are credentials', async () => {
    await expect(checkCredentials(createCloudFrontClient({ credentials }))).resolves.toBeUndefined()
  })

  it('turns a provider failure into a UserError that says how to get credentials', async () => {
    const cause = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError'
    })
    const client = new CloudFrontClient({ region: 'us-east-1', credentials: () => Promise.reject(cause) })
    const error = await rejectionOf(checkCredentials(client))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('aws-actions/configure-aws-credentials')
    expect(error.message).toContain('permissions: id-token: write')
    expect(error.cause).toBe(cause)
  })

  describe("with the SDK's default chain", () => {
    const saved = { ...process.env }
    beforeEach(() => {
      for (const name of Object.keys(process.env))
        if (name.startsWith('AWS_')) Reflect.deleteProperty(process.env, name)
      // Nothing on disk, no instance metadata: the chain must fail fast and offline.
      process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'
      process.env.AWS_CONFIG_FILE = '/nonexistent/config'
      process.env.AWS_EC2_METADATA_DISABLED = 'true'
    })
    afterEach(() => {
      for (const name of Object.keys(process.env))
        if (!(name in saved)) Reflect.deleteProperty(process.env, name)
      Object.assign(process.env, saved)
    })

    it('uses the keys configure-aws-credentials exported to the environment', async () => {
      process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
      process.env.AWS_SECRET_ACCESS_KEY = 'secret'
      process.env.AWS_SESSION_TOKEN = 'session'
      const client = createCloudFrontClient()
      await checkCredentials(client)
      expect(await client.config.credentials()).toMatchObject({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret',
        sessionToken: 'session'
      })
    })

    it('fails with the UserError when there are none', async () => {
      const error = await rejectionOf(checkCredentials(createCloudFrontClient()))
      expect(error).toBeInstanceOf(UserError)
      expect(error.message).toContain('configure-aws-credentials')
    })
  })
})
