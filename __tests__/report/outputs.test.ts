/** What the step hands on as outputs while invalidations are created, through the fake runner. */
import { describe, expect, it } from '@jest/globals'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { CreatedOutputs, LIST_OUTPUTS_EVERY_MS } from '../../src/report/outputs.js'

const tenant = (n: number) => ({ kind: 'tenant', id: `dt_${n}`, distributionId: 'E1MULTI' }) as const

describe('CreatedOutputs', () => {
  it('hands on each of the first invalidations at once, in slot order', () => {
    const fake = fakeRunner({})
    const outputs = new CreatedOutputs(fake.runner, () => 0)
    outputs.created([1], { kind: 'distribution', id: 'E2' }, 'I2', 'InProgress')
    outputs.created([0, 1], tenant(1), 'IT1', 'Completed')
    expect(fake.outputs()).toEqual({
      'invalidation-id': 'IT1',
      'invalidation-ids': '["IT1","I2"]',
      invalidations: JSON.stringify([
        {
          'distribution-id': 'E1MULTI',
          'distribution-tenant-id': 'dt_1',
          'invalidation-id': 'IT1',
          status: 'Completed'
        },
        { 'distribution-id': 'E2', 'invalidation-id': 'I2', status: 'InProgress' }
      ])
    })
  })

  it("rewrites a fleet's lists at most every few seconds, and flush() writes the rest", () => {
    const fake = fakeRunner({})
    let now = 0
    const outputs = new CreatedOutputs(fake.runner, () => now)
    for (let n = 0; n < 200; n++) {
      now += 100
      outputs.created([0, n], tenant(n), `I${n}`, 'InProgress')
    }
    const writes = () =>
      fake.events.filter(event => event.kind === 'output' && event.name === 'invalidations')
    // 10 at once, then one every LIST_OUTPUTS_EVERY_MS over the 19 s the other 190 took.
    expect(writes().length).toBeLessThanOrEqual(10 + Math.ceil(19_000 / LIST_OUTPUTS_EVERY_MS) + 1)
    expect(JSON.parse(fake.outputs()['invalidation-ids'] ?? '[]')).not.toHaveLength(200)
    outputs.flush()
    expect(JSON.parse(fake.outputs()['invalidation-ids'] ?? '[]')).toHaveLength(200)
    expect(outputs.createdIds()).toHaveLength(200)
    // Nothing new: nothing written again.
    const count = writes().length
    outputs.flush()
    expect(writes()).toHaveLength(count)
  })

  it('keeps going when GITHUB_OUTPUT cannot be written, then fails naming every ID', () => {
    const fake = fakeRunner({}, { outputsFailAfter: 0 })
    const outputs = new CreatedOutputs(fake.runner, () => 0)
    outputs.created([0], { kind: 'distribution', id: 'E1' }, 'I1', 'InProgress')
    outputs.created([1], { kind: 'distribution', id: 'E2' }, 'I2', 'InProgress')
    expect(fake.failures()).toEqual([])
    outputs.failIfUnwritten()
    expect(fake.failures()).toEqual([
      expect.stringMatching(/Invalidations I1, I2 were created and go on in CloudFront, but later steps/)
    ])
  })
})
