/**
 * invalidation-id: the one target it names, and the wait on its invalidation, with CloudFront mocked at
 * the SDK's edge and the fake clock.
 */
import { describe, expect, it } from '@jest/globals'
import {
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand
} from '@aws-sdk/client-cloudfront'
import { fakeTime } from '../../__fixtures__/clock.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import {
  CREATE_TIME,
  DISTRIBUTION_ID as A,
  cloudFrontClient as client,
  deadlineAt,
  invalidationRecord as record,
  mockCloudFront
} from '../../__fixtures__/verify.js'
import { awaitEarlier, earlierTarget } from '../../src/earlier/earlier.js'

const cloudFront = mockCloudFront()

describe('awaitEarlier', () => {
  it('polls the earlier invalidation until Completed, creating nothing', async () => {
    cloudFront
      .on(GetInvalidationCommand)
      .resolvesOnce(record('I1', 'InProgress', ['/a.html']))
      .resolvesOnce(record('I1', 'InProgress', ['/a.html']))
      .resolves(record('I1', 'Completed', ['/a.html']))
    const fake = fakeRunner({})
    const time = fakeTime()
    const target = earlierTarget(
      [{ target: { kind: 'distribution', id: A }, foundBy: [{ by: 'distribution-id' }] }],
      'I1'
    )
    const { result, record: got } = await awaitEarlier(
      target,
      'I1',
      { waitTimeoutSeconds: 60 },
      {
        client: client(),
        runner: fake.runner,
        clock: time.clock,
        deadline: deadlineAt(60_000, 60)
      }
    )
    expect(result).toMatchObject({ invalidationId: 'I1', status: 'Completed', paths: ['/a.html'], polls: 2 })
    expect(got.createdAt).toBe(CREATE_TIME.getTime())
    expect(cloudFront.calls()).toHaveLength(3)
  })

  it('times out as a wait does, with the invalidation handed on', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(record('I1', 'InProgress', ['/a.html']))
    const time = fakeTime()
    const target = {
      target: { kind: 'distribution' as const, id: A },
      foundBy: [{ by: 'distribution-id' as const }]
    }
    const { result } = await awaitEarlier(
      target,
      'I1',
      { waitTimeoutSeconds: 20 },
      {
        client: client(),
        runner: fakeRunner({}).runner,
        clock: time.clock,
        deadline: deadlineAt(20_000, 20)
      }
    )
    expect(result.timedOut).toBe(true)
    expect(result.error).toMatch(/^Timed out after 20 s \(wait-timeout\) waiting for invalidation I1/)
  })

  it('refuses more than one target', () => {
    expect(() =>
      earlierTarget(
        [
          { target: { kind: 'distribution', id: A }, foundBy: [] },
          { target: { kind: 'tenant', id: 'dt_1' }, foundBy: [] }
        ],
        'I1'
      )
    ).toThrow(/^invalidation-id: I1 is an invalidation of one distribution or tenant, but .* name 2/)
  })

  it('hands on an invalidation already Completed without polling, and a tenant as its target', async () => {
    cloudFront
      .on(GetInvalidationForDistributionTenantCommand)
      .resolves(record('I2', 'Completed', ['/a.html', '/b/*']))
    const fake = fakeRunner({})
    const target = {
      target: { kind: 'tenant' as const, id: 'dt_1' },
      foundBy: [{ by: 'distribution-tenant-id' as const }]
    }
    const { result, record: got } = await awaitEarlier(
      target,
      'I2',
      { waitTimeoutSeconds: 60 },
      {
        client: client(),
        runner: fake.runner,
        clock: fakeTime().clock,
        deadline: deadlineAt(60_000, 60)
      }
    )
    expect(result).toEqual({
      distributionId: 'dt_1',
      target: { kind: 'tenant', id: 'dt_1' },
      foundBy: [{ by: 'distribution-tenant-id' }],
      paths: ['/a.html', '/b/*'],
      invalidationId: 'I2',
      status: 'Completed',
      waitedMs: 0,
      polls: 0,
      answeredPolls: 0
    })
    expect(got.status).toBe('Completed')
    expect(cloudFront.calls()).toHaveLength(1)
    expect(fake.log()).toEqual([
      'Invalidation I2 on dt_1 was made earlier (created 2026-12-04T20:00:00.000Z, 2 paths): Completed. Nothing is created.'
    ])
  })
})
