import { describe, expect, it } from '@jest/globals'
import { overallStatus } from '../../src/report/results.js'
import type { DistributionResult } from '../../src/types.js'

const DISTRIBUTION = 'E2QWRUHAPOMQZL'

describe('overallStatus', () => {
  const withStatus = (status?: 'InProgress' | 'Completed'): DistributionResult => ({
    distributionId: DISTRIBUTION,
    target: { kind: 'distribution', id: DISTRIBUTION },
    paths: ['/*'],
    ...(status ? { status } : {})
  })

  it.each<[string, DistributionResult[], string]>([
    ['every invalidation completed', [withStatus('Completed'), withStatus('Completed')], 'Completed'],
    ['one still in progress', [withStatus('Completed'), withStatus('InProgress')], 'InProgress'],
    ['one with no known status', [withStatus('Completed'), withStatus()], 'InProgress'],
    ['no invalidation at all', [], 'InProgress'],
    ['one that failed', [withStatus('Completed'), { ...withStatus(), error: 'denied' }], 'InProgress']
  ])('is %s -> %s', (_, results, expected) => {
    expect(overallStatus(results)).toBe(expected)
  })
})
