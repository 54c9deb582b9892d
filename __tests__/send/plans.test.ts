import { describe, expect, it } from '@jest/globals'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { readSettings } from '../../src/inputs/inputs.js'
import { callerReferenceOf, planInvalidations, usableInventory } from '../../src/send/plans.js'
import type { Inventory } from '../../src/paths/inventory.js'

const A = 'E1AAAAAAAAAAAA'
const settingsOf = (inputs: Record<string, string>) =>
  readSettings(
    name => inputs[name] ?? '',
    () => Buffer.alloc(0),
    {}
  )

describe('planInvalidations', () => {
  it('gives every target the one path plan, and each its own CallerReference', () => {
    const { runner } = fakeRunner({})
    const settings = settingsOf({ 'distribution-id': A, paths: '/a.html\n/b.html' })
    const plans = planInvalidations(
      runner,
      settings,
      [
        { target: { kind: 'distribution', id: A }, foundBy: [{ by: 'distribution-id' }] },
        { target: { kind: 'tenant', id: 'dt_1' }, foundBy: [{ by: 'distribution-tenant-id' }] }
      ],
      'nonce'
    )
    expect(plans.map(plan => [plan.distributionId, plan.paths])).toEqual([
      [A, ['/a.html', '/b.html']],
      ['dt_1', ['/a.html', '/b.html']]
    ])
    expect(plans[0]?.pathPlan).toBe(plans[1]?.pathPlan)
    expect(plans[0]?.callerReference).toMatch(/^gha-4242-1-[0-9a-f]{32}$/)
    expect(plans[0]?.callerReference).not.toBe(plans[1]?.callerReference)
  })

  it('sends caller-reference as given', () => {
    const { runner } = fakeRunner({})
    const settings = settingsOf({ 'distribution-id': A, 'caller-reference': 'deploy-7' })
    expect(callerReferenceOf(runner, settings, A, ['/*'], 'nonce')).toBe('deploy-7')
    const [plan] = planInvalidations(
      runner,
      settings,
      [{ target: { kind: 'distribution', id: A }, foundBy: [] }],
      'n'
    )
    expect(plan?.callerReference).toBe('deploy-7')
  })
})

describe('usableInventory', () => {
  it('plans without an inventory-file that lists no objects, and warns', () => {
    const fake = fakeRunner({})
    const empty = { objects: 0 } as Inventory
    expect(usableInventory(fake.runner, { inventory: empty, inventoryFile: 'site.txt' })).toBeUndefined()
    expect(fake.warnings()).toEqual([
      expect.stringMatching(/^inventory-file: site\.txt lists no objects, so it was not used/)
    ])
    const full = { objects: 3 } as Inventory
    expect(usableInventory(fake.runner, { inventory: full, inventoryFile: 'site.txt' })).toBe(full)
    expect(usableInventory(fake.runner, { inventoryFile: '' })).toBeUndefined()
    expect(fake.warnings()).toHaveLength(1)
  })
})
