/**
 * AWS faults, end to end: dist/ under Node 24, with the FaultFront injecting what CloudFront does under
 * load and what networks do, and emulating CloudFront's CallerReference rules. Time runs SCALE times as
 * fast for the front and the action (FaultFront.scaleTime): backoffs, the 15 s request timeout and
 * wait-timeout keep their real values in the action and pass in a fifth of the time.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { expectCleanFailure, useEmulator } from './emulator.js'
import { invalidationsOf, runAction } from './harness.js'

const emulator = useEmulator()
/** 5: the 15 s request timeout stays 3 s of real time, far over a loaded machine's answer times. */
const SCALE = 5
beforeEach(() => {
  emulator.front.scaleTime(SCALE)
})

function callerReferences(): string[] {
  return emulator.front
    .calls('CreateInvalidation')
    .map(request => /<CallerReference>([^<]*)<\/CallerReference>/.exec(request.body)?.[1] ?? '')
}

describe('retries that end in exactly one invalidation', () => {
  it('gets through Throttling, a 503 and TooManyInvalidationsInProgress twice', async () => {
    const { front } = emulator
    front
      .inject('CreateInvalidation', {
        kind: 'error',
        status: 400,
        code: 'Throttling',
        message: 'Rate exceeded'
      })
      .inject('CreateInvalidation', { kind: 'error', status: 503, code: 'ServiceUnavailable' })
      .inject('CreateInvalidation', { kind: 'error', status: 400, code: 'TooManyInvalidationsInProgress' }, 2)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/index.html' },
      env: emulator.awsEnv()
    })
    expect(run.code).toBe(0)

    const created = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(created).toHaveLength(1)
    expect(run.outputs['invalidation-id']).toBe(created[0]?.id)
    // Five requests, one CallerReference: nothing could have been created twice.
    const references = callerReferences()
    expect(references).toHaveLength(5)
    expect(new Set(references).size).toBe(1)
    expect(run.stdout.match(/Too many invalidations in progress/g)).toHaveLength(2)
  })

  it('reports the invalidation a lost response created, and creates no second one', async () => {
    emulator.front.inject('CreateInvalidation', { kind: 'drop-after-forward' })
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/index.html\n/app.js' },
      env: emulator.awsEnv()
    })
    expect(run.code).toBe(0)

    const created = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(created).toHaveLength(1)
    expect(run.outputs['invalidation-id']).toBe(created[0]?.id)
    expect(JSON.parse(run.outputs['invalidation-ids'] ?? '')).toEqual([created[0]?.id])
    const references = callerReferences()
    expect(references).toHaveLength(2)
    expect(references[1]).toBe(references[0])
  })

  it('retries transient errors while polling, and still notices completion', async () => {
    emulator.front
      .holdInProgress(1500)
      .inject('GetInvalidation', { kind: 'error', status: 503, code: 'ServiceUnavailable' }, 2)
      .inject('GetInvalidation', { kind: 'error', status: 400, code: 'Throttling', message: 'Rate exceeded' })
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, wait: 'true' },
      env: emulator.awsEnv()
    })
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('Completed')
  })
})

describe('an API brownout longer than the SDK attempts', () => {
  // The SDK makes 8 attempts; before, a ninth bad answer failed the step in seconds although
  // wait-timeout was 1800 s. Now the step tries again, with the same CallerReference, until it gets through.
  it.each([
    ['answers of 503', { kind: 'error', status: 503, code: 'ServiceUnavailable' } as const],
    ['dropped connections', { kind: 'reset' } as const]
  ])('gets through 9 %s, creating one invalidation', async (_what, fault) => {
    emulator.front.inject('CreateInvalidation', fault, 9)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/index.html' },
      env: emulator.awsEnv()
    })
    expect(run.code).toBe(0)
    const created = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(created).toHaveLength(1)
    expect(run.outputs['invalidation-id']).toBe(created[0]?.id)
    const references = callerReferences()
    expect(references).toHaveLength(10)
    expect(new Set(references).size).toBe(1)
    expect(run.stdout).toMatch(
      new RegExp(
        `CloudFront did not accept the invalidation of ${emulator.distributionId} \\(.+\\); retrying in [\\d.]+ s with the same CallerReference \\(retry 1, `
      )
    )
  })
})

describe('errors that no retry can fix fail at once', () => {
  it.each([
    [403, 'AccessDenied', ['cloudfront:CreateInvalidation']],
    [400, 'InvalidArgument', ['InvalidArgument']],
    [413, 'BatchTooLarge', ['BatchTooLarge']]
  ])('%i %s: one request, a clear message', async (status, code, fragments) => {
    emulator.front.inject('CreateInvalidation', { kind: 'error', status, code }, Infinity)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'wait-timeout': '600' },
      env: emulator.awsEnv()
    })
    expectCleanFailure(run, emulator.distributionId, ...fragments)
    // One request, then the failure: not a retry until wait-timeout (600 s).
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(1)
  })

  it('says what to change when a caller-reference is reused with other paths', async () => {
    const inputs = { 'distribution-id': emulator.distributionId, 'caller-reference': 'release-42' }
    const first = await runAction({ inputs: { ...inputs, paths: '/a.html' }, env: emulator.awsEnv() })
    expect(first.code).toBe(0)
    // The same reference and paths again: CloudFront answers with the same invalidation.
    const again = await runAction({ inputs: { ...inputs, paths: '/a.html' }, env: emulator.awsEnv() })
    expect(again.outputs['invalidation-id']).toBe(first.outputs['invalidation-id'])

    const other = await runAction({ inputs: { ...inputs, paths: '/b.html' }, env: emulator.awsEnv() })
    expectCleanFailure(other, 'caller-reference')
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(1)
  })
})

describe('deadlines', () => {
  it('gives up on a hung call after the request timeout and retries it, creating one invalidation', async () => {
    emulator.front.inject('CreateInvalidation', { kind: 'hang' })
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'wait-timeout': '120' },
      env: emulator.awsEnv()
    })
    expect(run.code).toBe(0)
    // The 15 s per-attempt timeout (of the action's time) ended the hung attempt, not the front; the retry
    // reused the CallerReference.
    expect(run.durationMs).toBeGreaterThanOrEqual(15_000 / SCALE)
    const references = callerReferences()
    expect(references).toHaveLength(2)
    expect(references[1]).toBe(references[0])
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(1)
  })

  it('gives up on TooManyInvalidationsInProgress at wait-timeout, saying why', async () => {
    // At CloudFront's pace: the start, a first try and a second must fit in wait-timeout, which scaled
    // would race the machine's load.
    emulator.front
      .scaleTime(1)
      .inject(
        'CreateInvalidation',
        { kind: 'error', status: 400, code: 'TooManyInvalidationsInProgress' },
        Infinity
      )
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'wait-timeout': '6' },
      env: emulator.awsEnv()
    })
    expectCleanFailure(run, 'Too many invalidations are in progress', 'wait-timeout')
    expect(emulator.front.calls('CreateInvalidation').length).toBeGreaterThanOrEqual(2)
  })

  it('fails at wait-timeout with a clear message when CloudFront never answers', async () => {
    emulator.front.inject('CreateInvalidation', { kind: 'hang' }, Infinity)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'wait-timeout': '3' },
      env: emulator.awsEnv()
    })
    expectCleanFailure(run, 'Timed out after 3 s (wait-timeout)', 'did not accept the invalidation')
    expect(run.durationMs).toBeGreaterThanOrEqual(3_000 / SCALE)
  })
})
