/**
 * The flow of run() for distribution tenants (CloudFront SaaS Manager), fail-on-timeout and China's
 * console, with CloudFront mocked at the SDK's edge: what needs no real call. What does (the tenant
 * calls on the wire, their paging, their errors as CloudFront sends them) is tested once, end to end, in
 * e2e/tenants.test.ts.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  AccessDenied,
  CloudFrontClient,
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  EntityNotFound,
  GetInvalidationCommand,
  ListDistributionTenantsCommand,
  NoSuchDistribution
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { invalidationAnswer, useEnvironmentKeys } from '../__fixtures__/aws.js'
import { fakeTime } from '../__fixtures__/clock.js'
import { fakeRunner } from '../__fixtures__/runner.js'
import { run } from '../src/main.js'

const A = 'E1AAAAAAAAAAAA'
const MULTI = 'E7MULTITENANT0'
const T1 = 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB'
const T2 = 'dt_2xVInRKCfUzQHgxosDs9hiLk1AB'

const cloudFront = mockClient(CloudFrontClient)
useEnvironmentKeys()
beforeEach(() => {
  cloudFront.reset()
})

const created = invalidationAnswer
const summaryOf = (id: string, name: string) => ({
  Id: id,
  DistributionId: MULTI,
  Name: name,
  Arn: `arn:aws:cloudfront::123456789012:distribution-tenant/${id}`,
  Domains: [{ Domain: `${name}.example.net`, Status: 'active' as const }],
  CreatedTime: new Date(),
  LastModifiedTime: new Date(),
  ETag: 'E1',
  Enabled: true
})
const noSuchDistribution = () =>
  new NoSuchDistribution({ message: 'The specified distribution does not exist.', $metadata: {} })

describe('a multi-tenant distribution-id', () => {
  it('invalidates a tenant named by itself once, not again for its distribution', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .rejects(noSuchDistribution())
      .on(ListDistributionTenantsCommand)
      .resolves({ DistributionTenantList: [summaryOf(T1, 'alpha'), summaryOf(T2, 'beta')] })
      .on(CreateInvalidationForDistributionTenantCommand)
      .callsFake((input: { Id: string }) => created(`I-${input.Id}`))
    const fake = fakeRunner({ 'distribution-id': MULTI, 'distribution-tenant-id': T2 })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([])
    const sent = cloudFront
      .commandCalls(CreateInvalidationForDistributionTenantCommand)
      .map(c => c.args[0].input.Id)
    expect(sent.sort()).toEqual([T1, T2].sort())
    expect(fake.outputs()['invalidation-ids']).toBe(JSON.stringify([`I-${T1}`, `I-${T2}`]))
    expect(fake.outputs()['distribution-tenant-ids']).toBe(JSON.stringify([T2, T1]))
    expect(fake.log()).toContain(
      `${MULTI}: ${T2} is named by distribution-tenant-id or distribution-alias too, and invalidated once.`
    )
  })

  it('fails as a missing distribution, saying tenants were looked for, when it has none', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .rejects(noSuchDistribution())
      .on(ListDistributionTenantsCommand)
      .resolves({ DistributionTenantList: [] })
    const fake = fakeRunner({ 'distribution-id': MULTI })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([
      `No distribution ${MULTI} exists in the AWS account of these credentials. Check distribution-id (or the alias or tag that found it) in the CloudFront console, and that the credentials are for the account that owns the distribution. Nor is it a multi-tenant distribution with tenants: ListDistributionTenants lists none for ${MULTI}.`
    ])
    expect(cloudFront.commandCalls(CreateInvalidationForDistributionTenantCommand)).toHaveLength(0)
  })

  it('treats EntityNotFound from ListDistributionTenants as no tenants', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .rejects(noSuchDistribution())
      .on(ListDistributionTenantsCommand)
      .rejects(new EntityNotFound({ message: 'The entity was not found.', $metadata: {} }))
    const fake = fakeRunner({ 'distribution-id': MULTI })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([expect.stringContaining('ListDistributionTenants lists none')])
  })

  it('refuses a listing that repeats its NextMarker rather than paging forever', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .rejects(noSuchDistribution())
      .on(ListDistributionTenantsCommand)
      .resolves({ DistributionTenantList: [summaryOf(T1, 'alpha')], NextMarker: 'same' })
    const fake = fakeRunner({ 'distribution-id': MULTI })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([
      expect.stringMatching(new RegExp(`^No distribution ${MULTI} exists in the AWS account`))
    ])
    expect(fake.debugs().join('\n')).toContain('the same NextMarker twice (same)')
    expect(cloudFront.commandCalls(ListDistributionTenantsCommand)).toHaveLength(2)
  })

  it("shows the distribution's own not-found error when its tenants cannot be listed for another reason", async () => {
    // An endpoint without the tenant API (moto) answers with a page the SDK cannot read.
    cloudFront
      .on(CreateInvalidationCommand)
      .rejects(noSuchDistribution())
      .on(ListDistributionTenantsCommand)
      .rejects(new Error('@aws-sdk XML parse error: mismatched tags <html> and </title>'))
    const fake = fakeRunner({ 'distribution-id': MULTI })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([
      `No distribution ${MULTI} exists in the AWS account of these credentials. Check distribution-id (or the alias or tag that found it) in the CloudFront console, and that the credentials are for the account that owns the distribution. Whether it is a multi-tenant distribution could not be checked: ListDistributionTenants failed (the debug log has its error).`
    ])
    expect(fake.debugs().join('\n')).toContain('mismatched tags <html> and </title>')
  })
})

describe('fail-on-timeout', () => {
  it('false: an access error while waiting still fails the step', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .resolves(created('I1'))
      .on(GetInvalidationCommand)
      .rejects(new AccessDenied({ message: 'not authorized', $metadata: {} }))
    const fake = fakeRunner({ 'distribution-id': A, wait: 'true', 'fail-on-timeout': 'false' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([expect.stringContaining('Access denied to cloudfront:GetInvalidation')])
  })

  it('false: CloudFront not accepting the invalidation in time still fails the step', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .rejects(
        Object.assign(new Error('Too many'), { name: 'TooManyInvalidationsInProgress', $metadata: {} })
      )
    const fake = fakeRunner({ 'distribution-id': A, 'wait-timeout': '10', 'fail-on-timeout': 'false' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([expect.stringContaining('Too many invalidations are in progress')])
    expect(fake.outputs().status).toBeUndefined()
  })
})

describe('console links', () => {
  it.each([
    [
      'cn-north-1',
      `https://console.amazonaws.cn/cloudfront/v3/home?region=cn-north-1#/distributions/${A}/invalidations/details/I1`
    ],
    [
      'cn-northwest-1',
      `https://console.amazonaws.cn/cloudfront/v3/home?region=cn-northwest-1#/distributions/${A}/invalidations/details/I1`
    ],
    [
      'eu-west-1',
      `https://console.aws.amazon.com/cloudfront/v4/home#/distributions/${A}/invalidations/details/I1`
    ]
  ])('in %s link %s', async (region, url) => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    const fake = fakeRunner({ 'distribution-id': A }, { env: { AWS_REGION: region } })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.summary()).toContain(`[I1](${url})`)
  })
})
