import { describe, expect, it } from '@jest/globals'
import {
  NoSuchDistribution,
  NoSuchInvalidation,
  TooManyInvalidationsInProgress
} from '@aws-sdk/client-cloudfront'
import { accessDenied, cloudFrontError } from '../../__fixtures__/aws.js'
import {
  explainError,
  explainLookupError,
  isNoSuchInvalidation,
  isTooManyInvalidations,
  isTransientAwsError
} from '../../src/cloudfront/errors.js'
import { UserError } from '../../src/common/errors.js'

const DISTRIBUTION = 'E2QWRUHAPOMQZL'

const noSuchDistribution = () =>
  new NoSuchDistribution({
    message: 'The specified distribution does not exist.',
    $metadata: { httpStatusCode: 404 }
  })

describe('explainLookupError', () => {
  it.each(['InvalidClientTokenId', 'InvalidAccessKeyId'])('says %s refused the credentials', name => {
    const error = explainLookupError(cloudFrontError(name, 403), 'tag:GetResources', 'distribution-tag')
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain(`The AWS credentials were refused (${name}`)
  })

  it('keeps an unexpected error as a plain Error naming the call and the input', () => {
    const cause = cloudFrontError('ServiceUnavailable', 503, 'try later')
    const error = explainLookupError(cause, 'cloudfront:ListDistributions', 'distribution-alias')
    expect(error).not.toBeInstanceOf(UserError)
    expect(error.message).toBe(
      'ListDistributions (for distribution-alias) failed: ServiceUnavailable: try later'
    )
    expect(error.cause).toBe(cause)
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
      const expired = cloudFrontError(name, 403, 'The security token included in the request is expired')
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
      const refused = cloudFrontError(name, 403, 'The security token included in the request is invalid.')
      const error = explainError(refused, 'CreateInvalidation', DISTRIBUTION)
      expect(error).toBeInstanceOf(UserError)
      expect(error.message).toContain('credentials were refused')
      expect(error.message).toContain(`${name}: ${refused.message}`)
      expect(error.cause).toBe(refused)
    }
  )

  it('keeps an unexpected error as a plain Error with its cause, for the debug log', () => {
    const unexpected = cloudFrontError('InternalFailure', 500, 'We encountered an internal error.')
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
    ['Throttling', () => cloudFrontError('Throttling', 400, 'Rate exceeded'), true],
    ['ThrottlingException', () => cloudFrontError('ThrottlingException', 400), true],
    ['a 429', () => cloudFrontError('TooManyRequests', 429), true],
    ['a 503 ServiceUnavailable', () => cloudFrontError('ServiceUnavailable', 503), true],
    ['a 500 InternalFailure', () => cloudFrontError('InternalFailure', 500), true],
    ['a connection timeout', timeout, true],
    ['a reset connection (ECONNRESET)', reset, true],
    ['AccessDenied', accessDenied, false],
    ['NoSuchDistribution', noSuchDistribution, false],
    [
      'NoSuchInvalidation',
      () => new NoSuchInvalidation({ message: 'no', $metadata: { httpStatusCode: 404 } }),
      false
    ],
    ['InvalidClientTokenId', () => cloudFrontError('InvalidClientTokenId', 403), false],
    ['a plain Error', () => new Error('boom'), false],
    ['a string', () => 'Throttling', false],
    ['undefined', () => undefined, false]
  ])('is %s transient? %s', (_, make, expected) => {
    expect(isTransientAwsError(make())).toBe(expected)
  })

  it.each<[string, () => unknown, boolean]>([
    ['Throttling', () => cloudFrontError('Throttling', 400), true],
    ['a 503', () => cloudFrontError('ServiceUnavailable', 503), true],
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
    ['Throttling', () => cloudFrontError('Throttling', 400), false],
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

describe('isNoSuchInvalidation', () => {
  const noSuchInvalidation = () =>
    new NoSuchInvalidation({ message: 'no', $metadata: { httpStatusCode: 404 } })

  it.each<[string, () => unknown, boolean]>([
    ['NoSuchInvalidation', noSuchInvalidation, true],
    [
      'NoSuchInvalidation, explained',
      () => explainError(noSuchInvalidation(), 'GetInvalidation', DISTRIBUTION),
      true
    ],
    ['NoSuchDistribution', noSuchDistribution, false],
    ['undefined', () => undefined, false]
  ])('is %s an unknown invalidation? %s', (_, make, expected) => {
    expect(isNoSuchInvalidation(make())).toBe(expected)
  })
})
