/**
 * Matrix jobs of one account, end to end: 6 processes of dist/ under Node 24 at once, each a job
 * knowing nothing of the others, through one FaultFront that holds CloudFront's account-wide API rates
 * (EMULATED_QUOTAS) for them all. The account's burst is spent already, so the jobs meet at the quota
 * at once: each is throttled, slows down, and every distribution is still invalidated exactly once.
 * How fast such jobs share the quota is simulated in pace.test.ts and measured by `npm run bench --
 * --matrix-only` (BENCHMARKS.md); this test proves the processes do it, at a scaled rate, in seconds.
 */
import { describe, expect, it } from '@jest/globals'
import { EMULATED_QUOTAS } from '../../scripts/lib/local-aws.js'
import { useEmulator } from './emulator.js'
import { createDistribution, invalidationsOf, runAction } from './harness.js'

const emulator = useEmulator()
/** Issue 26's matrix: 6 jobs of 5 distributions, at least 50 s of creates at CloudFront's rate. */
const JOBS = 6
const PER_JOB = 5
/** Time runs this many times as fast for the front and the actions (FaultFront.scaleTime): about 6 s. */
const SCALE = Number(process.env.E2E_TIME_SCALE ?? 10)

describe('matrix jobs sharing the account quota', () => {
  it(
    'each job invalidates its own distributions exactly once, and none fails',
    async () => {
      const { front } = emulator
      const ids = [emulator.distributionId]
      while (ids.length < JOBS * PER_JOB)
        ids.push(await createDistribution(emulator.moto.url, `job-${ids.length}`))
      // Another caller of the account just spent 4 of its 5 tokens: the jobs, each sending its burst at
      // once, meet 1.
      front
        .scaleTime(SCALE)
        .limitRate(['CreateInvalidation'], EMULATED_QUOTAS.CreateInvalidation, 1)
        .limitRate(['GetInvalidation'], EMULATED_QUOTAS.GetInvalidation)
        .holdInProgress(1_000)

      const jobs = Array.from({ length: JOBS }, (_, job) => ids.slice(job * PER_JOB, (job + 1) * PER_JOB))
      const runs = await Promise.all(
        jobs.map((mine, job) =>
          runAction({
            inputs: { 'distribution-id': mine.join('\n'), paths: '/index.html', wait: 'true' },
            env: { ...emulator.awsEnv(), GITHUB_JOB: `deploy-${job}` },
            timeoutMs: 600_000 / SCALE + 60_000
          })
        )
      )
      for (const run of runs) {
        expect(run.errors).toEqual([])
        expect(run.code).toBe(0)
        expect(run.outputs.status).toBe('Completed')
      }

      // Each distribution once, by the job that had it, however often its create was sent.
      const created = await Promise.all(ids.map(id => invalidationsOf(emulator.moto.url, id)))
      expect(created.map(list => list.length)).toEqual(ids.map(() => 1))
      runs.forEach((run, job) => {
        expect(JSON.parse(run.outputs['invalidation-ids'] ?? '[]')).toEqual(
          created.slice(job * PER_JOB, (job + 1) * PER_JOB).map(list => list[0]?.id)
        )
      })

      // The jobs met at the quota, and the jobs that were throttled said so. Paced, each create was
      // throttled a few times at most.
      const throttled = front.throttled('CreateInvalidation')
      expect(throttled).toBeGreaterThanOrEqual(1)
      expect(throttled).toBeLessThanOrEqual(3 * JOBS * PER_JOB)
      const said = runs.map(
        run => /CloudFront throttled (\d+) of this step's calls/.exec(run.stdout)?.[1] ?? '0'
      )
      expect(said.reduce((sum, count) => sum + Number(count), 0)).toBe(
        throttled + front.throttled('GetInvalidation')
      )
      expect(front.calls('CreateInvalidation')).toHaveLength(JOBS * PER_JOB + throttled)
    },
    600_000 / SCALE + 90_000
  )
})
