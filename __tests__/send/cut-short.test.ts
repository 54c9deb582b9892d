import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFrontClient,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  ListInvalidationsCommand,
  ListInvalidationsForDistributionTenantCommand
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { TEST_KEYS, accessDenied } from '../../__fixtures__/aws.js'
import { fakeTime } from '../../__fixtures__/clock.js'
import { CancelledError, GRACE_MS } from '../../src/common/clock.js'
import { createCloudFrontClient } from '../../src/cloudfront/client.js'
import { foundAfter, lookForCutShort, mayExist } from '../../src/send/cut-short.js'
import type { Deadline, Plan } from '../../src/types.js'

const A = 'E2QWRUHAPOMQZL'
const TENANT = 'dt_2wjDZi3hD1ivOXf6rpZJOSN001'
const SENT_AT = Date.parse('2026-12-07T10:00:00Z')
const REFERENCE = 'gha-1-1-mine'

const cloudFront = mockClient(CloudFrontClient)
beforeEach(() => {
  cloudFront.reset()
})

/** Only the target and the CallerReference matter to the lookup; the rest of a plan is not read. */
const plan = (target: Plan['target'] = { kind: 'distribution', id: A }): Plan =>
  ({ distributionId: target.id, target, paths: ['/a'], callerReference: REFERENCE }) as Partial<Plan> as Plan
const cancelled = (): Deadline => ({
  at: 0,
  seconds: 60,
  signal: AbortSignal.abort(new CancelledError('SIGINT'))
})
const timedOut = (): Deadline => ({
  at: 0,
  seconds: 60,
  signal: AbortSignal.abort(new DOMException('timeout', 'TimeoutError')),
  cancel: new AbortController().signal
})

const summary = (id: string, at: number) => ({ Id: id, CreateTime: new Date(at), Status: 'InProgress' })
const record = (id: string, reference: string) => ({
  Invalidation: {
    Id: id,
    Status: 'InProgress',
    CreateTime: new Date(SENT_AT),
    InvalidationBatch: { CallerReference: reference, Paths: { Quantity: 1, Items: ['/a'] } }
  }
})
const client = () => createCloudFrontClient({ credentials: TEST_KEYS })

describe('lookForCutShort', () => {
  it('reads the newest first, one at a time, to the one with its CallerReference, creating nothing', async () => {
    // Listed in another order than CloudFront's (as moto does): the step reads the newest first all the same.
    cloudFront.on(ListInvalidationsCommand).resolves({
      InvalidationList: {
        Items: [
          summary('IOLD', SENT_AT - 3_600_000),
          summary('IMINE', SENT_AT + 200),
          summary('INEWER', SENT_AT + 500)
        ]
      } as never
    })
    cloudFront
      .on(GetInvalidationCommand, { Id: 'INEWER' })
      .resolves(record('INEWER', 'gha-1-1-someone-else'))
      .on(GetInvalidationCommand, { Id: 'IMINE' })
      .resolves(record('IMINE', REFERENCE))
    const lookup = await lookForCutShort(plan(), SENT_AT, cancelled(), {
      client: client(),
      clock: fakeTime().clock
    })
    expect(lookup).toEqual({ found: { id: 'IMINE', status: 'InProgress' } })
    expect(cloudFront.commandCalls(ListInvalidationsCommand)[0]?.args[0].input).toEqual({
      DistributionId: A,
      MaxItems: 10
    })
    // Newest first, stopping at the match; the one made an hour earlier is not read.
    expect(cloudFront.commandCalls(GetInvalidationCommand).map(call => call.args[0].input.Id)).toEqual([
      'INEWER',
      'IMINE'
    ])
  })

  it('says it found none when no recent invalidation has the CallerReference', async () => {
    cloudFront
      .on(ListInvalidationsCommand)
      .resolves({ InvalidationList: { Items: [summary('I1', SENT_AT)] } as never })
    cloudFront.on(GetInvalidationCommand).resolves(record('I1', 'gha-1-1-someone-else'))
    const lookup = await lookForCutShort(plan(), SENT_AT, timedOut(), {
      client: client(),
      clock: fakeTime().clock
    })
    expect(lookup).toEqual({
      missing: `The step looked among the newest invalidations of ${A} and found none with it; CloudFront may still make it.`
    })
  })

  it('passes over the same CallerReference with other paths (CloudFront refuses that batch), and a candidate it cannot read', async () => {
    cloudFront.on(ListInvalidationsCommand).resolves({
      InvalidationList: {
        Items: [
          summary('IREUSED', SENT_AT + 100),
          summary('IUNREADABLE', SENT_AT + 50),
          summary('IMINE', SENT_AT)
        ]
      } as never
    })
    const reused = record('IREUSED', REFERENCE)
    reused.Invalidation.InvalidationBatch.Paths = { Quantity: 1, Items: ['/old.html'] }
    cloudFront
      .on(GetInvalidationCommand, { Id: 'IREUSED' })
      .resolves(reused)
      .on(GetInvalidationCommand, { Id: 'IUNREADABLE' })
      .rejects(
        Object.assign(new Error('Service Unavailable'), {
          name: 'ServiceUnavailable',
          $metadata: { httpStatusCode: 503 }
        })
      )
      .on(GetInvalidationCommand, { Id: 'IMINE' })
      .resolves(record('IMINE', REFERENCE))
    const lookup = await lookForCutShort(plan(), SENT_AT, cancelled(), {
      client: client(),
      clock: fakeTime().clock
    })
    expect(lookup).toEqual({ found: { id: 'IMINE', status: 'InProgress' } })
  })

  it('finds it on a runner whose clock is 10 minutes ahead of AWS', async () => {
    cloudFront
      .on(ListInvalidationsCommand)
      .resolves({ InvalidationList: { Items: [summary('I1', SENT_AT)] } as never })
    cloudFront.on(GetInvalidationCommand).resolves(record('I1', REFERENCE))
    const lookup = await lookForCutShort(plan(), SENT_AT + 10 * 60_000, cancelled(), {
      client: client(),
      clock: fakeTime().clock
    })
    expect(lookup).toEqual({ found: { id: 'I1', status: 'InProgress' } })
  })

  it('says why it could not look: the role may not list invalidations', async () => {
    cloudFront.on(ListInvalidationsCommand).rejects(accessDenied())
    const lookup = await lookForCutShort(plan(), SENT_AT, cancelled(), {
      client: client(),
      clock: fakeTime().clock
    })
    expect('missing' in lookup && lookup.missing).toMatch(
      /^The step could not look for it: Access denied to cloudfront:ListInvalidations on distribution E2QWRUHAPOMQZL\. Allow /
    )
  })

  it('gives up at the end of its grace, saying how long it looked', async () => {
    const time = fakeTime()
    cloudFront.on(ListInvalidationsCommand).callsFake(() => {
      // CloudFront never answers; the grace's timer ends the call.
      time.advance(GRACE_MS.cancelled)
      throw Object.assign(new Error('aborted'), { name: 'AbortError' })
    })
    const lookup = await lookForCutShort(plan(), SENT_AT, cancelled(), {
      client: client(),
      clock: time.clock
    })
    expect(lookup).toEqual({
      missing:
        "The step looked for it for 1.2 s and had no answer in that time (from CloudFront, or a turn in the step's pace of calls)."
    })
  })

  it('looks through the tenant API for a tenant', async () => {
    cloudFront
      .on(ListInvalidationsForDistributionTenantCommand)
      .resolves({ InvalidationList: { Items: [summary('IT', SENT_AT)] } as never })
    cloudFront.on(GetInvalidationForDistributionTenantCommand).resolves(record('IT', REFERENCE))
    const lookup = await lookForCutShort(plan({ kind: 'tenant', id: TENANT }), SENT_AT, cancelled(), {
      client: client(),
      clock: fakeTime().clock
    })
    expect(lookup).toEqual({ found: { id: 'IT', status: 'InProgress' } })
    expect(cloudFront.commandCalls(ListInvalidationsForDistributionTenantCommand)[0]?.args[0].input).toEqual({
      Id: TENANT,
      MaxItems: 10
    })
  })
})

describe('what a cut-short create left', () => {
  it('may exist: the CallerReference, what the lookup said, and the commands that show it', () => {
    expect(mayExist(plan(), 'Not found.')).toBe(
      `It may have been created all the same, with CallerReference ${REFERENCE}. Not found. To see whether it exists, run aws cloudfront list-invalidations --distribution-id ${A} (newest first), then aws cloudfront get-invalidation --distribution-id ${A} --id ID for each one's CallerReference and paths.`
    )
    expect(mayExist(plan({ kind: 'tenant', id: TENANT }), 'Not found.')).toContain(
      `run aws cloudfront list-invalidations-for-distribution-tenant --id ${TENANT} (newest first), then aws cloudfront get-invalidation-for-distribution-tenant --distribution-tenant-id ${TENANT} --id ID for each`
    )
  })

  it('found: in the words of what cut it short', () => {
    const found = { id: 'I1', status: 'InProgress' as const }
    expect(foundAfter(cancelled(), plan(), found)).toBe(
      `Cancelled before CloudFront answered the create on ${A}; the step then found invalidation I1 by its CallerReference (${REFERENCE}), and it goes on in CloudFront.`
    )
    expect(foundAfter(timedOut(), plan(), found)).toMatch(
      /^Timed out after 60 s \(wait-timeout\) before CloudFront answered/
    )
  })
})
