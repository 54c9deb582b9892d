/**
 * The troubleshooting table (docs/troubleshooting.md) quotes errors as the action prints them. Each quote is checked
 * against the message the real code makes for that case (`…` standing for the part that varies, such as
 * an ID), so a reworded error fails here until the table follows.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  AssumeRoleWithWebIdentityCommand,
  InvalidIdentityTokenException,
  STSClient,
  STSServiceException
} from '@aws-sdk/client-sts'
import {
  CloudFrontClient,
  CloudFrontServiceException,
  GetDistributionTenantByDomainCommand,
  ListDistributionTenantsCommand
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import {
  explainError,
  getDistributionTenantByDomain,
  listDistributionTenants
} from '../src/cloudfront/cloudfront.js'
import { noCredentials } from '../src/aws/aws-config.js'
import { resolveCredentials } from '../src/aws/credentials.js'
import { errorMessage } from '../src/common/errors.js'
import { fakeTime } from '../__fixtures__/clock.js'
import { rejectionOf } from '../__fixtures__/rejection.js'
import {
  WAIT_TIMEOUT_QUOTE,
  quotePattern,
  troubleshooting,
  troubleshootingQuotes
} from '../__fixtures__/troubleshooting.js'

function cloudFrontError(name: string, message = `${name} (from CloudFront)`): CloudFrontServiceException {
  return new CloudFrontServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 }
  })
}

const ID = 'E2QWRUHAPOMQZL'
const ROLE = 'arn:aws:iam::123456789012:role/deploy'
const CREDENTIAL_SETTINGS = {
  roleToAssume: ROLE,
  roleSessionName: 'GitHubActions',
  roleDurationSeconds: 3600,
  roleChaining: false,
  roleExternalId: undefined,
  audience: 'sts.amazonaws.com',
  region: undefined
}
const chainError = Object.assign(new Error('Could not load credentials from any providers'), {
  name: 'CredentialsProviderError'
})

const TENANT = 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB'
const sts = mockClient(STSClient)
const cloudFront = mockClient(CloudFrontClient)
beforeEach(() => {
  sts.reset()
  cloudFront.reset()
})

/** Every error the table covers, as the code makes it. */
async function realMessages(): Promise<Record<string, string>> {
  const noToken = await rejectionOf(
    resolveCredentials(CREDENTIAL_SETTINGS, {
      getIDToken: async () => 'unused',
      setSecret: () => undefined,
      info: () => undefined,
      env: {}
    })
  )
  sts.on(AssumeRoleWithWebIdentityCommand).rejects(
    new STSServiceException({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      $fault: 'client',
      $metadata: {}
    })
  )
  const notAllowed = await rejectionOf(
    resolveCredentials(CREDENTIAL_SETTINGS, {
      getIDToken: async () => 'oidc-jwt',
      setSecret: () => undefined,
      info: () => undefined,
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }
    })
  )
  sts.reset()
  sts.on(AssumeRoleWithWebIdentityCommand).rejects(
    new InvalidIdentityTokenException({
      message: "Couldn't retrieve verification key from your identity provider",
      $metadata: { httpStatusCode: 400 }
    })
  )
  const hiccup = await rejectionOf(
    resolveCredentials(CREDENTIAL_SETTINGS, {
      getIDToken: async () => 'oidc-jwt',
      setSecret: () => undefined,
      info: () => undefined,
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
      clock: fakeTime().clock
    })
  )
  cloudFront
    .on(ListDistributionTenantsCommand)
    .rejects(cloudFrontError('AccessDenied'))
    .on(GetDistributionTenantByDomainCommand)
    .rejects(cloudFrontError('AccessDenied'))
  const client = new CloudFrontClient({ region: 'us-east-1' })
  const tenantsDenied = await rejectionOf(listDistributionTenants(client, ID))
  const byDomainDenied = await rejectionOf(getDistributionTenantByDomain(client, 'a.example.net'))
  return {
    'tenant access denied': explainError(
      cloudFrontError('AccessDenied'),
      'CreateInvalidationForDistributionTenant',
      TENANT
    ).message,
    'tenant poll denied': explainError(
      cloudFrontError('AccessDenied'),
      'GetInvalidationForDistributionTenant',
      TENANT
    ).message,
    'no such tenant': explainError(
      cloudFrontError('EntityNotFound'),
      'CreateInvalidationForDistributionTenant',
      TENANT
    ).message,
    'tenants not listed': errorMessage(tenantsDenied),
    'tenant by domain denied': errorMessage(byDomainDenied),
    'no OIDC token': errorMessage(noToken),
    'no credentials': noCredentials(chainError, { HOME: '/nonexistent' }).message,
    'no credentials for AWS_PROFILE': noCredentials(chainError, { HOME: '/nonexistent', AWS_PROFILE: 'prod' })
      .message,
    'role not assumable': errorMessage(notAllowed),
    'access denied': explainError(cloudFrontError('AccessDenied'), 'CreateInvalidation', ID).message,
    'no such distribution': explainError(cloudFrontError('NoSuchDistribution'), 'CreateInvalidation', ID)
      .message,
    'too many invalidations': explainError(
      cloudFrontError('TooManyInvalidationsInProgress'),
      'CreateInvalidation',
      ID
    ).message,
    'caller-reference reused': explainError(
      cloudFrontError('InvalidationBatchAlreadyExists'),
      'CreateInvalidation',
      ID
    ).message,
    'expired session': explainError(cloudFrontError('ExpiredToken'), 'GetInvalidation', ID).message,
    'identity provider hiccup': errorMessage(hiccup)
  }
}

describe('the troubleshooting table', () => {
  it('finds the quoted errors in the table', () => {
    expect(troubleshootingQuotes(troubleshooting).length).toBeGreaterThanOrEqual(9)
  })

  it('quotes each error as it is printed, and has a row for each', async () => {
    const messages = await realMessages()
    const quotes = troubleshootingQuotes(troubleshooting)
    // Every quote starts a real message (the wait-timeout one is made in the step's flow: the end-to-end
    // e2e/troubleshooting.test.ts runs dist/ for it)...
    expect(quotes).toContain(WAIT_TIMEOUT_QUOTE)
    for (const quote of quotes.filter(quote => quote !== WAIT_TIMEOUT_QUOTE)) {
      const matched = Object.values(messages).filter(message => quotePattern(quote).test(message))
      expect({ quote, matched: matched.length > 0 }).toEqual({ quote, matched: true })
    }
    // ...and every real message is quoted.
    for (const [errorCase, message] of Object.entries(messages)) {
      const matching = quotes.filter(quote => quotePattern(quote).test(message))
      expect({ errorCase, message, quoted: matching.length > 0 }).toEqual({
        errorCase,
        message,
        quoted: true
      })
    }
  })
})

describe('troubleshootingQuotes', () => {
  it('takes the first code span of each row, and skips rows without one', () => {
    const table = [
      '# Troubleshooting',
      '## Error messages',
      '| Error | What to do |',
      '| ----- | ---------- |',
      '| `First error …` (or `Other`) | Fix `it`. |',
      '| A stale file | Invalidate it. |',
      '',
      '## Next',
      '| `Not this` | x |'
    ].join('\n')
    expect(troubleshootingQuotes(table)).toEqual(['First error …'])
    expect(quotePattern('First error … here').test('First error E123 here, and more')).toBe(true)
    expect(quotePattern('First error … here').test('Not First error E123 here')).toBe(false)
  })
})
