/**
 * One target's invalidation: the create and its retries, the wait, and the error each way it can end,
 * with CloudFront mocked at the SDK's edge, the fake runner and the fake clock.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  AccessDenied,
  CloudFrontClient,
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  GetInvalidationCommand,
  ListInvalidationsCommand,
  NoSuchInvalidation,
  TooManyInvalidationsInProgress
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { invalidationAnswer as created, useEnvironmentKeys } from '../../__fixtures__/aws.js'
import { fakeTime } from '../../__fixtures__/clock.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { CancelledError, startDeadline } from '../../src/common/clock.js'
import { readSettings } from '../../src/inputs/inputs.js'
import {
  NOT_VISIBLE_MS,
  invalidateOne,
  plannedResult,
  underFailOnTimeout,
  type InvalidateDeps
} from '../../src/send/invalidate.js'
import { planInvalidations } from '../../src/send/plans.js'
import type { InvalidationStatus, Target } from '../../src/types.js'

const A = 'E1AAAAAAAAAAAA'
const cloudFront = mockClient(CloudFrontClient)
useEnvironmentKeys()
beforeEach(() => {
  cloudFront.reset()
})

const throttled = () =>
  Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } })
const unavailable = () =>
  Object.assign(new Error('Service Unavailable'), {
    name: 'ServiceUnavailable',
    $metadata: { httpStatusCode: 503 }
  })
const notYet = () =>
  new NoSuchInvalidation({ message: 'The specified invalidation does not exist.', $metadata: {} })

/**
 * invalidateOne for one target, with these inputs (paths /a unless given), on the fake clock from 0; the
 * step's deadline is wait-timeout from then, or `cancel`.
 */
async function invalidate(
  inputs: Record<string, string>,
  options: {
    target?: Target
    time?: ReturnType<typeof fakeTime>
    cancel?: AbortSignal
    deps?: Partial<InvalidateDeps>
  } = {}
) {
  const fake = fakeRunner({})
  const time = options.time ?? fakeTime()
  const settings = readSettings(
    name => ({ 'distribution-id': A, paths: '/a', ...inputs })[name] ?? '',
    () => Buffer.alloc(0),
    {}
  )
  const target = options.target ?? { kind: 'distribution', id: A }
  const [plan] = planInvalidations(fake.runner, settings, [{ target, foundBy: [] }], 'nonce')
  if (!plan) throw new Error('no plan')
  const createdIds: [string, InvalidationStatus][] = []
  const result = await invalidateOne(
    plan,
    settings,
    startDeadline(settings.waitTimeoutSeconds, time.clock, options.cancel),
    {
      client: new CloudFrontClient({ region: 'us-east-1' }),
      runner: fake.runner,
      clock: time.clock,
      onCreated: (id, status) => {
        createdIds.push([id, status])
      },
      ...options.deps
    }
  )
  return { ...fake, result, createdIds, time, plan }
}

describe('invalidateOne: the create', () => {
  it('creates the invalidation, logs its ID and hands it on, then returns without waiting', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    const { result, createdIds, log, plan } = await invalidate({ paths: '/a.html\n/b.html' })
    expect(result).toEqual({ ...plannedResult(plan), invalidationId: 'I1', status: 'InProgress' })
    expect(result.paths).toEqual(['/a.html', '/b.html'])
    expect(createdIds).toEqual([['I1', 'InProgress']])
    expect(log()).toEqual([`Created invalidation I1 on ${A} (InProgress).`])
    const sent = cloudFront.commandCalls(CreateInvalidationCommand)[0]?.args[0].input
    expect(sent?.DistributionId).toBe(A)
    expect(sent?.InvalidationBatch?.CallerReference).toBe(plan.callerReference)
  })

  it("creates a tenant's invalidation with the tenant's call", async () => {
    cloudFront.on(CreateInvalidationForDistributionTenantCommand).resolves(created('I2'))
    const { result } = await invalidate({}, { target: { kind: 'tenant', id: 'dt_1' } })
    expect(result).toMatchObject({ distributionId: 'dt_1', invalidationId: 'I2' })
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(0)
  })

  it('retries TooManyInvalidationsInProgress up to the deadline, with a last try just before it', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .rejects(new TooManyInvalidationsInProgress({ message: 'Too many', $metadata: {} }))
    const { result, time, createdIds } = await invalidate({ 'wait-timeout': '60' })
    expect(cloudFront.commandCalls(CreateInvalidationCommand).length).toBeGreaterThan(3)
    expect(time.now()).toBeGreaterThanOrEqual(59_000)
    expect(time.now()).toBeLessThanOrEqual(60_000)
    expect(result.error).toContain('Too many invalidations are in progress')
    expect(result.invalidationId).toBeUndefined()
    expect(createdIds).toEqual([])
  })

  it('keeps creating through throttling and 5xx past the SDK attempts, with one CallerReference', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(unavailable())
      .rejectsOnce(throttled())
      .resolves(created('I1'))
    const { result, log, time } = await invalidate({ 'wait-timeout': '600' })
    expect(result.error).toBeUndefined()
    expect(result.invalidationId).toBe('I1')
    const references = cloudFront
      .commandCalls(CreateInvalidationCommand)
      .map(call => call.args[0].input.InvalidationBatch?.CallerReference)
    expect(references).toHaveLength(4)
    expect(new Set(references).size).toBe(1)
    expect(log()).toContainEqual(
      expect.stringContaining(
        `CloudFront did not accept the invalidation of ${A} (CreateInvalidation on ${A} failed: ServiceUnavailable: Service Unavailable); retrying in`
      )
    )
    expect(time.sleeps).toHaveLength(3)
  })

  it('fails at wait-timeout, naming the last answer, when CloudFront throttles the whole time', async () => {
    cloudFront.on(CreateInvalidationCommand).rejects(throttled())
    const { result, time } = await invalidate({ 'wait-timeout': '120' })
    expect(time.now()).toBeGreaterThanOrEqual(119_000)
    expect(time.now()).toBeLessThanOrEqual(120_000)
    expect(result.error).toBe(
      `Timed out after 120 s (wait-timeout): CloudFront did not accept the invalidation of ${A} in time (the last try: CreateInvalidation on ${A} failed: Throttling: Rate exceeded). Nothing was reported as created; check the network or proxy to CloudFront, or raise wait-timeout.`
    )
    expect(result.timedOut).toBeUndefined()
  })

  it("says a fleet's create that the deadline cut off may not have been sent, at CloudFront's rate", async () => {
    const time = fakeTime()
    cloudFront.on(CreateInvalidationCommand).callsFake(async () => {
      time.advance(20_000)
      throw Object.assign(new Error('aborted'), { name: 'AbortError' })
    })
    // Looked for afterwards by its CallerReference (send/cut-short.ts): CloudFront holds none.
    cloudFront.on(ListInvalidationsCommand).resolves({ InvalidationList: { Items: [] } as never })
    const { result, plan } = await invalidate({ 'wait-timeout': '10' }, { time, deps: { quiet: true } })
    expect(result.error).toBe(
      `Timed out after 10 s (wait-timeout): CloudFront did not accept the invalidation of ${A} in time (no answer, or not sent yet: the step sends at most 0.5 creates a second, CloudFront's default rate for the account, and this one's turn had not come). It may have been created all the same, with CallerReference ${plan.callerReference}. The step looked among the newest invalidations of ${A} and found none with it; CloudFront may still make it. To see whether it exists, run aws cloudfront list-invalidations --distribution-id ${A} (newest first), then aws cloudfront get-invalidation --distribution-id ${A} --id ID for each one's CallerReference and paths. Otherwise raise wait-timeout (creating N invalidations takes about N / 0.5 s), or check the network or proxy to CloudFront.`
    )
    expect(result).toMatchObject({ maybeCreated: true, cutShort: 'create' })
  })

  it('says a lone create the deadline cut off had no answer, or what the try before it met', async () => {
    const time = fakeTime()
    cloudFront.on(CreateInvalidationCommand).callsFake(async () => {
      time.advance(20_000)
      throw Object.assign(new Error('aborted'), { name: 'AbortError' })
    })
    const { result } = await invalidate({ 'wait-timeout': '10' }, { time })
    expect(result.error).toMatch(new RegExp(`invalidation of ${A} in time \\(no answer\\)\\. `))

    const again = fakeTime()
    cloudFront.reset()
    cloudFront
      .on(CreateInvalidationCommand)
      .rejectsOnce(unavailable())
      .callsFake(async () => {
        again.advance(20_000)
        throw Object.assign(new Error('aborted'), { name: 'AbortError' })
      })
    const retried = await invalidate({ 'wait-timeout': '10' }, { time: again })
    expect(retried.result.error).toContain(
      `(no answer to the last try; the one before: CreateInvalidation on ${A} failed: ServiceUnavailable: Service Unavailable)`
    )
  })

  it('does not retry what no retry can fix', async () => {
    cloudFront.on(CreateInvalidationCommand).rejects(
      new AccessDenied({
        message: 'User is not authorized to perform cloudfront:CreateInvalidation',
        $metadata: {}
      })
    )
    const { result, time } = await invalidate({})
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(1)
    expect(result.error).toContain('Access denied to cloudfront:CreateInvalidation')
    expect(time.sleeps).toEqual([])
  })

  it('says the job was cancelled before CloudFront confirmed, giving the CallerReference', async () => {
    const cancel = new AbortController()
    cloudFront.on(CreateInvalidationCommand).callsFake(async () => {
      cancel.abort(new CancelledError('SIGINT'))
      throw Object.assign(new Error('aborted'), { name: 'AbortError' })
    })
    cloudFront
      .on(ListInvalidationsCommand)
      .rejects(
        new AccessDenied({ message: 'not authorized to perform cloudfront:ListInvalidations', $metadata: {} })
      )
    const { result, plan, createdIds } = await invalidate({}, { cancel: cancel.signal })
    expect(result.error).toMatch(
      new RegExp(
        `^Cancelled before CloudFront answered the create on ${A}\\. It may have been created all the same, with CallerReference ${plan.callerReference}\\. The step could not look for it: Access denied to cloudfront:ListInvalidations on distribution ${A}\\. `
      )
    )
    expect(result).toMatchObject({ maybeCreated: true, cutShort: 'create' })
    expect(createdIds).toEqual([])
  })

  it('a create the job was cancelled in, found afterwards by its CallerReference, is handed on', async () => {
    const cancel = new AbortController()
    cloudFront.on(CreateInvalidationCommand).callsFake(async () => {
      cancel.abort(new CancelledError('SIGINT'))
      throw Object.assign(new Error('aborted'), { name: 'AbortError' })
    })
    cloudFront.on(ListInvalidationsCommand).resolves({
      InvalidationList: { Items: [{ Id: 'IFOUND', CreateTime: new Date(), Status: 'InProgress' }] } as never
    })
    // CloudFront holds the invalidation the unanswered create made, with the CallerReference it was sent.
    cloudFront.on(GetInvalidationCommand).callsFake(() => ({
      Invalidation: {
        Id: 'IFOUND',
        Status: 'InProgress',
        CreateTime: new Date(),
        InvalidationBatch: {
          CallerReference:
            cloudFront.commandCalls(CreateInvalidationCommand)[0]?.args[0].input.InvalidationBatch
              ?.CallerReference,
          Paths: { Quantity: 1, Items: ['/a'] }
        }
      }
    }))
    const { result, plan, createdIds, log } = await invalidate({ wait: 'true' }, { cancel: cancel.signal })
    expect(createdIds).toEqual([['IFOUND', 'InProgress']])
    expect(result).toMatchObject({ invalidationId: 'IFOUND', status: 'InProgress', cutShort: 'create' })
    expect(result.error).toBe(
      `Cancelled before CloudFront answered the create on ${A}; the step then found invalidation IFOUND by its CallerReference (${plan.callerReference}), and it goes on in CloudFront.`
    )
    expect(log()).toContain(
      `Found invalidation IFOUND on ${A} (InProgress) by its CallerReference: CloudFront had not answered its create.`
    )
  })
})

describe('invalidateOne: the wait', () => {
  it('polls until Completed, logging its progress, and says how long it took', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    cloudFront.on(GetInvalidationCommand).resolvesOnce(created('I1')).resolves(created('I1', 'Completed'))
    const { result, log, createdIds } = await invalidate({ wait: 'true' })
    expect(result).toMatchObject({ invalidationId: 'I1', status: 'Completed', polls: 2, answeredPolls: 2 })
    expect(createdIds).toEqual([['I1', 'InProgress']])
    expect(log()).toEqual([
      `Created invalidation I1 on ${A} (InProgress).`,
      'Waiting for I1 to complete (wait-timeout 1800 s).',
      '  I1: InProgress after 1.0 s (1 poll)',
      `Invalidation I1 on ${A} completed after 2.0 s (2 polls).`
    ])
  })

  it('does not poll an invalidation Completed when created', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1', 'Completed'))
    const { result } = await invalidate({ wait: 'true' })
    expect(result).toMatchObject({ status: 'Completed', waitedMs: 0, polls: 0, answeredPolls: 0 })
    expect(cloudFront.commandCalls(GetInvalidationCommand)).toHaveLength(0)
  })

  it("puts a fleet target's routine lines in the debug log, but its ID in the log", async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    cloudFront.on(GetInvalidationCommand).resolves(created('I1', 'Completed'))
    const { log, debugs } = await invalidate({ wait: 'true' }, { deps: { quiet: true } })
    expect(log()).toEqual([`Created invalidation I1 on ${A} (InProgress).`])
    expect(debugs()).toEqual(
      expect.arrayContaining([
        'Waiting for I1 to complete (wait-timeout 1800 s).',
        `Invalidation I1 on ${A} completed after 1.0 s (1 poll).`
      ])
    )
  })

  it('times out at wait-timeout still InProgress, the invalidation going on', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    cloudFront.on(GetInvalidationCommand).resolves(created('I1'))
    const { result, time } = await invalidate({ wait: 'true', 'wait-timeout': '30' })
    expect(result.timedOut).toBe(true)
    expect(result.status).toBe('InProgress')
    expect(result.error).toMatch(
      new RegExp(
        `^Timed out after 30 s \\(wait-timeout\\) waiting for invalidation I1 on ${A}: still InProgress after \\d+ polls\\. The invalidation goes on in CloudFront`
      )
    )
    expect(time.now()).toBeLessThanOrEqual(30_000)
  })

  it('says so when no poll was ever answered, rather than "still InProgress"', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    cloudFront
      .on(GetInvalidationCommand)
      .rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} }))
    const { result } = await invalidate({ wait: 'true', 'wait-timeout': '20' })
    expect(result.error).toContain('CloudFront answered none of')
    expect(result.error).toContain('socket hang up')
    expect(result.error).not.toContain('still InProgress')
    expect(result.answeredPolls).toBe(0)
  })

  it('polls again while a new invalidation is not yet visible, and gives up after NOT_VISIBLE_MS', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    cloudFront
      .on(GetInvalidationCommand)
      .rejectsOnce(notYet())
      .rejectsOnce(notYet())
      .resolves(created('I1', 'Completed'))
    expect((await invalidate({ wait: 'true' })).result.status).toBe('Completed')

    cloudFront.reset()
    cloudFront.on(CreateInvalidationCommand).resolves(created('I2'))
    cloudFront.on(GetInvalidationCommand).rejects(notYet())
    const { result, time } = await invalidate({ wait: 'true' })
    expect(result.invalidationId).toBe('I2')
    expect(result.error).toMatch(
      /NoSuchInvalidation.* Invalidation I2 was created and goes on in CloudFront; only waiting for it stopped\.$/
    )
    expect(time.now()).toBeGreaterThanOrEqual(NOT_VISIBLE_MS)
    expect(time.now()).toBeLessThan(NOT_VISIBLE_MS + 5_000)
  })

  it('says the wait was cancelled, the invalidation going on', async () => {
    const cancel = new AbortController()
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    let polls = 0
    cloudFront.on(GetInvalidationCommand).callsFake(async () => {
      if (++polls === 2) cancel.abort(new CancelledError('SIGINT'))
      return created('I1')
    })
    const { result } = await invalidate({ wait: 'true' }, { cancel: cancel.signal })
    expect(result.error).toBe(
      `Cancelled while waiting for invalidation I1 on ${A}; it goes on in CloudFront.`
    )
    expect(result.timedOut).toBeUndefined()
  })
})

describe('underFailOnTimeout', () => {
  const target = { kind: 'distribution', id: A } as const
  const timedOut = {
    distributionId: A,
    target,
    paths: ['/a'],
    error: 'Timed out after 30 s.',
    timedOut: true
  }

  it('turns a wait that ran out into a warning with fail-on-timeout false', () => {
    const fake = fakeRunner({})
    expect(underFailOnTimeout(fake.runner, false, timedOut)).toEqual({
      distributionId: A,
      target,
      paths: ['/a'],
      timedOut: true,
      warning: 'Timed out after 30 s. fail-on-timeout is false, so the step does not fail.'
    })
    expect(fake.warnings()).toEqual([
      `${A}: Timed out after 30 s. fail-on-timeout is false, so the step does not fail.`
    ])
  })

  it('leaves the error with fail-on-timeout true, and any error that is no timeout', () => {
    const fake = fakeRunner({})
    expect(underFailOnTimeout(fake.runner, true, timedOut)).toBe(timedOut)
    const denied = { distributionId: A, target, paths: ['/a'], error: 'Access denied' }
    expect(underFailOnTimeout(fake.runner, false, denied)).toBe(denied)
    expect(fake.warnings()).toEqual([])
  })
})
