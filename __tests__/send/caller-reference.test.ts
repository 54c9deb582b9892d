import { describe, expect, it } from '@jest/globals'
import { callerReference } from '../../src/send/caller-reference.js'
import type { RunContext } from '../../src/types.js'

const context: RunContext = {
  repository: 'octo-org/website',
  runId: '9876543210',
  runAttempt: '1',
  job: 'deploy',
  step: '__octo-org_cloudfront-invalidate-action',
  serverUrl: 'https://github.com'
}
const DISTRIBUTION = 'E2QWRUHAPOMQZL'
const PATHS = ['/index.html', '/app.js']
const NONCE = '3b241101-e2bb-4255-8caf-4136c566a962'

const reference = (
  overrides: Partial<RunContext> = {},
  distribution = DISTRIBUTION,
  paths = PATHS,
  nonce = NONCE
) => callerReference({ ...context, ...overrides }, distribution, paths, nonce)

describe('callerReference', () => {
  it('is the same for the same step, batch and nonce, so a retry reuses it', () => {
    expect(callerReference({ ...context }, DISTRIBUTION, [...PATHS], NONCE)).toBe(reference())
  })

  it.each<[string, () => string]>([
    ['run', () => reference({ runId: '9876543211' })],
    ['run attempt (a re-run)', () => reference({ runAttempt: '2' })],
    ['job', () => reference({ job: 'deploy-staging' })],
    ['step (GITHUB_ACTION)', () => reference({ step: '__octo-org_cloudfront-invalidate-action_2' })],
    ['repository', () => reference({ repository: 'octo-org/docs' })],
    ['distribution', () => reference({}, 'E1ABCDEFGHIJ01')],
    ['path list', () => reference({}, DISTRIBUTION, ['/index.html'])],
    ['path order', () => reference({}, DISTRIBUTION, [...PATHS].reverse())],
    ['nonce (another matrix leg)', () => reference({}, DISTRIBUTION, PATHS, 'another-nonce')]
  ])('differs for another %s', (_, other) => {
    expect(other()).not.toBe(reference())
  })

  it('does not confuse where one field ends and the next begins', () => {
    expect(reference({ job: 'ab', step: 'c' })).not.toBe(reference({ job: 'a', step: 'bc' }))
  })

  it('starts with gha-<run id>-<attempt>- so it can be traced to its run', () => {
    expect(reference({ runAttempt: '3' })).toMatch(/^gha-9876543210-3-/)
  })

  it.each<[string, Partial<RunContext>]>([
    ['a usual run', {}],
    [
      'huge run ids and long names',
      {
        runId: '9'.repeat(500),
        runAttempt: '7'.repeat(500),
        job: 'j'.repeat(10_000),
        step: 's'.repeat(10_000),
        repository: 'o/'.padEnd(10_000, 'r')
      }
    ],
    ['unusual characters', { runId: '12 34/56', runAttempt: 'ü#1', job: 'build (ubuntu, 24)', step: '🚀' }],
    ['empty run id and attempt', { runId: '', runAttempt: '' }]
  ])('is at most 128 characters of [A-Za-z0-9._-] for %s', (_, overrides) => {
    const value = reference(
      overrides,
      DISTRIBUTION,
      Array.from({ length: 3000 }, (_, i) => `/p${i}`)
    )
    expect(value.length).toBeLessThanOrEqual(128)
    expect(value).toMatch(/^gha-[A-Za-z0-9._-]+$/)
  })
})
