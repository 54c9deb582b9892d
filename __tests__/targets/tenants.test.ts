import { describe, expect, it } from '@jest/globals'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { CancelledError } from '../../src/common/clock.js'
import { tenantFallback } from '../../src/targets/tenants.js'
import type { DistributionResult, Plan, Target } from '../../src/types.js'

const D = 'E1MULTIAAAAAAA'
const plan = (target: Target): Plan => ({
  distributionId: target.id,
  target,
  foundBy: [{ by: 'distribution-id' }],
  paths: ['/a.html'],
  pathPlan: {
    paths: ['/a.html'],
    requested: 1,
    alreadyCovered: 0,
    wildcards: 0,
    tags: 0,
    compacted: [],
    maxPaths: 100,
    everything: false
  },
  callerReference: 'ref'
})
const distribution = plan({ kind: 'distribution', id: D })
const notFound: DistributionResult = {
  distributionId: D,
  target: { kind: 'distribution', id: D },
  paths: ['/a.html'],
  error: `CloudFront has no distribution ${D}.`,
  notFound: true
}
const tenant = (id: string) => ({ id, distributionId: D, name: id, domains: [] })

function fallback(tenants: ReturnType<typeof tenant>[], named: Target[] = []) {
  const fake = fakeRunner({})
  const listed: string[] = []
  const insteadOf = tenantFallback({
    runner: fake.runner,
    named,
    list: id => {
      listed.push(id)
      return Promise.resolve(tenants)
    },
    callerReference: (tenantId, of) => `${of.callerReference}-${tenantId}`
  })
  return { fake, listed, insteadOf }
}

describe('tenantFallback', () => {
  it('leaves any other failure alone: a tenant, or a distribution CloudFront knows', () => {
    const { insteadOf, listed } = fallback([tenant('dt_1')])
    expect(
      insteadOf(plan({ kind: 'tenant', id: 'dt_1' }), { ...notFound, distributionId: 'dt_1' })
    ).toBeUndefined()
    expect(insteadOf(distribution, { ...notFound, notFound: false })).toBeUndefined()
    expect(listed).toEqual([])
  })

  it("invalidates a missing distribution's tenants in its place, each with its own plan", async () => {
    const { insteadOf, listed, fake } = fallback([tenant('dt_1'), tenant('dt_2')])
    const instead = insteadOf(distribution, notFound)
    const sent: Plan[] = []
    const replaced = await instead?.(plans => {
      sent.push(...plans)
      return Promise.resolve(
        plans.map(({ distributionId, target, paths }) => ({ distributionId, target, paths }))
      )
    })
    expect(listed).toEqual([D])
    expect(sent.map(({ target, foundBy, callerReference }) => [target.id, foundBy, callerReference])).toEqual(
      [
        ['dt_1', [{ by: 'tenant-of', distributionId: D }], 'ref-dt_1'],
        ['dt_2', [{ by: 'tenant-of', distributionId: D }], 'ref-dt_2']
      ]
    )
    expect(replaced).toEqual({
      results: expect.arrayContaining([expect.objectContaining({ distributionId: 'dt_1' })])
    })
    expect(fake.log()[0]).toMatch(
      new RegExp(`^${D} is a multi-tenant distribution: invalidating each of its 2 tenants:`)
    )
  })

  it('fails as the missing distribution when it has no tenants, and replaces it by nothing when all are named', async () => {
    const none = fallback([]).insteadOf(distribution, notFound)
    expect(await none?.(() => Promise.resolve([]))).toEqual({
      failed: {
        ...notFound,
        error: `CloudFront has no distribution ${D}. Nor is it a multi-tenant distribution with tenants: ListDistributionTenants lists none for ${D}.`
      }
    })
    const named = fallback([tenant('dt_1')], [{ kind: 'tenant', id: 'dt_1' }])
    const all = named.insteadOf(distribution, notFound)
    expect(await all?.(() => Promise.reject(new Error('not called')))).toEqual({ results: [] })
    expect(named.fake.log()).toEqual([
      `${D}: dt_1 is named by distribution-tenant-id or distribution-alias too, and invalidated once.`
    ])
  })

  it('says a listing cut short by a cancel leaves nothing known of the ID, rather than that it does not exist', async () => {
    const fake = fakeRunner({})
    // listDistributionTenants throws the step's reason when its signal cut the listing short.
    const aborted = new CancelledError('SIGINT')
    const insteadOf = tenantFallback({
      runner: fake.runner,
      named: [],
      list: () => Promise.reject(aborted),
      callerReference: () => 'ref'
    })
    const replaced = await insteadOf(distribution, notFound)?.(() => Promise.reject(new Error('not called')))
    expect(replaced).toEqual({
      failed: {
        ...notFound,
        error: `Cancelled while listing the tenants of ${D} (ListDistributionTenants), which CloudFront answered NoSuchDistribution for: nothing was invalidated on it.`,
        cutShort: 'create'
      }
    })
  })
})
