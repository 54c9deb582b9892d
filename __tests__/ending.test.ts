import { describe, expect, it } from '@jest/globals'
import { fakeRunner } from '../__fixtures__/runner.js'
import { CancelledError } from '../src/common/clock.js'
import { Phase } from '../src/common/phase.js'
import { UserError, WaitTimeoutError } from '../src/common/errors.js'
import { Ending, explainAborted, failForErrors, formatCreated } from '../src/ending.js'
import { readSettings } from '../src/inputs/inputs.js'
import { CreatedOutputs } from '../src/report/outputs.js'
import type { Deadline, DistributionResult } from '../src/types.js'

const A = 'E1AAAAAAAAAAAA'
const B = 'E2BBBBBBBBBBBB'
const ID = 'I2J0I21PCUYOIK'

const open = (): Deadline => ({ at: 1000, seconds: 1, signal: new AbortController().signal })
const aborted = (reason: unknown): Deadline => ({ at: 1000, seconds: 20, signal: AbortSignal.abort(reason) })
const made = (distributionId: string, status: 'InProgress' | 'Completed'): DistributionResult => ({
  distributionId,
  target: { kind: 'distribution', id: distributionId },
  paths: ['/a'],
  invalidationId: `I${distributionId}`,
  status
})
const failed = (distributionId: string): DistributionResult => ({
  distributionId,
  target: { kind: 'distribution', id: distributionId },
  paths: ['/a'],
  error: 'refused'
})

function ending(deadline = open(), options: { outputsFailAfter?: number } = {}) {
  const fake = fakeRunner({}, options)
  const settings = readSettings(
    name => ({ 'distribution-id': A })[name] ?? '',
    () => Buffer.alloc(0),
    {}
  )
  const outputs = new CreatedOutputs(fake.runner)
  return {
    ...fake,
    created: outputs,
    ending: new Ending({ runner: fake.runner, outputs, deadline, settings })
  }
}

describe('failForErrors', () => {
  it("fails with one target's own error, and names each of several before counting them", () => {
    const one = fakeRunner({})
    failForErrors(one.runner, [failed(A)], open())
    expect(one.failures()).toEqual(['refused'])
    expect(one.errors()).toEqual([])
    const two = fakeRunner({})
    failForErrors(two.runner, [failed(A), made(B, 'Completed')], open())
    expect(two.errors()).toEqual([`${A}: refused`])
    expect(two.failures()).toEqual(['1 of 2 distributions failed; see the errors above.'])
  })

  it('says what a cancelled step leaves of what it created, and only when it created them', () => {
    const cancelled = aborted(new CancelledError('SIGINT'))
    const created = fakeRunner({})
    const waiting = { ...made(A, 'InProgress'), error: 'Cancelled while waiting', cutShort: 'wait' as const }
    failForErrors(created.runner, [waiting], cancelled)
    expect(created.failures()).toEqual([
      'The job was cancelled (SIGINT) while waiting for the invalidation. 1 of 1 invalidations were created and go on in CloudFront; see the outputs and the summary.'
    ])
    expect(created.errors()).toEqual([])
    const earlier = fakeRunner({})
    failForErrors(earlier.runner, [made(A, 'InProgress')], undefined)
    expect(earlier.failures()).toEqual([])
  })

  it('cancelled while creating: one error naming the phase, a warning for each create that may have made one', () => {
    const cancelled = aborted(new CancelledError('SIGTERM'))
    const fake = fakeRunner({})
    const maybe = {
      ...failed(A),
      error: 'may exist: CallerReference r1',
      cutShort: 'create' as const,
      maybeCreated: true
    }
    const waiting = { ...made(B, 'InProgress'), error: 'Cancelled while waiting', cutShort: 'wait' as const }
    const own = { ...failed('E3CCCCCCCCCCCC'), error: 'Access denied' }
    failForErrors(fake.runner, [maybe, waiting, own], cancelled)
    expect(fake.failures()).toEqual([
      'The job was cancelled (SIGTERM) while creating the invalidations. 1 of 3 invalidations were created and go on in CloudFront; see the outputs and the summary. 1 more may have been created all the same: see the warning above.'
    ])
    expect(fake.warnings()).toEqual([`${A}: may exist: CallerReference r1`])
    // A target that failed for its own reason before the cancel keeps its error; the wait cut short is counted.
    expect(fake.errors()).toEqual(['E3CCCCCCCCCCCC: Access denied'])
  })
})

describe('formatCreated', () => {
  it('counts what goes on in CloudFront and what completed', () => {
    expect(formatCreated([failed(A)])).toBe('No invalidation was confirmed as created.')
    expect(formatCreated([made(A, 'Completed'), failed(B)])).toBe(
      '1 of 2 invalidations were created and completed; see the outputs and the summary.'
    )
    expect(formatCreated([made(A, 'Completed'), made(B, 'InProgress')])).toBe(
      '2 of 2 invalidations were created: 1 go on in CloudFront and the rest completed; see the outputs and the summary.'
    )
  })

  it('counts the creates that may have made one', () => {
    const maybe = { ...failed(A), maybeCreated: true }
    expect(formatCreated([maybe])).toBe(
      'No invalidation was confirmed as created. One may have been created all the same: see the warning above.'
    )
    expect(formatCreated([maybe, { ...maybe, distributionId: B }])).toBe(
      'No invalidation was confirmed as created. 2 may have been created all the same: see the warnings above.'
    )
  })
})

describe('explainAborted', () => {
  it('keeps an error before the deadline, or one the user must fix, and otherwise says the deadline cut it short', () => {
    const error = new Error('socket hang up')
    expect(explainAborted(error, open())).toBe(error)
    const fix = new UserError('distribution-id: wrong')
    expect(explainAborted(fix, aborted(new Error('timeout')))).toBe(fix)
    const timedOut = explainAborted(error, aborted(new Error('timeout')))
    expect(timedOut).toBeInstanceOf(WaitTimeoutError)
    expect((timedOut as Error).message).toBe(
      'Timed out after 20 s (wait-timeout) before any invalidation was created (socket hang up). Raise wait-timeout, or check the network or proxy to AWS.'
    )
    const cancelled = explainAborted(error, aborted(new CancelledError('SIGTERM')))
    expect((cancelled as Error).message).toBe('The job was cancelled (SIGTERM). Nothing was invalidated.')
    const signingIn = explainAborted(
      error,
      aborted(new CancelledError('SIGINT')),
      new Phase('signing in to AWS')
    )
    expect((signingIn as Error).message).toBe(
      'The job was cancelled (SIGINT) while signing in to AWS. Nothing was invalidated.'
    )
    const phase = new Phase('looking up the targets')
    phase.enter(`waiting for invalidation ${ID}`, 'It is not affected; this step creates none.')
    expect((explainAborted(error, aborted(new CancelledError('SIGINT')), phase) as Error).message).toBe(
      `The job was cancelled (SIGINT) while waiting for invalidation ${ID}. It is not affected; this step creates none.`
    )
  })
})

describe('Ending', () => {
  it('hands on invalidation-id as the step’s one invalidation, before verifying', () => {
    const { ending: end, created } = ending()
    end.settledEarlier({ kind: 'distribution', id: A }, ID, { ...made(A, 'Completed'), invalidationId: ID })
    expect(created.createdIds()).toEqual([ID])
  })

  it('writes verified, fails for what verifying found, and writes the summary', async () => {
    const fake = ending()
    await fake.ending.end(
      [made(A, 'Completed')],
      { verified: 'false', verifications: [], failure: 'verify: stale' },
      {
        created: true
      }
    )
    expect(fake.outputs()).toEqual({ verified: 'false' })
    expect(fake.failures()).toEqual(['verify: stale'])
    expect(fake.summary()).toContain(`\`${A}\``)
  })

  it('fails once for a cancelled verify, with its one error', async () => {
    const fake = ending(aborted(new CancelledError('SIGINT')))
    await fake.ending.end(
      [made(A, 'Completed')],
      { verified: 'false', verifications: [], cancelled: true, failure: 'cut short while verifying' },
      { created: true }
    )
    expect(fake.failures()).toEqual(['cut short while verifying'])
  })

  it('invalidation-id cancelled while waiting: one error naming the wait, and that the step made none', async () => {
    const fake = ending(aborted(new CancelledError('SIGTERM')))
    const waiting = { ...made(A, 'InProgress'), error: 'Cancelled while waiting', cutShort: 'wait' as const }
    await fake.ending.end([waiting], undefined, { created: false })
    expect(fake.failures()).toEqual([
      `The job was cancelled (SIGTERM) while waiting for invalidation I${A}. It goes on in CloudFront; this step creates none.`
    ])
    expect(fake.errors()).toEqual([])
  })

  it('fails the step, naming the invalidations, when an output could not be written', async () => {
    const fake = ending(open(), { outputsFailAfter: 0 })
    fake.ending.settledEarlier({ kind: 'distribution', id: A }, ID, made(A, 'Completed'))
    await fake.ending.end([made(A, 'Completed')], undefined, { created: false })
    expect(fake.failures()).toEqual([
      expect.stringContaining(`Invalidation ${ID} was created and goes on in CloudFront`)
    ])
  })

  it('says when nothing changed, and what a dry run would have sent', async () => {
    const quiet = ending()
    await quiet.ending.nothingChanged([{ kind: 'distribution', id: A }])
    expect(quiet.events.find(event => event.kind === 'notice')).toMatchObject({
      message: expect.stringMatching(/lists no paths: nothing changed, so nothing was invalidated\.$/)
    })
    const dry = ending()
    await dry.ending.dryRun([{ distributionId: A, target: { kind: 'distribution', id: A }, paths: ['/a'] }])
    expect(dry.log()).toContain('Dry run: nothing was sent to CloudFront.')
    expect(dry.summary()).not.toBe('')
  })
})
