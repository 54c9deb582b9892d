/**
 * All the step's targets at once: their results in order, the slots their IDs are handed on in, the one
 * progress line of a fleet, the targets in place of one that failed, and what the account's rate allows;
 * CloudFront mocked at the SDK's edge, the fake runner and the fake clock.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  AccessDenied,
  CloudFrontClient,
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  GetInvalidationCommand
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { invalidationAnswer as created, useEnvironmentKeys } from '../../__fixtures__/aws.js'
import { fakeTime } from '../../__fixtures__/clock.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { Pace } from '../../src/cloudfront/pace.js'
import { startDeadline } from '../../src/common/clock.js'
import { readSettings } from '../../src/inputs/inputs.js'
import { invalidateAll, type FleetDeps } from '../../src/send/fleet.js'
import { planInvalidations } from '../../src/send/plans.js'
import type { ResolvedTarget } from '../../src/targets/lookup.js'

const A = 'E1AAAAAAAAAAAA'
const B = 'E2BBBBBBBBBBBB'
const C = 'E3CCCCCCCCCCCC'
const cloudFront = mockClient(CloudFrontClient)
useEnvironmentKeys()
beforeEach(() => {
  cloudFront.reset()
})

const byId = (id: string): ResolvedTarget => ({
  target: { kind: 'distribution', id },
  foundBy: [{ by: 'distribution-id' }]
})
const denied = () =>
  new AccessDenied({
    message: 'User is not authorized to perform cloudfront:CreateInvalidation',
    $metadata: {}
  })

/** invalidateAll for these distributions and inputs (paths /a unless given), on the fake clock from 0. */
async function invalidateFleet(
  ids: readonly string[],
  inputs: Record<string, string> = {},
  options: {
    time?: ReturnType<typeof fakeTime>
    pace?: Pace
    insteadOf?: FleetDeps['insteadOf']
  } = {}
) {
  const fake = fakeRunner({})
  const time = options.time ?? fakeTime()
  const settings = readSettings(
    name => ({ 'distribution-id': ids.join(' '), paths: '/a', ...inputs })[name] ?? '',
    () => Buffer.alloc(0),
    {}
  )
  const plans = planInvalidations(fake.runner, settings, ids.map(byId), 'nonce')
  const slots: string[] = []
  const results = await invalidateAll(
    plans,
    settings,
    startDeadline(settings.waitTimeoutSeconds, time.clock, undefined),
    {
      client: new CloudFrontClient({ region: 'us-east-1' }),
      runner: fake.runner,
      clock: time.clock,
      pace: options.pace ?? new Pace(time.clock),
      onCreated: (slot, target, id, status) => {
        slots.push(`[${slot.join(', ')}] ${target.id} ${id} ${status}`)
      },
      ...(options.insteadOf ? { insteadOf: options.insteadOf } : {})
    }
  )
  return { ...fake, results, slots, time, plans }
}

describe('invalidateAll', () => {
  it('returns each target its result, in the order planned, and hands each ID on in its slot', async () => {
    cloudFront
      .on(CreateInvalidationCommand, { DistributionId: A })
      .resolves(created('IA'))
      .on(CreateInvalidationCommand, { DistributionId: B })
      .rejects(denied())
      .on(CreateInvalidationCommand, { DistributionId: C })
      .resolves(created('IC'))
    const { results, slots } = await invalidateFleet([A, B, C])
    expect(results.map(result => [result.distributionId, result.invalidationId ?? result.error])).toEqual([
      [A, 'IA'],
      [B, expect.stringMatching(/^Access denied to cloudfront:CreateInvalidation/)],
      [C, 'IC']
    ])
    expect(slots).toEqual([`[0] ${A} IA InProgress`, `[2] ${C} IC InProgress`])
  })

  it("logs a fleet's progress in one line, each ID once, and each target's waiting lines in the debug log", async () => {
    cloudFront
      .on(CreateInvalidationCommand, { DistributionId: A })
      .resolves(created('IA'))
      .on(CreateInvalidationCommand, { DistributionId: B })
      .rejects(denied())
      .on(CreateInvalidationCommand, { DistributionId: C })
      .resolves(created('IC'))
      .on(GetInvalidationCommand)
      .resolves(created('IX', 'Completed'))
    const { log, debugs } = await invalidateFleet([A, B, C], { wait: 'true' })
    const lines = log()
    expect(lines[lines.length - 1]).toMatch(/^2 of 3 created, 2 completed, 1 failed \(/)
    expect(lines.filter(line => /^Created/.test(line))).toEqual([
      `Created invalidation IA on ${A} (InProgress).`,
      `Created invalidation IC on ${C} (InProgress).`
    ])
    const routine = /^(Waiting for|Invalidation .* completed)/
    expect(lines.filter(line => routine.test(line))).toEqual([])
    expect(debugs().filter(line => routine.test(line))).toHaveLength(4)
  })

  it('lets a single target log its own lines, with no progress line', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .resolves(created('IA'))
      .on(GetInvalidationCommand)
      .resolves(created('IA', 'Completed'))
    const { log } = await invalidateFleet([A], { wait: 'true' })
    expect(log()).toEqual([
      `Created invalidation IA on ${A} (InProgress).`,
      'Waiting for IA to complete (wait-timeout 1800 s).',
      `Invalidation IA on ${A} completed after 1.0 s (1 poll).`
    ])
  })

  it("warns up front when a fleet cannot be created within wait-timeout at CloudFront's rate", async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    const ids = Array.from({ length: 30 }, (_, index) => `E${String(index).padStart(13, '0')}`)
    const { warnings, events } = await invalidateFleet(ids, { 'wait-timeout': '20' })
    expect(warnings()).toEqual([
      expect.stringMatching(
        /^wait-timeout: creating 30 invalidations takes at least 52 s at CloudFront's default rate/
      )
    ])
    // Before anything is sent.
    expect(events[0]?.kind).toBe('warning')
    expect((await invalidateFleet(ids.slice(0, 2), { 'wait-timeout': '20' })).warnings()).toEqual([])
  })

  it("says a fleet's creates that the deadline cut off may not have been sent, at CloudFront's rate", async () => {
    const time = fakeTime()
    cloudFront.on(CreateInvalidationCommand).callsFake(async () => {
      time.advance(20_000)
      throw Object.assign(new Error('aborted'), { name: 'AbortError' })
    })
    const { results } = await invalidateFleet([A, B], { 'wait-timeout': '10' }, { time })
    expect(results[0]?.error).toContain(
      "(no answer, or not sent yet: the step sends at most 0.5 creates a second, CloudFront's default rate for the account, and this one's turn had not come)"
    )
  })

  it('says how many calls CloudFront throttled', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    const time = fakeTime()
    const pace = new Pace(time.clock)
    // Two answers of Throttling, recorded as the client's middleware records them.
    for (let i = 0; i < 2; i++) {
      const turn = await pace.bucket('CreateInvalidation').acquire()
      turn.record(true)
      turn.release()
    }
    const { log } = await invalidateFleet([A], {}, { time, pace })
    expect(log()).toContain(
      "CloudFront throttled 2 of this step's calls; the step slowed down to its rate and retried them."
    )
    expect((await invalidateFleet([A])).log().join('\n')).not.toContain('throttled')
  })
})

describe('invalidateAll, with targets in place of one that failed', () => {
  it("invalidates them in the failed one's slot, and counts them in its place", async () => {
    cloudFront
      .on(CreateInvalidationCommand, { DistributionId: A })
      .rejects(denied())
      .on(CreateInvalidationCommand, { DistributionId: B })
      .resolves(created('IB'))
      .on(CreateInvalidationForDistributionTenantCommand)
      .callsFake(async (input: { Id: string }) => created(`I-${input.Id}`))
    const { results, slots, log } = await invalidateFleet(
      [A, B],
      {},
      {
        insteadOf: (plan, failed) =>
          plan.distributionId === A && failed.error
            ? invalidate =>
                invalidate(
                  ['dt_1', 'dt_2'].map(id => ({
                    ...plan,
                    distributionId: id,
                    target: { kind: 'tenant', id, distributionId: A }
                  }))
                ).then(results => ({ results }))
            : undefined
      }
    )
    expect(results.map(result => [result.distributionId, result.invalidationId])).toEqual([
      ['dt_1', 'I-dt_1'],
      ['dt_2', 'I-dt_2'],
      [B, 'IB']
    ])
    expect(slots.sort()).toEqual([
      '[0, 0] dt_1 I-dt_1 InProgress',
      '[0, 1] dt_2 I-dt_2 InProgress',
      `[1] ${B} IB InProgress`
    ])
    // Two tenants in place of one distribution: three targets, all created.
    expect(log()[log().length - 1]).toMatch(/^3 of 3 created \(/)
  })

  it("reports the failed one's own failure when there are none to try", async () => {
    cloudFront
      .on(CreateInvalidationCommand, { DistributionId: A })
      .rejects(denied())
      .on(CreateInvalidationCommand, { DistributionId: B })
      .resolves(created('IB'))
    const { results, log } = await invalidateFleet(
      [A, B],
      {},
      {
        insteadOf: (plan, failed) =>
          plan.distributionId === A
            ? () => Promise.resolve({ failed: { ...failed, error: 'no tenants either' } })
            : undefined
      }
    )
    expect(results.map(result => result.error ?? result.invalidationId)).toEqual(['no tenants either', 'IB'])
    expect(log()[log().length - 1]).toMatch(/^1 of 2 created, 1 failed \(/)
  })

  it('counts one target fewer when nothing is left to invalidate in its place', async () => {
    cloudFront
      .on(CreateInvalidationCommand, { DistributionId: A })
      .rejects(denied())
      .on(CreateInvalidationCommand, { DistributionId: B })
      .resolves(created('IB'))
      .on(CreateInvalidationCommand, { DistributionId: C })
      .resolves(created('IC'))
    const { results, log } = await invalidateFleet(
      [A, B, C],
      {},
      {
        insteadOf: (plan, failed) =>
          plan.distributionId === A && failed.error ? () => Promise.resolve({ results: [] }) : undefined
      }
    )
    expect(results.map(result => result.distributionId)).toEqual([B, C])
    expect(log()[log().length - 1]).toMatch(/^2 of 2 created \(/)
  })
})
