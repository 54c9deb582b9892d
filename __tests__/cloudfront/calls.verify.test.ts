/**
 * verify's CloudFront calls, mocked at the SDK's edge: the domain a target serves, and an invalidation's
 * record (the flow of verifying is in __tests__/verify/, the wait on an earlier one in __tests__/earlier/).
 */
import { describe, expect, it } from '@jest/globals'
import {
  AccessDenied,
  GetDistributionCommand,
  GetDistributionTenantCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  NoSuchInvalidation
} from '@aws-sdk/client-cloudfront'
import {
  CREATE_TIME,
  DISTRIBUTION_ID as A,
  cloudFrontClient as client,
  invalidationRecord as record,
  mockCloudFront
} from '../../__fixtures__/verify.js'
import { getInvalidationRecordFor, servedDomain } from '../../src/cloudfront/calls.js'

const cloudFront = mockCloudFront()

describe('servedDomain', () => {
  it("asks the target's kind: GetDistribution for a distribution, GetDistributionTenant for a tenant", async () => {
    cloudFront
      .on(GetDistributionCommand, { Id: A })
      .resolves({ Distribution: { DomainName: 'd1.cloudfront.net' } as never })
    cloudFront
      .on(GetDistributionTenantCommand, { Identifier: 'dt_1' })
      .resolves({ DistributionTenant: { Domains: [{ Domain: 'shop.example.com' }] } })
    expect(await servedDomain(client(), { kind: 'distribution', id: A })).toBe('d1.cloudfront.net')
    expect(await servedDomain(client(), { kind: 'tenant', id: 'dt_1' })).toBe('shop.example.com')
  })

  it('fails saying what the answer lacked when it names no domain', async () => {
    cloudFront.on(GetDistributionTenantCommand).resolves({ DistributionTenant: { Domains: [] } })
    await expect(servedDomain(client(), { kind: 'tenant', id: 'dt_1' })).rejects.toThrow(
      'CloudFront answered GetDistributionTenant for dt_1 without a domain'
    )
  })

  it('names the permission, and verify-url as the way round it, when denied', async () => {
    cloudFront.on(GetDistributionCommand).rejects(new AccessDenied({ message: 'no', $metadata: {} }))
    await expect(servedDomain(client(), { kind: 'distribution', id: A })).rejects.toThrow(
      /^verify: access denied to cloudfront:GetDistribution on distribution E1AAAAAAAAAAAA.*or set verify-url/
    )
  })
})

describe('getInvalidationRecordFor', () => {
  it('reads status, CreateTime and paths, of a tenant too', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(record('I1', 'Completed', ['/a.html', '/b/*']))
    expect(await getInvalidationRecordFor(client(), { kind: 'distribution', id: A }, 'I1')).toEqual({
      id: 'I1',
      status: 'Completed',
      createdAt: CREATE_TIME.getTime(),
      createTime: '2026-12-04T20:00:00.000Z',
      paths: ['/a.html', '/b/*']
    })
    cloudFront.on(GetInvalidationForDistributionTenantCommand).resolves(record('I2', 'InProgress', ['/x']))
    expect((await getInvalidationRecordFor(client(), { kind: 'tenant', id: 'dt_1' }, 'I2')).status).toBe(
      'InProgress'
    )
  })

  it('says which input to check when CloudFront has no such invalidation', async () => {
    cloudFront.on(GetInvalidationCommand).rejects(new NoSuchInvalidation({ message: 'nope', $metadata: {} }))
    await expect(getInvalidationRecordFor(client(), { kind: 'distribution', id: A }, 'I9')).rejects.toThrow(
      /^invalidation-id: CloudFront has no invalidation I9 on distribution E1AAAAAAAAAAAA/
    )
  })
})
