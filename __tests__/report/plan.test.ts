import { describe, expect, it } from '@jest/globals'
import { planPaths } from '../../src/paths/plan.js'
import { describePlan } from '../../src/report/plan.js'

describe('describePlan', () => {
  it('says what was requested, sent, compacted and billed', () => {
    const items = [
      '#news',
      ...Array.from({ length: 12_000 }, (_, i) => `/js/${i}.js`),
      '/index.html',
      '/a/*',
      '/a/b.html'
    ]
    const plan = planPaths(items, { maxPaths: 100 })
    expect(plan.paths).toEqual(['#news', '/js/*', '/index.html', '/a/*'])
    expect(describePlan(plan)).toBe(
      'Requested 12,004 paths; sent 4 (2 wildcards, 1 cache tag); 1 dropped as a listed wildcard covers them; 12,000 compacted into 1 wildcard; billed paths: 4; unchanged objects the wildcards clear: unknown without inventory-file.'
    )
  })

  it('says only what applies to a plain list', () => {
    expect(describePlan(planPaths(['/a', '/b'], { maxPaths: 3000 }))).toBe(
      'Requested 2 paths; sent 2 (0 wildcards); billed paths: 2.'
    )
  })
})
