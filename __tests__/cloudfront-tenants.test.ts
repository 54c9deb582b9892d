/** The tenant calls at the SDK's edge: what is sent, and how many go at once. */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFrontClient,
  CreateInvalidationForDistributionTenantCommand,
  GetInvalidationForDistributionTenantCommand
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import {
  TENANT_CALLS_AT_ONCE,
  createInvalidationFor,
  createTenantInvalidation,
  getInvalidationStatusFor
} from '../src/cloudfront.js'
import { rejectionOf } from '../__fixtures__/rejection.js'

const cloudFront = mockClient(CloudFrontClient)
beforeEach(() => {
  cloudFront.reset()
})
const client = () =>
  new CloudFrontClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 's' } })

const invalidation = (id: string, status = 'InProgress') => ({
  Invalidation: {
    Id: id,
    Status: status,
    CreateTime: new Date(),
    InvalidationBatch: { CallerReference: 'r', Paths: { Quantity: 1, Items: ['/a'] } }
  }
})

describe('createInvalidationFor and getInvalidationStatusFor', () => {
  it("route a tenant to the tenant API, with the tenant's ID", async () => {
    cloudFront
      .on(CreateInvalidationForDistributionTenantCommand)
      .resolves(invalidation('IT'))
      .on(GetInvalidationForDistributionTenantCommand)
      .resolves(invalidation('IT', 'Completed'))
    const target = { kind: 'tenant', id: 'dt_abc' } as const
    expect(await createInvalidationFor(client(), target, ['/a'], 'ref')).toEqual({
      id: 'IT',
      status: 'InProgress'
    })
    expect(await getInvalidationStatusFor(client(), target, 'IT')).toBe('Completed')
    expect(cloudFront.commandCalls(CreateInvalidationForDistributionTenantCommand)[0]?.args[0].input).toEqual(
      {
        Id: 'dt_abc',
        InvalidationBatch: { CallerReference: 'ref', Paths: { Quantity: 1, Items: ['/a'] } }
      }
    )
    expect(cloudFront.commandCalls(GetInvalidationForDistributionTenantCommand)[0]?.args[0].input).toEqual({
      DistributionTenantId: 'dt_abc',
      Id: 'IT'
    })
  })
})

describe('tenant calls at once', () => {
  it(`sends at most ${TENANT_CALLS_AT_ONCE} per client at a time, and all of them in the end`, async () => {
    let inFlight = 0
    let most = 0
    cloudFront.on(CreateInvalidationForDistributionTenantCommand).callsFake(async (input: { Id: string }) => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise(done => setTimeout(done, 5))
      inFlight--
      return invalidation(`I-${input.Id}`)
    })
    const shared = client()
    const made = await Promise.all(
      Array.from({ length: 30 }, (_, n) => createTenantInvalidation(shared, `dt_${n}`, ['/a'], 'ref'))
    )
    expect(made.map(({ id }) => id)).toEqual(Array.from({ length: 30 }, (_, n) => `I-dt_${n}`))
    expect(most).toBe(TENANT_CALLS_AT_ONCE)
  })

  it('gives up a queued call when its signal aborts, and keeps the slots for the others', async () => {
    const release: (() => void)[] = []
    cloudFront.on(CreateInvalidationForDistributionTenantCommand).callsFake(
      async (input: { Id: string }) =>
        new Promise(done => {
          release.push(() => {
            done(invalidation(`I-${input.Id}`))
          })
        })
    )
    const shared = client()
    const busy = Array.from({ length: TENANT_CALLS_AT_ONCE }, (_, n) =>
      createTenantInvalidation(shared, `dt_${n}`, ['/a'], 'ref')
    )
    const cancel = new AbortController()
    const queued = createTenantInvalidation(shared, 'dt_queued', ['/a'], 'ref', cancel.signal)
    const after = createTenantInvalidation(shared, 'dt_after', ['/a'], 'ref')
    await new Promise(done => setTimeout(done, 10))
    cancel.abort(new Error('cancelled by the test'))
    expect((await rejectionOf(queued)).message).toContain('cancelled by the test')
    // The aborted call never reached CloudFront; the one behind it gets the first free slot.
    while (release.length > 0) release.shift()?.()
    await Promise.all(busy)
    await new Promise(done => setTimeout(done, 10))
    release.shift()?.()
    expect((await after).id).toBe('I-dt_after')
    const sent = cloudFront
      .commandCalls(CreateInvalidationForDistributionTenantCommand)
      .map(c => c.args[0].input.Id)
    expect(sent).not.toContain('dt_queued')
  })
})
