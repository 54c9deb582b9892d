import { describe, expect, it } from '@jest/globals'
import { endpointsOf, explainWith, noCredentials, sharedClientConfig } from '../../src/aws/aws-config.js'
import { isAccessDenied } from '../../src/aws/denied.js'
import { UserError } from '../../src/common/errors.js'
import { ACTION_NAME, ACTION_VERSION } from '../../src/common/version.js'

const awsError = (name: string, message: string, httpStatusCode?: number) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode } })

describe('sharedClientConfig', () => {
  it('names the action, and the run when given, in the user agent; passes credentials only when given', () => {
    const plain = sharedClientConfig(undefined, {})
    expect(plain.customUserAgent).toBe(`${ACTION_NAME}/${ACTION_VERSION}`)
    expect(plain).not.toHaveProperty('credentials')
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }
    const withRun = sharedClientConfig(credentials, {}, '123/1')
    expect(withRun.customUserAgent).toBe(`${ACTION_NAME}/${ACTION_VERSION} run/123/1`)
    expect(withRun.credentials).toBe(credentials)
  })
})

describe('noCredentials', () => {
  it('gives the first line of the reason and the usual fix, keeping the error as its cause', () => {
    const cause = new Error('Could not load credentials from any providers\nmore detail')
    const error = noCredentials(cause, {})
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      'No AWS credentials found (Could not load credentials from any providers). Add aws-actions/configure-aws-credentials before this step, or set role-to-assume to an IAM role ARN and give the job permissions: id-token: write.'
    )
    expect(error.cause).toBe(cause)
  })
})

describe('explainWith', () => {
  const none = () => undefined

  it('hands on an error already explained', () => {
    const explained = new UserError('role-to-assume: renewing failed')
    expect(explainWith(explained, 'CreateInvalidation', none)).toBe(explained)
  })

  it('explains refused and expired credentials the same way for every call', () => {
    const refused = explainWith(awsError('InvalidClientTokenId', 'bad token'), 'CreateInvalidation', none)
    expect(refused).toBeInstanceOf(UserError)
    expect(refused.message).toBe(
      'The AWS credentials were refused (InvalidClientTokenId: bad token). Check the secrets or role that configure them; a session token must come with its keys.'
    )
    const expired = explainWith(awsError('ExpiredToken', 'expired'), 'GetInvalidation', none)
    expect(expired.message).toMatch(
      /^The AWS session credentials expired during the step \(ExpiredToken: expired\)\. This step does not renew/
    )
    const missing = explainWith(awsError('CredentialsProviderError', 'none found'), 'GetInvalidation', none)
    expect(missing.message).toMatch(/^No AWS credentials found \(none found\)\./)
  })

  it("gives the call's own case its facts, and anything else as failed: name: message", () => {
    const error = awsError('AccessDenied', 'not authorized', 403)
    const specific = explainWith(error, 'CreateInvalidation', facts =>
      isAccessDenied(facts.name) ? facts.explain(`denied (${facts.status}): ${facts.message}`) : undefined
    )
    expect(specific).toBeInstanceOf(UserError)
    expect(specific.message).toBe('denied (403): not authorized')
    expect(specific.cause).toBe(error)
    const other = explainWith(awsError('InternalError', 'oops'), 'CreateInvalidation', none)
    expect(other).not.toBeInstanceOf(UserError)
    expect(other.message).toBe('CreateInvalidation failed: InternalError: oops')
    expect(explainWith('plain text', 'ListDistributions', none).message).toBe(
      'ListDistributions failed: plain text'
    )
  })
})

describe('endpointsOf', () => {
  it("names each service's endpoint for the region, China's too", () => {
    expect(endpointsOf(['CloudFront', 'STS', 'S3'], 'eu-west-1', {})).toEqual([
      { service: 'CloudFront', url: 'https://cloudfront.amazonaws.com' },
      { service: 'STS', url: 'https://sts.eu-west-1.amazonaws.com' },
      { service: 'S3', url: 'https://s3.amazonaws.com' }
    ])
    expect(endpointsOf(['CloudFront', 'STS'], 'cn-north-1', {})).toEqual([
      { service: 'CloudFront', url: 'https://cloudfront.cn-northwest-1.amazonaws.com.cn' },
      { service: 'STS', url: 'https://sts.cn-north-1.amazonaws.com.cn' }
    ])
    expect(endpointsOf(['STS', 'Resource Groups Tagging'], undefined, {})).toEqual([
      { service: 'STS', url: 'https://sts.us-east-1.amazonaws.com' },
      { service: 'Resource Groups Tagging', url: 'https://tagging.us-east-1.amazonaws.com' }
    ])
  })

  it("takes the service's variable first, then AWS_ENDPOINT_URL, and leaves out one that is no URL", () => {
    const env = { AWS_ENDPOINT_URL_CLOUDFRONT: 'http://localhost:5000', AWS_ENDPOINT_URL: 'http://proxy:1' }
    expect(endpointsOf(['CloudFront', 'S3'], 'us-east-1', env)).toEqual([
      { service: 'CloudFront', url: 'http://localhost:5000' },
      { service: 'S3', url: 'http://proxy:1' }
    ])
    expect(endpointsOf(['S3'], 'us-east-1', { AWS_ENDPOINT_URL_S3: 'not a url' })).toEqual([])
  })
})
