/**
 * A SaaS deploy, end to end: dist/ under Node 24 invalidates and waits for the 200 tenants of one
 * multi-tenant distribution, through a FaultFront that plays the tenant API and holds CloudFront's
 * account-wide API rates (EMULATED_QUOTAS). The tenant variants share the bucket of their distribution
 * call here: the quota AWS relayed is per account and operation (aws/aws-sdk-js#3983), and nothing
 * published says the tenant API has a quota of its own, so the front assumes the stricter case. By the
 * quota alone the run takes at least (200 - 5) / 0.5 = 390 s of CloudFront's time: here time runs SCALE
 * times as fast for the front and the action alike (FaultFront.scaleTime), so the same pacing takes
 * (200 - 5) / (0.5 x 20) = 20 s. `npm run bench -- --e2e-full-scale` runs it at CloudFront's own rate.
 */
import { describe, expect, it } from '@jest/globals'
import { EMULATED_QUOTAS } from '../../scripts/lib/local-aws.js'
import { useEmulator } from './emulator.js'
import { runAction } from './harness.js'

const emulator = useEmulator()
const TENANTS = 200
const MULTI = 'E7MULTITENANT0'
/** E2E_TIME_SCALE=1 (the bench's full-scale run) runs it at CloudFront's own rate. */
const SCALE = Number(process.env.E2E_TIME_SCALE ?? 20)

describe('200 tenants of a multi-tenant distribution within CloudFront API rates', () => {
  it(
    'invalidates each tenant exactly once, waits for all, and stays within the rates',
    async () => {
      const { front } = emulator
      const tenants = Array.from({ length: TENANTS }, (_, n) => ({
        id: `dt_2wjDZi3hD1ivOXf6rpZJOS${String(n).padStart(4, '0')}`,
        name: `customer-${n}`,
        domains: [`customer-${n}.example.net`]
      }))
      front
        .scaleTime(SCALE)
        .addTenants(MULTI, tenants)
        .limitRate(
          ['CreateInvalidation', 'CreateInvalidationForDistributionTenant'],
          EMULATED_QUOTAS.CreateInvalidation
        )
        .limitRate(
          ['GetInvalidation', 'GetInvalidationForDistributionTenant'],
          EMULATED_QUOTAS.GetInvalidation
        )
        .holdInProgress(10_000)

      const run = await runAction({
        inputs: { 'distribution-id': MULTI, paths: '/index.html\n/assets/*', wait: 'true' },
        env: emulator.awsEnv(),
        timeoutMs: 900_000 / SCALE + 60_000
      })
      expect(run.errors).toEqual([])
      expect(run.code).toBe(0)
      expect(run.outputs.status).toBe('Completed')

      // Every tenant invalidated exactly once, however often its create was sent, and in the outputs.
      const made = tenants.map(tenant => front.invalidationsOfTenant(tenant.id))
      expect(made.map(list => list.length)).toEqual(tenants.map(() => 1))
      expect(JSON.parse(run.outputs['distribution-tenant-ids'] ?? '[]')).toEqual(tenants.map(({ id }) => id))
      expect(JSON.parse(run.outputs['invalidation-ids'] ?? '[]')).toEqual(made.map(list => list[0]?.id))
      const entries = JSON.parse(run.outputs.invalidations ?? '[]') as { status: string }[]
      expect(entries).toHaveLength(TENANTS)
      expect(entries.every(entry => entry.status === 'Completed')).toBe(true)

      // Throttled calls stay at most the number of targets.
      const throttled = front.throttled(
        'CreateInvalidationForDistributionTenant',
        'GetInvalidationForDistributionTenant'
      )
      expect(throttled).toBeLessThanOrEqual(TENANTS)

      // The log: each invalidation ID once, and one progress line at a time for the tenants.
      const lines = run.stdout.split('\n')
      expect(lines.filter(line => line.startsWith('Created invalidation '))).toHaveLength(TENANTS)
      const progress = lines.filter(line => /^\d+ of 200 created/.test(line))
      expect(progress.length).toBeGreaterThan(1)
      expect(progress.at(-1)).toMatch(/^200 of 200 created, 200 completed\b/)
      expect(lines.filter(line => /: InProgress after /.test(line))).toEqual([])

      // The summary: counts first, the per-tenant table folded.
      const [beforeTable] = run.summary.split('| Distribution or tenant |')
      expect(beforeTable).toContain('200 tenants: 200 created, 200 completed.')
      expect(beforeTable).toMatch(/<details><summary>[^<]*200 tenants/)
    },
    900_000 / SCALE + 90_000
  )
})
