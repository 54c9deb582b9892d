/**
 * The flow of run() for distribution tenants (CloudFront SaaS Manager), fail-on-timeout and China's
 * console, with CloudFront mocked at the SDK's edge.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  AccessDenied,
  CloudFrontClient,
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  EntityNotFound,
  GetDistributionTenantByDomainCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  ListDistributionTenantsCommand,
  ListDistributionsCommand,
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
const T3 = 'dt_2yN5tYwVbPKr7m2IB69M1yp1AB'

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

describe('distribution-tenant-id', () => {
  it('invalidates each tenant with its own invalidation, waits with the tenant API, and reports it', async () => {
    cloudFront
      .on(CreateInvalidationForDistributionTenantCommand, { Id: T1 })
      .resolves(created('IT1'))
      .on(CreateInvalidationForDistributionTenantCommand, { Id: T2 })
      .resolves(created('IT2'))
      .on(GetInvalidationForDistributionTenantCommand)
      .resolves(created('I', 'Completed'))
    const fake = fakeRunner({ 'distribution-tenant-id': `${T1} ${T2}`, paths: '/a', wait: 'true' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([])
    // No distribution call at all.
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(0)
    expect(cloudFront.commandCalls(GetInvalidationCommand)).toHaveLength(0)
    const polled = cloudFront
      .commandCalls(GetInvalidationForDistributionTenantCommand)
      .map(c => c.args[0].input)
    expect(polled).toEqual(
      expect.arrayContaining([
        { DistributionTenantId: T1, Id: 'IT1' },
        { DistributionTenantId: T2, Id: 'IT2' }
      ])
    )
    const references = cloudFront
      .commandCalls(CreateInvalidationForDistributionTenantCommand)
      .map(call => call.args[0].input.InvalidationBatch?.CallerReference)
    expect(new Set(references).size).toBe(2)
    expect(fake.outputs()).toMatchObject({
      'distribution-ids': '[]',
      'distribution-tenant-ids': JSON.stringify([T1, T2]),
      'invalidation-id': 'IT1',
      'invalidation-ids': '["IT1","IT2"]',
      invalidations: JSON.stringify([
        { 'distribution-tenant-id': T1, 'invalidation-id': 'IT1', status: 'Completed' },
        { 'distribution-tenant-id': T2, 'invalidation-id': 'IT2', status: 'Completed' }
      ]),
      status: 'Completed'
    })
    expect(fake.log()).toContain(`Invalidating 1 path (/a) of distribution tenant ${T1}, from paths.`)
    expect(fake.log()).toContain(`Created invalidation IT1 on ${T1} (InProgress).`)
    expect(fake.summary()).toContain(`| Distribution or tenant |`)
    expect(fake.summary()).toContain(`| \`${T1}\` (tenant) | \`IT1\` | Completed |`)
  })

  it('names the tenant permission when it is denied, and the tenant when it does not exist', async () => {
    cloudFront
      .on(CreateInvalidationForDistributionTenantCommand, { Id: T1 })
      .rejects(new AccessDenied({ message: 'not authorized', $metadata: {} }))
      .on(CreateInvalidationForDistributionTenantCommand, { Id: T2 })
      .rejects(new EntityNotFound({ message: 'The entity was not found.', $metadata: {} }))
    const fake = fakeRunner({ 'distribution-tenant-id': `${T1},${T2}` })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.errors()).toEqual([
      expect.stringContaining(
        `${T1}: Access denied to cloudfront:CreateInvalidationForDistributionTenant on distribution tenant ${T1}. Allow cloudfront:CreateInvalidationForDistributionTenant on arn:aws:cloudfront::<account-id>:distribution-tenant/${T1}`
      ),
      expect.stringContaining(`${T2}: No distribution tenant ${T2} exists`)
    ])
    expect(fake.failures()).toEqual(['2 of 2 tenants failed; see the errors above.'])
    // A missing tenant is not mistaken for a multi-tenant distribution.
    expect(cloudFront.commandCalls(ListDistributionTenantsCommand)).toHaveLength(0)
  })

  it('names cloudfront:GetInvalidationForDistributionTenant when polling is denied', async () => {
    cloudFront
      .on(CreateInvalidationForDistributionTenantCommand)
      .resolves(created('IT1'))
      .on(GetInvalidationForDistributionTenantCommand)
      .rejects(new AccessDenied({ message: 'not authorized', $metadata: {} }))
    const fake = fakeRunner({ 'distribution-tenant-id': T1, wait: 'true' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([
      expect.stringContaining('Access denied to cloudfront:GetInvalidationForDistributionTenant')
    ])
    expect(fake.outputs()['invalidation-id']).toBe('IT1')
  })
})

describe('a multi-tenant distribution-id', () => {
  it('invalidates every tenant of it, through every page, in its place', async () => {
    cloudFront
      .on(CreateInvalidationCommand, { DistributionId: A })
      .resolves(created('IA'))
      .on(CreateInvalidationCommand, { DistributionId: MULTI })
      .rejects(noSuchDistribution())
      .on(ListDistributionTenantsCommand, { AssociationFilter: { DistributionId: MULTI } })
      .resolvesOnce({
        DistributionTenantList: [summaryOf(T1, 'alpha'), summaryOf(T2, 'beta')],
        NextMarker: 'm2'
      })
      .resolvesOnce({ DistributionTenantList: [summaryOf(T3, 'gamma')] })
    cloudFront
      .on(CreateInvalidationForDistributionTenantCommand)
      .callsFake((input: { Id: string }) => created(`I-${input.Id}`))
    const fake = fakeRunner({ 'distribution-id': `${MULTI} ${A}`, paths: '/a' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([])
    const pages = cloudFront.commandCalls(ListDistributionTenantsCommand).map(call => call.args[0].input)
    expect(pages).toEqual([
      { AssociationFilter: { DistributionId: MULTI } },
      { AssociationFilter: { DistributionId: MULTI }, Marker: 'm2' }
    ])
    // The plain distribution cost no tenant call.
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(2)
    expect(fake.outputs()).toMatchObject({
      'distribution-ids': JSON.stringify([MULTI, A]),
      'distribution-tenant-ids': JSON.stringify([T1, T2, T3]),
      'invalidation-ids': JSON.stringify([`I-${T1}`, `I-${T2}`, `I-${T3}`, 'IA']),
      'invalidation-id': `I-${T1}`
    })
    expect(JSON.parse(fake.outputs().invalidations ?? '')).toContainEqual({
      'distribution-id': MULTI,
      'distribution-tenant-id': T2,
      'invalidation-id': `I-${T2}`,
      status: 'InProgress'
    })
    expect(fake.log()).toContain(
      `${MULTI} is a multi-tenant distribution: invalidating each of its 3 tenants:\n  distribution tenant ${T1} (alpha) of distribution ${MULTI}\n  distribution tenant ${T2} (beta) of distribution ${MULTI}\n  distribution tenant ${T3} (gamma) of distribution ${MULTI}`
    )
    expect(fake.summary()).toContain(`| \`${T2}\` (tenant of \`${MULTI}\`) | \`I-${T2}\` |`)
    expect(fake.summary()).toContain(
      `### \`${T2}\`\n\nDistribution tenant \`beta\` of the multi-tenant distribution \`${MULTI}\`.\n\nFound by tenant of ${MULTI}.`
    )
  })

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

  it('names cloudfront:ListDistributionTenants when listing the tenants is denied', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .rejects(noSuchDistribution())
      .on(ListDistributionTenantsCommand)
      .rejects(new AccessDenied({ message: 'not authorized', $metadata: {} }))
    const fake = fakeRunner({ 'distribution-id': MULTI })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([
      `CloudFront has no distribution ${MULTI}, and its tenants could not be listed in case it is a multi-tenant one: access denied to cloudfront:ListDistributionTenants. If it is a multi-tenant distribution, allow cloudfront:ListDistributionTenants on the resource "*" in the policy of the role these credentials belong to; otherwise check distribution-id. (not authorized)`
    ])
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

describe('distribution-alias and tenants', () => {
  it('finds a tenant by its domain when no distribution has it, and a distribution by its own domain', async () => {
    cloudFront
      .on(ListDistributionsCommand)
      .resolves({
        DistributionList: {
          Marker: '',
          MaxItems: 100,
          IsTruncated: false,
          Quantity: 1,
          Items: [{ Id: A, DomainName: 'd111111abcdef8.cloudfront.net' } as never]
        }
      })
      .on(GetDistributionTenantByDomainCommand, { Domain: 'alpha.example.net' })
      .resolves({ DistributionTenant: summaryOf(T1, 'alpha') })
      .on(CreateInvalidationCommand)
      .resolves(created('IA'))
      .on(CreateInvalidationForDistributionTenantCommand)
      .resolves(created('IT1'))
    const fake = fakeRunner({ 'distribution-alias': 'Alpha.Example.NET.\nD111111ABCDEF8.cloudfront.net' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([])
    // Asked only about the name no distribution has.
    expect(cloudFront.commandCalls(GetDistributionTenantByDomainCommand).map(c => c.args[0].input)).toEqual([
      { Domain: 'alpha.example.net' }
    ])
    expect(fake.outputs()).toMatchObject({
      'distribution-ids': JSON.stringify([A]),
      'distribution-tenant-ids': JSON.stringify([T1])
    })
    expect(fake.log()).toContain(
      `distribution-alias alpha.example.net resolved to distribution tenant ${T1} (alpha) of distribution ${MULTI}.`
    )
    expect(fake.log()).toContain(
      `distribution-alias d111111abcdef8.cloudfront.net resolved to distribution ${A}.`
    )
  })

  it('names cloudfront:GetDistributionTenantByDomain when the tenant lookup is denied', async () => {
    cloudFront
      .on(ListDistributionsCommand)
      .resolves({ DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0 } })
      .on(GetDistributionTenantByDomainCommand)
      .rejects(new AccessDenied({ message: 'not authorized', $metadata: {} }))
    const fake = fakeRunner({ 'distribution-alias': 'alpha.example.net' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([
      expect.stringContaining(
        'distribution-alias alpha.example.net is no alternate domain name of a distribution, and looking it up as the domain of a distribution tenant was denied: access denied to cloudfront:GetDistributionTenantByDomain.'
      )
    ])
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(0)
  })
})

describe('fail-on-timeout', () => {
  it('false: a wait that runs out is a warning, status InProgress, and the step passes', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .resolves(created('I1'))
      .on(GetInvalidationCommand)
      .resolves(created('I1'))
    const time = fakeTime()
    const fake = fakeRunner({
      'distribution-id': A,
      wait: 'true',
      'wait-timeout': '20',
      'fail-on-timeout': 'false'
    })
    await run(fake.runner, { clock: time.clock })
    expect(fake.failures()).toEqual([])
    expect(fake.errors()).toEqual([])
    expect(fake.warnings()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${A}: Timed out after 20 s \\(wait-timeout\\) waiting for invalidation I1 on ${A}: still InProgress .* fail-on-timeout is false, so the step does not fail\\.$`
        )
      )
    ])
    expect(fake.outputs().status).toBe('InProgress')
    expect(fake.outputs()['invalidation-id']).toBe('I1')
    expect(fake.summary()).toContain('| ⚠️ InProgress |')
    expect(fake.summary()).toContain('> [!WARNING]\n> Timed out after 20 s')
    expect(fake.summary()).not.toContain('❌ Failed')
  })

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
