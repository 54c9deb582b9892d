/**
 * The troubleshooting table (docs/troubleshooting.md) quotes errors as the action prints them. Each quote is checked
 * against the message the real code makes for that case (`…` standing for the part that varies, such as
 * an ID), so a reworded error fails here until the table follows.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
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
import { explainError } from '../src/cloudfront/errors.js'
import { getDistributionTenantByDomain, listDistributionTenants } from '../src/cloudfront/listings.js'
import { noCredentials } from '../src/aws/aws-config.js'
import { resolveCredentials } from '../src/aws/credentials.js'
import { errorMessage } from '../src/common/errors.js'
import { fakeTime } from '../__fixtures__/clock.js'
import { VARIES, errorSites, isHandedOn, quoteFits } from '../__fixtures__/error-sites.js'
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

  it('quotes each of these errors as it is printed', async () => {
    const messages = await realMessages()
    const quotes = troubleshootingQuotes(troubleshooting)
    // The wait-timeout one is made in the step's flow: the end-to-end e2e/troubleshooting.test.ts runs
    // dist/ for it.
    expect(quotes).toContain(WAIT_TIMEOUT_QUOTE)
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

describe('every error message the code makes', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const sites = errorSites(root)
  const quotes = troubleshootingQuotes(troubleshooting)
  const templates = sites.flatMap(site => site.templates.filter(template => !isHandedOn(template)))

  it('is read from every folder of src/, through the functions that make it', () => {
    expect(sites.length).toBeGreaterThan(90)
    for (const folder of ['src/changes/', 'src/verify/']) {
      expect(sites.some(site => site.where.startsWith(folder))).toBe(true)
    }
    // Each form of a message made by a function of another file, and by a maker's callers.
    expect(templates).toContain(
      'distribution-id: "…" is not a CloudFront distribution ID; it is the distribution\'s ARN. Use the ID alone: ….'
    )
    expect(templates).toEqual(
      expect.arrayContaining([expect.stringMatching(/^origin-path: "…" is only \/; /)])
    )
    expect(templates).toEqual(
      expect.arrayContaining([expect.stringMatching(/^wait-timeout: "…" is not a whole/)])
    )
  })

  it('has a row in docs/troubleshooting.md', () => {
    const missing = sites.flatMap(site =>
      site.templates
        .filter(template => !isHandedOn(template) && !quotes.some(quote => quoteFits(quote, template)))
        .map(template => `${site.where}: ${template}`)
    )
    expect(missing).toEqual([])
  })

  it('is all the table quotes: no row for a message the code no longer makes', () => {
    expect(quotes.filter(quote => !templates.some(template => quoteFits(quote, template)))).toEqual([])
  })

  it('is quoted with enough of its own words to tell it from the others', () => {
    expect(quotes.filter(quote => quote.replaceAll(VARIES, '').trim().length < 12)).toEqual([])
  })
})

describe('quoteFits', () => {
  it('fits a quote to the start of a message, either side varying where it says …', () => {
    expect(quoteFits('No distribution … exists', 'No distribution … exists in the AWS account.')).toBe(true)
    expect(quoteFits('wait: "…" is not a boolean', '…: "…" is not a boolean. Use true or false.')).toBe(true)
    expect(quoteFits('… Nothing was invalidated', '… Nothing was invalidated.')).toBe(true)
    expect(quoteFits('No distribution … exists', 'distribution-id: No distribution … exists')).toBe(false)
    expect(quoteFits('No distribution … is gone', 'No distribution … exists in the AWS account.')).toBe(false)
    expect(quoteFits('No distribution tenant … is gone', 'No distribution … exists.')).toBe(false)
    // What the code fills in from a table is … in the template: the quote may name it.
    expect(
      quoteFits('Access denied to cloudfront:GetInvalidation on …', 'Access denied to cloudfront:… on … ….')
    ).toBe(true)
  })

  it('fits no quote to a template that starts with … by its … alone', () => {
    expect(quoteFits('No AWS credentials found', '…: "…" is a YAML list item.')).toBe(false)
    // Mostly the template's own words, not what its … absorbs.
    expect(quoteFits('distribution-alias www.example.com matches none', '… matches none.')).toBe(false)
  })
})

describe('troubleshootingQuotes', () => {
  it("takes every code span of each row's first cell, and skips rows without one", () => {
    const table = [
      '# Troubleshooting',
      '## Error messages',
      '### One kind',
      '| Error | What to do |',
      '| ----- | ---------- |',
      '| `First error …` | Fix `it`. |',
      '| `Second …`, `Third \\| …` | Fix `that \\|`. |',
      '| A stale file | Invalidate it. |',
      '',
      '## Next',
      '| `Not this` | x |'
    ].join('\n')
    expect(troubleshootingQuotes(table)).toEqual(['First error …', 'Second …', 'Third \\| …'])
    expect(quotePattern('First error … here').test('First error E123 here, and more')).toBe(true)
    expect(quotePattern('First error … here').test('Not First error E123 here')).toBe(false)
  })
})
