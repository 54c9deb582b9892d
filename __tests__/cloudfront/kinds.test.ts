/**
 * The table of target kinds, a distribution and a tenant: the calls each row makes (CloudFront mocked at
 * the SDK's edge), the domain it is served at, and the words and ARNs of its messages.
 */
import { describe, expect, it } from '@jest/globals'
import {
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  GetDistributionCommand,
  GetDistributionTenantCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand
} from '@aws-sdk/client-cloudfront'
import {
  DISTRIBUTION_ID as A,
  cloudFrontClient as client,
  invalidationRecord,
  mockCloudFront
} from '../../__fixtures__/verify.js'
import { KINDS, arnOf, kindOf } from '../../src/cloudfront/kinds.js'
import { NotFoundError, UserError } from '../../src/common/errors.js'

const cloudFront = mockCloudFront()
const batch = { CallerReference: 'ref-1', Paths: { Quantity: 1, Items: ['/a.html'] } }

describe('the invalidation calls of each kind', () => {
  it("creates and gets a distribution's invalidation with CreateInvalidation and GetInvalidation", async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(invalidationRecord('I1', 'InProgress', ['/a.html']))
    cloudFront.on(GetInvalidationCommand).resolves(invalidationRecord('I1', 'Completed', ['/a.html']))
    const { create, get } = KINDS.distribution
    expect((await create.send(client(), A, batch, {})).Invalidation?.Id).toBe('I1')
    expect((await get.send(client(), A, 'I1', {})).Invalidation?.Status).toBe('Completed')
    expect(cloudFront.commandCalls(CreateInvalidationCommand)[0]?.args[0].input).toEqual({
      DistributionId: A,
      InvalidationBatch: batch
    })
    expect(cloudFront.commandCalls(GetInvalidationCommand)[0]?.args[0].input).toEqual({
      DistributionId: A,
      Id: 'I1'
    })
    expect([create.operation, get.operation]).toEqual(['CreateInvalidation', 'GetInvalidation'])
  })

  it("creates and gets a tenant's invalidation with the tenant's own calls", async () => {
    cloudFront
      .on(CreateInvalidationForDistributionTenantCommand)
      .resolves(invalidationRecord('I2', 'InProgress', ['/a.html']))
    cloudFront
      .on(GetInvalidationForDistributionTenantCommand)
      .resolves(invalidationRecord('I2', 'InProgress', ['/a.html']))
    const { create, get } = KINDS.tenant
    expect((await create.send(client(), 'dt_1', batch, {})).Invalidation?.Id).toBe('I2')
    expect((await get.send(client(), 'dt_1', 'I2', {})).Invalidation?.Id).toBe('I2')
    expect(cloudFront.commandCalls(CreateInvalidationForDistributionTenantCommand)[0]?.args[0].input).toEqual(
      { Id: 'dt_1', InvalidationBatch: batch }
    )
    expect(cloudFront.commandCalls(GetInvalidationForDistributionTenantCommand)[0]?.args[0].input).toEqual({
      DistributionTenantId: 'dt_1',
      Id: 'I2'
    })
    // Nothing is sent on a distribution's calls.
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(0)
  })
})

describe('the domain each kind is served at', () => {
  const distribution = (domain: string, aliases?: string[]) => ({
    Distribution: {
      DomainName: domain,
      ...(aliases ? { DistributionConfig: { Aliases: { Quantity: aliases.length, Items: aliases } } } : {})
    } as never
  })

  it("is a distribution's first alias, else its cloudfront.net name", async () => {
    cloudFront
      .on(GetDistributionCommand, { Id: A })
      .resolves(distribution('d1.cloudfront.net', ['www.example.com', 'example.com']))
    expect(await KINDS.distribution.served.domain(client(), A, {})).toBe('www.example.com')
    cloudFront.on(GetDistributionCommand, { Id: A }).resolves(distribution('d1.cloudfront.net'))
    expect(await KINDS.distribution.served.domain(client(), A, {})).toBe('d1.cloudfront.net')
  })

  it('skips a wildcard alias, which names no host a browser can ask for', async () => {
    cloudFront
      .on(GetDistributionCommand, { Id: A })
      .resolves(distribution('d1.cloudfront.net', ['*.example.com', 'www.example.com']))
    expect(await KINDS.distribution.served.domain(client(), A, {})).toBe('www.example.com')
    cloudFront
      .on(GetDistributionCommand, { Id: A })
      .resolves(distribution('d1.cloudfront.net', ['*.example.com']))
    expect(await KINDS.distribution.served.domain(client(), A, {})).toBe('d1.cloudfront.net')
  })

  it("is a tenant's first domain that is not a wildcard, and none when it has none", async () => {
    cloudFront.on(GetDistributionTenantCommand, { Identifier: 'dt_1' }).resolves({
      DistributionTenant: { Domains: [{ Domain: '*.shop.example.com' }, { Domain: 'shop.example.com' }] }
    })
    expect(await KINDS.tenant.served.domain(client(), 'dt_1', {})).toBe('shop.example.com')
    cloudFront.on(GetDistributionTenantCommand, { Identifier: 'dt_1' }).resolves({ DistributionTenant: {} })
    expect(await KINDS.tenant.served.domain(client(), 'dt_1', {})).toBeUndefined()
  })
})

describe('kindOf', () => {
  it('finds the kind an invalidation operation is made on', () => {
    expect(kindOf('CreateInvalidation')).toBe(KINDS.distribution)
    expect(kindOf('GetInvalidation')).toBe(KINDS.distribution)
    expect(kindOf('CreateInvalidationForDistributionTenant')).toBe(KINDS.tenant)
    expect(kindOf('GetInvalidationForDistributionTenant')).toBe(KINDS.tenant)
  })
})

describe('the words of each kind', () => {
  it('gives the ARN a policy allows the calls on, with the resource type of the kind', () => {
    expect(arnOf(KINDS.distribution, A)).toBe(`arn:aws:cloudfront::<account-id>:distribution/${A}`)
    expect(arnOf(KINDS.tenant, 'dt_1')).toBe('arn:aws:cloudfront::<account-id>:distribution-tenant/dt_1')
  })

  it('says an unknown distribution is not found, which a multi-tenant one may be, and names the input', () => {
    const error = KINDS.distribution.missing.error(A)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error.message).toMatch(
      new RegExp(
        `^No distribution ${A} exists in the AWS account of these credentials\\. Check distribution-id`
      )
    )
    expect(KINDS.distribution.missing.name).toBe('NoSuchDistribution')
  })

  it('says an unknown tenant is a mistake to fix, not a distribution to look into, and names its input', () => {
    const error = KINDS.tenant.missing.error('dt_1')
    expect(error).toBeInstanceOf(UserError)
    expect(error).not.toBeInstanceOf(NotFoundError)
    expect(error.message).toMatch(/^No distribution tenant dt_1 exists .* Check distribution-tenant-id/)
    expect(KINDS.tenant.missing.name).toBe('EntityNotFound')
  })
})
