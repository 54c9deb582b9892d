/**
 * A fleet in one step, end to end: dist/ under Node 24 invalidates and waits for 30 distributions
 * through a FaultFront that holds CloudFront's account-wide API rates (EMULATED_QUOTAS: CreateInvalidation
 * 0.5/s with a burst of 5, GetInvalidation 5/s with a burst of 10), answering Throttling over them.
 * By the quota alone the run takes at least (30 - 5) / 0.5 = 50 s of CloudFront's time: here time runs
 * SCALE times as fast for the front and the action alike (FaultFront.scaleTime), so it takes 2.5 s.
 * `npm run bench -- --fleets-only` measures fleets at CloudFront's own rate.
 */
import { describe, expect, it } from '@jest/globals'
import { EMULATED_QUOTAS } from '../../scripts/lib/local-aws.js'
import { useEmulator } from './emulator.js'
import { createDistribution, invalidationsOf, runAction } from './harness.js'

const emulator = useEmulator()
const FLEET = 30
/** E2E_TIME_SCALE=1 (the bench's full-scale run) runs it at CloudFront's own rate. */
const SCALE = Number(process.env.E2E_TIME_SCALE ?? 20)

describe('30 distributions within CloudFront API rates', () => {
  it(
    'invalidates each exactly once, waits for all, and stays within the rates',
    async () => {
      const { front } = emulator
      const ids = [emulator.distributionId]
      while (ids.length < FLEET) ids.push(await createDistribution(emulator.moto.url, `fleet-${ids.length}`))
      front
        .scaleTime(SCALE)
        .limitRate(['CreateInvalidation'], EMULATED_QUOTAS.CreateInvalidation)
        .limitRate(['GetInvalidation'], EMULATED_QUOTAS.GetInvalidation)
        // Long enough that many waits overlap: at one poll a second each, more than the Get rate allows.
        .holdInProgress(20_000)

      const run = await runAction({
        inputs: { 'distribution-id': ids.join('\n'), paths: '/index.html\n/assets/*', wait: 'true' },
        env: emulator.awsEnv(),
        timeoutMs: 300_000 / SCALE + 60_000
      })
      expect(run.errors).toEqual([])
      expect(run.code).toBe(0)

      // Every target invalidated exactly once, with one CallerReference however often it was sent.
      const created = await Promise.all(ids.map(id => invalidationsOf(emulator.moto.url, id)))
      expect(created.map(list => list.length)).toEqual(ids.map(() => 1))
      const outputIds = JSON.parse(run.outputs['invalidation-ids'] ?? '[]') as string[]
      expect(outputIds).toEqual(created.map(list => list[0]?.id))
      expect(JSON.parse(run.outputs['distribution-ids'] ?? '[]')).toEqual(ids)
      expect(run.outputs.status).toBe('Completed')

      // Throttled calls stay at most the number of targets (the action before pacing collected 129).
      const throttled = front.throttled('CreateInvalidation') + front.throttled('GetInvalidation')
      expect(throttled).toBeLessThanOrEqual(FLEET)
      // Every invalidation was polled until it completed, and reported Completed in the summary.
      expect(front.calls('GetInvalidation').length).toBeGreaterThanOrEqual(FLEET)

      // One progress line at a time for the fleet, not a line per poll per target.
      const lines = run.stdout.split('\n')
      const progress = lines.filter(line => /^\d+ of 30 created/.test(line))
      expect(progress.length).toBeGreaterThan(1)
      expect(progress.at(-1)).toMatch(/^30 of 30 created, 30 completed\b/)
      expect(lines.filter(line => /: InProgress after /.test(line))).toEqual([])
      expect(lines.length).toBeLessThan(200)

      // The summary: counts first, then the long per-target table folded.
      const [beforeTable] = run.summary.split('| Distribution |')
      expect(beforeTable).toContain('30 distributions: 30 created, 30 completed')
      expect(beforeTable).toMatch(/<details><summary>[^<]*30 distributions/)
    },
    300_000 / SCALE + 120_000
  )
})
