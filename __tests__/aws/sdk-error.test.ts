import { describe, expect, it } from '@jest/globals'
import { CloudFrontServiceException, NoSuchInvalidation } from '@aws-sdk/client-cloudfront'
import { errorName, httpStatus, mayHaveActed, sdkError } from '../../src/aws/sdk-error.js'
import { accessDenied, cloudFrontError } from '../../__fixtures__/aws.js'
import { explainError } from '../../src/cloudfront/errors.js'

const DISTRIBUTION = 'E2QWRUHAPOMQZL'
import { UserError } from '../../src/common/errors.js'

const noSuchInvalidation = () => new NoSuchInvalidation({ message: 'no', $metadata: { httpStatusCode: 404 } })

describe('errorName', () => {
  it("is the service's error code, modelled or not", () => {
    expect(errorName(noSuchInvalidation())).toBe('NoSuchInvalidation')
    const unmodelled = new CloudFrontServiceException({
      name: 'Throttling',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 }
    })
    expect(errorName(unmodelled)).toBe('Throttling')
  })

  it("is a Node error's kind", () => {
    expect(errorName(Object.assign(new Error('late'), { name: 'TimeoutError' }))).toBe('TimeoutError')
  })

  it.each([
    ['a string', 'AccessDenied'],
    ['undefined', undefined],
    ['null', null],
    ['a name that is no string', { name: 403 }]
  ])('is empty for %s', (_, thrown) => {
    expect(errorName(thrown)).toBe('')
  })
})

describe('httpStatus', () => {
  it('is the status of the answer, and undefined when none came', () => {
    expect(httpStatus(noSuchInvalidation())).toBe(404)
    expect(httpStatus(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBeUndefined()
    expect(httpStatus(undefined)).toBeUndefined()
    expect(httpStatus(null)).toBeUndefined()
  })
})

describe('sdkError', () => {
  it('sees through an explained error to the SDK error it keeps as its cause', () => {
    const cause = noSuchInvalidation()
    expect(sdkError(Object.assign(new UserError('explained'), { cause }))).toBe(cause)
  })

  it('is the error itself when it was not explained', () => {
    const error = noSuchInvalidation()
    expect(sdkError(error)).toBe(error)
    expect(sdkError('boom')).toBe('boom')
  })
})

describe('mayHaveActed', () => {
  const aborted = () => Object.assign(new Error('Request aborted'), { name: 'AbortError' })
  it.each<[string, () => unknown, boolean]>([
    ['no answer (cut off by the step)', aborted, true],
    ['no answer, explained', () => explainError(aborted(), 'CreateInvalidation', DISTRIBUTION), true],
    ['a dropped connection', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    [
      'a connection refused (never reached)',
      () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      false
    ],
    ['a 503', () => cloudFrontError('ServiceUnavailable', 503), true],
    ['Throttling (400)', () => cloudFrontError('Throttling', 400), false],
    [
      'Throttling without a status',
      () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }),
      false
    ],
    ['AccessDenied (403)', () => explainError(accessDenied(), 'CreateInvalidation', DISTRIBUTION), false]
  ])('after %s, may the create have made the invalidation? %s', (_, make, expected) => {
    expect(mayHaveActed(make())).toBe(expected)
  })
})
