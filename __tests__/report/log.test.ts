/**
 * The step's log of its plans and its bill, through the fake runner: the settings read from inputs (files
 * from memory), the plans as the step makes them.
 */
import { basename } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { readSettings } from '../../src/inputs/inputs.js'
import { planPaths } from '../../src/paths/plan.js'
import { logBill, logPlans } from '../../src/report/log.js'
import { planInvalidations } from '../../src/send/plans.js'
import type { ResolvedTarget } from '../../src/targets/lookup.js'
import type { DistributionResult } from '../../src/types.js'

const A = 'E1AAAAAAAAAAAA'
const B = 'E2BBBBBBBBBBBB'
const byId = (id: string): ResolvedTarget => ({
  target: { kind: 'distribution', id },
  foundBy: [{ by: 'distribution-id' }]
})

/** The log of the plans for these inputs and targets; `files`, by name, are what paths-file and inventory-file hold. */
function logged(
  inputs: Record<string, string>,
  targets: readonly ResolvedTarget[] = [byId(A)],
  files: Record<string, string> = {}
) {
  const fake = fakeRunner(inputs)
  const settings = readSettings(
    name => inputs[name] ?? '',
    path => Buffer.from(files[basename(path)] ?? ''),
    {}
  )
  logPlans(fake.runner, planInvalidations(fake.runner, settings, targets, 'nonce'), settings)
  return fake
}

const uris = (keys: readonly string[]) => keys.map(key => `s3://b/${key}\n`).join('')

describe('logPlans', () => {
  it('groups the path plan, then says what is invalidated, on which distribution, from where', () => {
    const fake = logged({ 'distribution-id': A, paths: '/a.html\n/b.html' })
    expect(fake.events).toEqual([
      { kind: 'group', title: 'Paths: Requested 2 paths; sent 2 (0 wildcards); billed paths: 2.' },
      { kind: 'info', message: expect.stringMatching(/^CloudFront bills each path sent/) },
      { kind: 'endgroup' },
      { kind: 'group', title: 'Paths sent (2)' },
      { kind: 'info', message: '/a.html\n/b.html' },
      { kind: 'endgroup' },
      { kind: 'info', message: `Invalidating 2 paths of distribution ${A}, from paths.` },
      { kind: 'debug', message: expect.stringMatching(new RegExp(`^CallerReference for ${A}: gha-`)) }
    ])
  })

  it('names a single path in the line, and says a dry run would invalidate', () => {
    const fake = logged({ 'distribution-id': A, paths: '/index.html', 'dry-run': 'true' })
    expect(fake.log()).toContain(
      `Dry run: would invalidate 1 path (/index.html) of distribution ${A}, from paths.`
    )
    expect(fake.events.filter(event => event.kind === 'group')).toHaveLength(1)
  })

  it("lists a fleet's paths once, and its distributions in a group", () => {
    const fake = logged({ 'distribution-id': `${A} ${B}`, paths: '/a.html\n/b.html' }, [byId(A), byId(B)])
    const groups = fake.events.flatMap(event => (event.kind === 'group' ? [event.title] : []))
    expect(groups).toEqual([
      'Paths: Requested 2 paths; sent 2 (0 wildcards); billed paths: 2.',
      'Paths sent (2)',
      'Invalidating 2 distributions, from paths'
    ])
    expect(fake.log().filter(line => line.startsWith('Invalidating 2 paths of'))).toEqual([
      `Invalidating 2 paths of distribution ${A}, from paths.`,
      `Invalidating 2 paths of distribution ${B}, from paths.`
    ])
  })

  it('logs nothing for no plans', () => {
    expect(logged({ 'distribution-id': A, paths: '/a' }, []).events).toEqual([])
  })

  it('says what the wildcards compacted with inventory-file clear, and which changed objects it lacks', () => {
    const img = Array.from({ length: 30 }, (_, i) => `img/${i}.png`)
    const fake = logged(
      {
        'distribution-id': A,
        'paths-file': 'changed.txt',
        'inventory-file': 'inventory.txt',
        'max-paths': '3'
      },
      [byId(A)],
      {
        'changed.txt': uris([...img, 'a.html', 'gone.html']),
        'inventory.txt': uris([...img, 'a.html', 'b.html', 'img2/x.png'])
      }
    )
    expect(fake.log()).toContain(
      'Compacted with the inventory, clearing the fewest unchanged objects within max-paths (3) and 15 wildcards, then using the fewest paths:'
    )
    expect(fake.log()).toContain('  /img/*  stands for 30 requested paths, clears 0 unchanged objects')
    expect(fake.log()).toContain(
      '1 changed object not in inventory-file: deleted by the deploy, or the inventory is of another site or from before the deploy.'
    )
    expect(fake.warnings()).toEqual([])
  })

  it('says /* clears nothing else when every object of the inventory changed, rather than warn', () => {
    const img = Array.from({ length: 30 }, (_, i) => `img/${i}.png`)
    const fake = logged(
      {
        'distribution-id': A,
        'paths-file': 'changed.txt',
        'inventory-file': 'inventory.txt',
        'max-paths': '1'
      },
      [byId(A)],
      { 'changed.txt': uris([...img, 'a.html']), 'inventory.txt': uris([...img, 'a.html']) }
    )
    expect(fake.warnings()).toEqual([])
    expect(fake.log()).toContain(
      'Every object the inventory holds changed, so /* clears nothing that did not change (objects served from another origin are cleared too).'
    )
  })

  it('says the list was compacted to fit max-paths when there is no inventory', () => {
    const paths = Array.from({ length: 30 }, (_, i) => `/img/${i}.png`).join('\n')
    const fake = logged({ 'distribution-id': A, paths: `${paths}\n/a.html`, 'max-paths': '3' })
    expect(fake.log()).toContain(
      '31 paths are more than max-paths (3) or 15 wildcards allow; compacted into:'
    )
    expect(fake.log()).toContain('  /img/*  stands for 30 requested paths')
  })

  it('says how many listed paths a listed wildcard already covers', () => {
    const fake = logged({ 'distribution-id': A, paths: '/img/*\n/img/a.png\n/img/b.png\n/index.html' })
    expect(fake.log()).toContain('2 listed paths dropped: a wildcard listed with them already covers them.')
  })

  it('warns when nothing narrower than /* fits max-paths', () => {
    const fake = logged({ 'distribution-id': A, paths: '/a.html\n/b.html', 'max-paths': '1' })
    expect(fake.warnings()).toEqual([
      'max-paths: the 2 requested paths could not be covered by at most 15 directory wildcards and 1 path in all, so /* is invalidated instead: every cached object of the distribution. Raise max-paths, or list fewer paths (for example only what changed).'
    ])
  })

  it('warns when /* is what clears the fewest unchanged objects the inventory holds', () => {
    const fake = logged(
      {
        'distribution-id': A,
        'paths-file': 'changed.txt',
        'inventory-file': 'inventory.txt',
        'max-paths': '1'
      },
      [byId(A)],
      { 'changed.txt': uris(['a.html', 'b.html']), 'inventory.txt': uris(['a.html', 'b.html', 'c.html']) }
    )
    expect(fake.warnings()).toEqual([
      'max-paths: /* is invalidated, every cached object of the distribution (1 unchanged object by the inventory): no plan within 1 path and 15 wildcards clears fewer. Raise max-paths to list more of the changed paths.'
    ])
  })
})

describe('logBill', () => {
  const result = (
    id: string,
    paths: string[],
    more: Partial<DistributionResult> = {}
  ): DistributionResult => ({
    distributionId: id,
    target: { kind: 'distribution', id },
    paths,
    plan: planPaths(paths, { maxPaths: 3000 }),
    ...more
  })

  it('counts the paths of the invalidations created, and of how many targets when there are several', () => {
    const fake = fakeRunner({})
    logBill(
      fake.runner,
      [
        result(A, ['/a.html', '/b.html'], { invalidationId: 'IA' }),
        result(B, ['/a.html', '/b.html'], { error: 'Access denied' }),
        result('E3CCCCCCCCCCCC', ['/a.html', '/b.html'], { invalidationId: 'IC' })
      ],
      false
    )
    expect(fake.log()).toEqual([
      'Billed paths of this step: 4 (2 invalidations of 3 distributions), USD 0.02 at USD 0.005 a path once the account has used its 1,000 free paths this month (the action cannot see how many it has used).'
    ])
  })

  it('counts what a dry run would send', () => {
    const fake = fakeRunner({})
    logBill(fake.runner, [result(A, ['/a.html'])], true)
    expect(fake.log()).toEqual([
      'Billed paths this step would send: 1, USD 0.005 at USD 0.005 a path once the account has used its 1,000 free paths this month (the action cannot see how many it has used).'
    ])
  })

  it('says nothing when no invalidation was created', () => {
    const fake = fakeRunner({})
    logBill(fake.runner, [result(A, ['/a.html'], { error: 'Access denied' })], false)
    expect(fake.events).toEqual([])
  })
})
