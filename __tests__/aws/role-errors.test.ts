import { describe, expect, it } from '@jest/globals'
import {
  ExpiredTokenException,
  IDPCommunicationErrorException,
  InvalidIdentityTokenException,
  STSServiceException
} from '@aws-sdk/client-sts'
import {
  explainAssumeRoleError,
  explainTokenError,
  isIdentityProviderHiccup,
  isTokenServiceHiccup,
  tokenFailure
} from '../../src/aws/role-errors.js'
import { roleSettings } from '../../__fixtures__/aws.js'

/** A session longer than role chaining allows. */
const settings = (overrides: Parameters<typeof roleSettings>[0] = {}) =>
  roleSettings({ roleDurationSeconds: 7200, ...overrides })

/** What @actions/core's getIDToken throws when the token service fails (status undefined: no answer). */
const tokenError = (status: number | undefined, detail = 'token service fault') =>
  new Error(
    `Error message: Failed to get ID Token. \n \n        Error Code : ${status}\n \n        Error Message: ${detail}`
  )

const stsError = (name: string, message: string) =>
  new STSServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } })

describe('isTokenServiceHiccup', () => {
  it.each([
    [500, true],
    [503, true],
    [429, true],
    [undefined, true],
    [401, false],
    [403, false],
    [404, false]
  ])('asks the token service again after HTTP %s: %s', (status, again) => {
    expect(isTokenServiceHiccup(tokenError(status))).toBe(again)
  })

  it('does not ask again for an answer without a token', () => {
    expect(isTokenServiceHiccup(new Error('Response json body do not have ID Token field'))).toBe(false)
  })
})

describe('tokenFailure', () => {
  it("is the service's words on one line, after the status when one came", () => {
    expect(tokenFailure(tokenError(500, 'busy\n  try later'))).toBe('HTTP 500: busy try later')
    expect(tokenFailure(tokenError(undefined, 'connect ECONNREFUSED'))).toBe('connect ECONNREFUSED')
    expect(tokenFailure(new Error('plain'))).toBe('plain')
  })
})

describe('explainTokenError', () => {
  const env = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/x' }

  it('says a request that timed out did, naming the proxy', () => {
    const message = explainTokenError(tokenError(undefined, 'connect ETIMEDOUT 1.2.3.4:443'), 'aud', {
      env,
      proxy: { https: { variable: 'HTTPS_PROXY', url: 'http://proxy:3128' } }
    })
    expect(message).toBe(
      "Could not get the job's GitHub OIDC token (audience aud): the request to pipelines.actions.githubusercontent.com timed out (connect ETIMEDOUT 1.2.3.4:443). Check the runner's network and the proxy (HTTPS_PROXY), then re-run the job."
    )
  })

  it('calls a token URL it cannot read the token service', () => {
    expect(explainTokenError(tokenError(502), 'aud', { env: {} })).toMatch(
      /^Could not get the job's GitHub OIDC token \(audience aud\): the token service answered HTTP 502/
    )
  })
})

describe('isIdentityProviderHiccup', () => {
  it.each<[string, unknown, boolean]>([
    ['IDPCommunicationError', new IDPCommunicationErrorException({ message: 'x', $metadata: {} }), true],
    [
      "InvalidIdentityToken: couldn't retrieve the verification key",
      new InvalidIdentityTokenException({
        message: "Couldn't retrieve verification key from your identity provider",
        $metadata: {}
      }),
      true
    ],
    [
      'InvalidIdentityToken, another reason',
      new InvalidIdentityTokenException({ message: 'No OpenIDConnect provider found', $metadata: {} }),
      false
    ],
    ['ExpiredToken', new ExpiredTokenException({ message: 'x', $metadata: {} }), false],
    ['undefined', undefined, false]
  ])('%s: %s', (_, error, expected) => {
    expect(isIdentityProviderHiccup(error)).toBe(expected)
  })
})

describe('explainAssumeRoleError', () => {
  it.each<[string, unknown, RegExp]>([
    [
      'AccessDenied',
      stsError('AccessDenied', 'Not authorized'),
      /^role-to-assume: not allowed to assume .* trust policy must allow sts:AssumeRoleWithWebIdentity/
    ],
    [
      'a missing identity provider',
      new InvalidIdentityTokenException({
        message: 'No OpenIDConnect provider found in your account',
        $metadata: {}
      }),
      /^role-to-assume: AWS rejected the job's OIDC token .* Add the identity provider token\.actions\.githubusercontent\.com \(audience sts\.amazonaws\.com\)/
    ],
    [
      'an audience IAM does not list',
      new InvalidIdentityTokenException({ message: 'Incorrect token audience', $metadata: {} }),
      /^audience: AWS rejected the job's OIDC token .* must list sts\.amazonaws\.com as an audience/
    ],
    [
      'a session longer than the role allows',
      stsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration'),
      /^role-duration-seconds: 7200 is longer than the role .* allows/
    ],
    ['anything else', stsError('Oops', 'broken'), /^role-to-assume: could not assume .* \(Oops: broken\)\.$/]
  ])('names the fix for %s', (_, error, expected) => {
    expect(explainAssumeRoleError(error, settings())).toMatch(expected)
  })

  it.each<[string, unknown, RegExp]>([
    [
      'no credentials in the job',
      Object.assign(new Error('Could not load credentials from any providers\nmore'), {
        name: 'CredentialsProviderError'
      }),
      /^role-chaining: there are no credentials in the job to assume .* \(Could not load credentials from any providers\)\. Add aws-actions\/configure-aws-credentials/
    ],
    [
      'expired credentials',
      new ExpiredTokenException({ message: 'expired', $metadata: {} }),
      /^role-chaining: the job's credentials that assume .* have expired \(ExpiredTokenException: expired\)/
    ],
    [
      'AccessDenied',
      stsError('AccessDenied', 'Not authorized'),
      /trust policy must allow sts:AssumeRole .*, and with sts:ExternalId when it requires one \(role-external-id\)/
    ],
    [
      'a session longer than an hour',
      stsError(
        'ValidationError',
        'DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining'
      ),
      /^role-duration-seconds: 7200 is longer than .* use 3600 or less\.$/
    ]
  ])("names the fix for %s, with role-chaining's words", (_, error, expected) => {
    expect(explainAssumeRoleError(error, settings({ roleChaining: true }))).toMatch(expected)
  })
})
