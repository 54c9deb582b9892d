/**
 * verifyCompleted: what the step logs, annotates and decides for each completed result, with CloudFront
 * mocked at the SDK's edge, the fake clock, and a fake site client (or a real one, at a server on
 * 127.0.0.1, to see it closed).
 */
import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { describe, expect, it } from '@jest/globals'
import {
  AccessDenied,
  GetDistributionCommand,
  GetDistributionTenantCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  NoSuchInvalidation
} from '@aws-sdk/client-cloudfront'
import { fakeTime } from '../../__fixtures__/clock.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import {
  DISTRIBUTION_ID as A,
  afterCreate as at,
  cloudFrontClient,
  deadlineAt,
  fakeSite,
  freshMiss as miss,
  invalidationRecord,
  mockCloudFront
} from '../../__fixtures__/verify.js'
import type { DistributionResult } from '../../src/types.js'
import { checkVerifyTargets, verifyCompleted } from '../../src/verify/index.js'
import type { SiteClient } from '../../src/verify/site.js'
import type { VerifySettings } from '../../src/inputs/verify.js'
import { siteOfDomain } from '../../src/verify/urls.js'

const cloudFront = mockCloudFront()
const record = (paths: string[], id = 'I1') => invalidationRecord(id, 'Completed', paths)

const completed = (paths: string[], more: Partial<DistributionResult> = {}): DistributionResult => ({
  distributionId: A,
  target: { kind: 'distribution', id: A },
  paths,
  invalidationId: 'I1',
  status: 'Completed',
  ...more
})

async function verify(
  results: DistributionResult[],
  options: { files?: string[]; settings?: VerifySettings; site?: SiteClient } = {}
) {
  const fake = fakeRunner({})
  const time = fakeTime()
  const outcome = await verifyCompleted(
    results,
    options.files ?? results.flatMap(result => result.paths),
    options.settings ?? { verify: true },
    {
      client: cloudFrontClient(),
      runner: fake.runner,
      clock: time.clock,
      proxy: {},
      deadline: deadlineAt(1e9, 1800),
      ...(options.site ? { site: options.site } : {})
    }
  )
  return { ...fake, outcome, sleeps: time.sleeps }
}

describe('verifyCompleted', () => {
  it('passes when every URL is live, logging each in a group', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(record(['/a.html', '/b.html']))
    cloudFront
      .on(GetDistributionCommand)
      .resolves({ Distribution: { DomainName: 'd1.cloudfront.net' } as never })
    const { site, asked } = fakeSite()
    const { outcome, events, errors, warnings } = await verify([completed(['/a.html', '/b.html'])], { site })
    expect(outcome).toMatchObject({
      verified: 'true',
      verifications: [{ targetId: A, invalidationId: 'I1' }]
    })
    expect(outcome.failure).toBeUndefined()
    expect(asked).toEqual(['https://d1.cloudfront.net/a.html', 'https://d1.cloudfront.net/b.html'])
    expect(events).toEqual([
      {
        kind: 'info',
        message: `Verifying 2 changed URLs of ${A} at https://d1.cloudfront.net, against invalidation I1.`
      },
      { kind: 'group', title: `Verified 2 URLs of ${A} at https://d1.cloudfront.net` },
      {
        kind: 'info',
        message: expect.stringMatching(/^ {2}live {6}https:\/\/d1\.cloudfront\.net\/a\.html /)
      },
      {
        kind: 'info',
        message: expect.stringMatching(/^ {2}live {6}https:\/\/d1\.cloudfront\.net\/b\.html /)
      },
      { kind: 'endgroup' },
      {
        kind: 'info',
        message: `${A}: live: 2 URLs served fresh from the origin since the invalidation (/a.html, /b.html).`
      }
    ])
    expect(errors()).toEqual([])
    expect(warnings()).toEqual([])
  })

  it('fails for URLs it could not check, saying how to let it through', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(record(['/a.html']))
    const { outcome, errors } = await verify([completed(['/a.html'])], {
      settings: { verify: true, site: { origin: 'https://www.example.com', hostname: 'www.example.com' } },
      site: fakeSite({ '/a.html': { status: 403, headers: {} } }).site
    })
    expect(errors()).toEqual([
      expect.stringMatching(
        /^verify: https:\/\/www\.example\.com\/a\.html could not be checked: 403 Forbidden: /
      )
    ])
    expect(outcome.verified).toBe('false')
    expect(outcome.failure).toBe(
      `verify: 1 not checkable on ${A}. The invalidation completed, but visitors are not known to get the new content; see the errors above. A URL that cannot be fetched cannot be verified: allow the runner through (AWS WAF, signed URLs, geographic restrictions), set verify-url to an address the runner can reach, or set verify: false to skip verifying.`
    )
    expect(cloudFront.commandCalls(GetDistributionCommand)).toHaveLength(0)
  })

  it('warns of long browser lifetimes without failing', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(record(['/app.js']))
    cloudFront
      .on(GetDistributionCommand)
      .resolves({ Distribution: { DomainName: 'd1.cloudfront.net' } as never })
    const { outcome, warnings } = await verify([completed(['/app.js'])], {
      site: fakeSite({ '/app.js': miss({ 'cache-control': 'max-age=31536000' }) }).site
    })
    expect(outcome.verified).toBe('true')
    expect(warnings()).toEqual([
      expect.stringMatching(
        /^verify: https:\/\/d1\.cloudfront\.net\/app\.js lets browsers keep it for 365 d /
      )
    ])
  })

  it('warns when the invalidation names no file to request, and requests nothing', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(record(['/img/*']))
    cloudFront
      .on(GetDistributionCommand)
      .resolves({ Distribution: { DomainName: 'd1.cloudfront.net' } as never })
    const { site, asked } = fakeSite()
    const { outcome, warnings, log } = await verify([completed(['/img/*'])], { files: [], site })
    expect(asked).toEqual([])
    expect(log()).toContain(
      "1 wildcard not verified (/img/*): no file under it was listed. List the changed files (paths-file, or the changes action's output) to have them checked."
    )
    expect(warnings()).toEqual([
      `verify: nothing of ${A} could be verified: the invalidation names no file (only cache tags, or wildcards with no listed file under them). List the changed files with paths-file to have them checked.`
    ])
    expect(outcome.verified).toBe('true')
  })

  it('skips a result that made no invalidation', async () => {
    const { site, asked } = fakeSite()
    const { outcome, events } = await verify(
      [{ distributionId: A, target: { kind: 'distribution', id: A }, paths: ['/a'], error: 'refused' }],
      { site }
    )
    expect(outcome).toEqual({ verified: 'true', verifications: [] })
    expect(events).toEqual([])
    expect(asked).toEqual([])
    expect(cloudFront.calls()).toHaveLength(0)
  })

  it('verifies a tenant at its own domain', async () => {
    const tenant = { kind: 'tenant' as const, id: 'dt_1' }
    cloudFront
      .on(GetInvalidationForDistributionTenantCommand, { DistributionTenantId: 'dt_1', Id: 'I1' })
      .resolves(record(['/a.html']))
    cloudFront
      .on(GetDistributionTenantCommand, { Identifier: 'dt_1' })
      .resolves({ DistributionTenant: { Domains: [{ Domain: 'shop.example.com' }] } })
    const { site, asked } = fakeSite()
    const { outcome } = await verify([completed(['/a.html'], { distributionId: 'dt_1', target: tenant })], {
      site
    })
    expect(asked).toEqual(['https://shop.example.com/a.html'])
    expect(outcome).toMatchObject({ verified: 'true', verifications: [{ targetId: 'dt_1' }] })
  })

  it('asks again for an invalidation CloudFront does not show yet, pausing on the clock', async () => {
    cloudFront
      .on(GetInvalidationCommand)
      .rejectsOnce(new Error('not visible yet'))
      .resolves(record(['/a.html']))
    cloudFront
      .on(GetDistributionCommand)
      .resolves({ Distribution: { DomainName: 'd1.cloudfront.net' } as never })
    const { outcome, sleeps } = await verify([completed(['/a.html'])], { site: fakeSite().site })
    expect(sleeps).toEqual([2000])
    expect(outcome.verified).toBe('true')
  })

  it('gives up after three tries, and fails naming the target, with the detail in the debug log', async () => {
    cloudFront.on(GetInvalidationCommand).rejects(new Error('socket hang up'))
    const { outcome, sleeps, errors, events } = await verify([completed(['/a.html'])], {
      site: fakeSite().site
    })
    expect(cloudFront.commandCalls(GetInvalidationCommand)).toHaveLength(3)
    expect(sleeps).toEqual([2000, 4000])
    expect(errors()).toEqual([expect.stringMatching(new RegExp(`^verify: ${A} could not be verified: `))])
    expect(events.some(event => event.kind === 'debug' && event.message.includes('socket hang up'))).toBe(
      true
    )
    expect(outcome).toEqual({
      verified: 'false',
      verifications: [],
      failure: `verify: ${A} could not be verified. The invalidation completed, but visitors are not known to get the new content; see the errors above.`
    })
  })

  it('does not ask again when the fix is the user’s, and goes on with the next target', async () => {
    const B = 'E2BBBBBBBBBBBB'
    cloudFront
      .on(GetInvalidationCommand, { DistributionId: A })
      .rejects(new NoSuchInvalidation({ message: 'nope', $metadata: {} }))
    cloudFront.on(GetInvalidationCommand, { DistributionId: B }).resolves(record(['/a.html'], 'I2'))
    cloudFront.on(GetDistributionCommand).rejects(new AccessDenied({ message: 'denied', $metadata: {} }))
    const { outcome, sleeps, errors } = await verify(
      [
        completed(['/a.html']),
        completed(['/a.html'], {
          distributionId: B,
          target: { kind: 'distribution', id: B },
          invalidationId: 'I2'
        })
      ],
      { site: fakeSite().site }
    )
    expect(cloudFront.commandCalls(GetInvalidationCommand)).toHaveLength(2)
    expect(sleeps).toEqual([])
    expect(errors()).toEqual([
      expect.stringMatching(
        new RegExp(`^verify: ${A} could not be verified: invalidation-id: CloudFront has no invalidation I1`)
      ),
      expect.stringMatching(
        new RegExp(
          `^verify: ${B} could not be verified: verify: access denied to cloudfront:GetDistribution on distribution ${B}`
        )
      )
    ])
    expect(outcome.failure).toMatch(
      new RegExp(`^verify: ${A} could not be verified; ${B} could not be verified\\. `)
    )
  })

  it('closes the site client it made itself', async () => {
    const sockets: Socket[] = []
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'x-cache': 'Miss from cloudfront', date: at(60) })
      response.end()
    })
    server.on('connection', socket => {
      sockets.push(socket)
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      cloudFront.on(GetInvalidationCommand).resolves(record(['/a.html']))
      const { outcome } = await verify([completed(['/a.html'])], {
        settings: { verify: true, site: { origin, hostname: '127.0.0.1' } }
      })
      expect(outcome.verified).toBe('true')
      expect(sockets).toHaveLength(1)
      // A keep-alive connection stays open until its agent is destroyed.
      const closed = await new Promise(resolve => {
        const timer = setTimeout(() => {
          resolve(false)
        }, 2000)
        sockets[0]?.once('close', () => {
          clearTimeout(timer)
          resolve(true)
        })
      })
      expect(closed).toBe(true)
    } finally {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
  })
})

describe('verifyCompleted: stale copies and unfinished invalidations', () => {
  it('verifies each completed result at its own domain, and fails naming what was stale', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(record(['/a.html', '/b.html']))
    cloudFront
      .on(GetDistributionCommand)
      .resolves({ Distribution: { DomainName: 'd1.cloudfront.net' } as never })
    const { site } = fakeSite({
      '/a.html': { status: 200, headers: { 'x-cache': 'Hit from cloudfront', date: at(60), age: '30' } },
      '/b.html': { status: 200, headers: { 'x-cache': 'Hit from cloudfront', date: at(-7200), age: '7260' } }
    })
    const { outcome, errors, log } = await verify([completed(['/a.html', '/b.html'])], { site })
    expect(outcome.verified).toBe('false')
    expect(outcome.failure).toMatch(/^verify: 1 stale URL on E1AAAAAAAAAAAA\./)
    expect(errors()).toEqual([
      expect.stringMatching(
        /^verify: https:\/\/d1\.cloudfront\.net\/b\.html is stale: the edge \(X-Cache Hit, Age 7260\) served a copy fetched from the origin 2 h before invalidation I1/
      )
    ])
    expect(log()).toContain(
      `${A}: live: 1 URL served fresh from the origin since the invalidation (/a.html).`
    )
    expect(log()).toContain(`${A}: stale: 1 URL served from a copy cached before the invalidation (/b.html).`)
  })

  it('does not pass a target it could not verify (not Completed)', async () => {
    const { outcome, warnings } = await verify([completed(['/a'], { status: 'InProgress' })], {
      site: fakeSite().site
    })
    expect(outcome.verified).toBe('false')
    expect(warnings()).toEqual([`verify: ${A} was not verified: invalidation I1 is not Completed.`])
  })
})

describe('checkVerifyTargets', () => {
  it('refuses one verify-url for several targets, naming the input', () => {
    expect(() => {
      checkVerifyTargets({ verify: true, site: siteOfDomain('www.example.com') }, [
        { kind: 'distribution', id: A },
        { kind: 'distribution', id: 'E2BBBBBBBBBBBB' }
      ])
    }).toThrow(/^verify-url: one address is given, but the step invalidates 2 distributions and tenants/)
  })
})
