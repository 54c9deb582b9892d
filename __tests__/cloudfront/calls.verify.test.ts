/**
 * verify's CloudFront calls (mocked at the SDK's edge), and the flow of verifying and of waiting on an
 * earlier invalidation through a fake site client and the fake clock.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  AccessDenied,
  CloudFrontClient,
  GetDistributionCommand,
  GetDistributionTenantCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  NoSuchInvalidation
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { invalidationAnswer, useEnvironmentKeys } from '../../__fixtures__/aws.js'
import { fakeTime } from '../../__fixtures__/clock.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { getInvalidationRecordFor, servedDomain } from '../../src/cloudfront/calls.js'
import type { Deadline } from '../../src/types.js'
import { awaitEarlier, earlierTarget } from '../../src/earlier/earlier.js'
import { checkVerifyTargets, verifyCompleted } from '../../src/verify/index.js'
import type { Answer, NoAnswer } from '../../src/verify/judge.js'
import { verifyPaths, type SiteClient } from '../../src/verify/site.js'
import { siteOfDomain } from '../../src/verify/urls.js'

const A = 'E1AAAAAAAAAAAA'
const cloudFront = mockClient(CloudFrontClient)
useEnvironmentKeys()
beforeEach(() => {
  cloudFront.reset()
})
const client = () => new CloudFrontClient({ region: 'us-east-1' })
const createTime = new Date('2026-12-04T20:00:00.000Z')
const at = (seconds: number) => new Date(createTime.getTime() + seconds * 1000).toUTCString()
const deadline = (): Deadline => ({ at: 1e9, seconds: 1800, signal: new AbortController().signal })

const record = (id: string, status: string, paths: string[]) =>
  invalidationAnswer(id, status, { paths, createTime })

/** A site that answers each path from a table; what was asked is kept. */
function fakeSite(answers: Record<string, (Answer | NoAnswer)[]>) {
  const asked: string[] = []
  const site: SiteClient = {
    get: url => {
      asked.push(url.pathname)
      const queue = answers[url.pathname] ?? []
      return Promise.resolve(
        queue.length > 1 ? (queue.shift() as Answer) : (queue[0] ?? { status: 404, headers: {} })
      )
    },
    close: () => undefined
  }
  return { site, asked }
}

describe('servedDomain', () => {
  it("is a distribution's first alias, else its cloudfront.net name", async () => {
    cloudFront.on(GetDistributionCommand, { Id: A }).resolves({
      Distribution: {
        DomainName: 'd1.cloudfront.net',
        DistributionConfig: { Aliases: { Quantity: 2, Items: ['www.example.com', 'example.com'] } }
      } as never
    })
    expect(await servedDomain(client(), { kind: 'distribution', id: A })).toBe('www.example.com')
    cloudFront
      .on(GetDistributionCommand, { Id: A })
      .resolves({ Distribution: { DomainName: 'd1.cloudfront.net' } as never })
    expect(await servedDomain(client(), { kind: 'distribution', id: A })).toBe('d1.cloudfront.net')
  })

  it("is a tenant's first domain", async () => {
    cloudFront
      .on(GetDistributionTenantCommand, { Identifier: 'dt_1' })
      .resolves({ DistributionTenant: { Domains: [{ Domain: 'shop.example.com' }] } })
    expect(await servedDomain(client(), { kind: 'tenant', id: 'dt_1' })).toBe('shop.example.com')
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
      createdAt: createTime.getTime(),
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

describe('verifyPaths', () => {
  it('asks a 5xx again after a pause on the injected clock, then judges the last answer', async () => {
    const time = fakeTime()
    const { site, asked } = fakeSite({
      '/a.html': [
        { status: 503, headers: {} },
        { status: 200, headers: { 'x-cache': 'Miss from cloudfront', date: at(9) } }
      ],
      '/b.html': [{ status: 502, headers: {} }]
    })
    const urls = await verifyPaths(
      siteOfDomain('www.example.com'),
      ['/a.html', '/b.html'],
      createTime.getTime(),
      {
        client: site,
        clock: time.clock,
        signal: new AbortController().signal
      }
    )
    expect(urls.map(url => [url.path, url.verdict, url.attempts])).toEqual([
      ['/a.html', 'live', 2],
      ['/b.html', 'unchecked', 3]
    ])
    expect(asked.filter(path => path === '/b.html')).toHaveLength(3)
    expect(time.sleeps).toEqual([500, 500, 1500])
  })
})

describe('verifyCompleted', () => {
  it('verifies each completed result at its own domain, and fails naming what was stale', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(record('I1', 'Completed', ['/a.html', '/b.html']))
    cloudFront
      .on(GetDistributionCommand)
      .resolves({ Distribution: { DomainName: 'd1.cloudfront.net' } as never })
    const fake = fakeRunner({})
    const { site } = fakeSite({
      '/a.html': [{ status: 200, headers: { 'x-cache': 'Hit from cloudfront', date: at(60), age: '30' } }],
      '/b.html': [
        { status: 200, headers: { 'x-cache': 'Hit from cloudfront', date: at(-7200), age: '7260' } }
      ]
    })
    const outcome = await verifyCompleted(
      [{ distributionId: A, paths: ['/a.html', '/b.html'], invalidationId: 'I1', status: 'Completed' }],
      ['/a.html', '/b.html'],
      { verify: true },
      {
        client: client(),
        runner: fake.runner,
        clock: fakeTime().clock,
        proxy: {},
        deadline: deadline(),
        site
      }
    )
    expect(outcome.verified).toBe('false')
    expect(outcome.failure).toMatch(/^verify: 1 stale URL on E1AAAAAAAAAAAA\./)
    expect(fake.errors()).toEqual([
      expect.stringMatching(
        /^verify: https:\/\/d1\.cloudfront\.net\/b\.html is stale: the edge \(X-Cache Hit, Age 7260\) served a copy fetched from the origin 2 h before invalidation I1/
      )
    ])
    expect(fake.log()).toContain(
      `${A}: live: 1 URL served fresh from the origin since the invalidation (/a.html).`
    )
    expect(fake.log()).toContain(
      `${A}: stale: 1 URL served from a copy cached before the invalidation (/b.html).`
    )
  })

  it('does not pass a target it could not verify (not Completed)', async () => {
    const fake = fakeRunner({})
    const outcome = await verifyCompleted(
      [{ distributionId: A, paths: ['/a'], invalidationId: 'I1', status: 'InProgress' }],
      ['/a'],
      { verify: true },
      {
        client: client(),
        runner: fake.runner,
        clock: fakeTime().clock,
        proxy: {},
        deadline: deadline(),
        site: fakeSite({}).site
      }
    )
    expect(outcome.verified).toBe('false')
    expect(fake.warnings()).toEqual([`verify: ${A} was not verified: invalidation I1 is not Completed.`])
  })

  it('refuses one verify-url for several targets, naming the input', () => {
    expect(() => {
      checkVerifyTargets({ verify: true, site: siteOfDomain('www.example.com') }, [
        { kind: 'distribution', id: A },
        { kind: 'distribution', id: 'E2BBBBBBBBBBBB' }
      ])
    }).toThrow(/^verify-url: one address is given, but the step invalidates 2 distributions and tenants/)
  })
})

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
      [{ target: { kind: 'distribution', id: A }, foundBy: ['distribution-id'] }],
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
        deadline: { at: 60_000, seconds: 60, signal: new AbortController().signal }
      }
    )
    expect(result).toMatchObject({ invalidationId: 'I1', status: 'Completed', paths: ['/a.html'], polls: 2 })
    expect(got.createdAt).toBe(createTime.getTime())
    expect(cloudFront.calls()).toHaveLength(3)
  })

  it('times out as a wait does, with the invalidation handed on', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(record('I1', 'InProgress', ['/a.html']))
    const time = fakeTime()
    const target = { target: { kind: 'distribution' as const, id: A }, foundBy: ['distribution-id'] }
    const { result } = await awaitEarlier(
      target,
      'I1',
      { waitTimeoutSeconds: 20 },
      {
        client: client(),
        runner: fakeRunner({}).runner,
        clock: time.clock,
        deadline: { at: 20_000, seconds: 20, signal: new AbortController().signal }
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
})
