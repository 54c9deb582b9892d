/**
 * invalidation-id's flow: waiting on an earlier invalidation (CloudFront mocked at the SDK's edge, the
 * fake clock), verifying it at a real HTTP server on 127.0.0.1 given as verify-url, and what the step
 * then writes through its ending (ending.ts): outputs, warnings, the failure.
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { CloudFrontClient, GetInvalidationCommand } from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { invalidationAnswer, useEnvironmentKeys } from '../../__fixtures__/aws.js'
import { fakeTime } from '../../__fixtures__/clock.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { readSettings } from '../../src/inputs/inputs.js'
import { CreatedOutputs } from '../../src/report/outputs.js'
import { waitForEarlier } from '../../src/earlier/flow.js'
import { Ending } from '../../src/ending.js'

const A = 'E1AAAAAAAAAAAA'
const ID = 'I2J0I21PCUYOIK'
const createTime = new Date('2026-12-04T20:00:00.000Z')
const at = (seconds: number) => new Date(createTime.getTime() + seconds * 1000).toUTCString()
const cloudFront = mockClient(CloudFrontClient)
useEnvironmentKeys()

let server: Server
let origin: string
/** What the site answers for each path; any other path is a fresh miss. */
let answers: Record<string, Record<string, string>> = {}
let asked: string[] = []

beforeAll(async () => {
  server = createServer((request, response: ServerResponse) => {
    asked.push(request.url ?? '')
    response.writeHead(200, answers[request.url ?? ''] ?? { 'x-cache': 'Miss from cloudfront', date: at(60) })
    response.end()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})
beforeEach(() => {
  cloudFront.reset()
  answers = {}
  asked = []
})

const invalidation = (status: string, paths: string[]) =>
  invalidationAnswer(ID, status, { paths, createTime })

/** The step with invalidation-id and these inputs, waiting at most 20 s on the fake clock. */
async function step(inputs: Record<string, string>, runnerOptions: { outputsFailAfter?: number } = {}) {
  const values = {
    'distribution-id': A,
    'invalidation-id': ID,
    'wait-timeout': '20',
    ...inputs
  }
  const fake = fakeRunner(values, runnerOptions)
  const settings = readSettings(fake.runner.getInput, () => Buffer.alloc(0), {})
  const time = fakeTime()
  const deadline = { at: 20_000, seconds: 20, signal: new AbortController().signal }
  // The step's one ending writes the outputs and fails the step, as run() has it do.
  const outputs = new CreatedOutputs(fake.runner, time.clock.now)
  const ending = new Ending({ runner: fake.runner, outputs, deadline, settings })
  const { results, verification } = await waitForEarlier(
    settings,
    [{ target: { kind: 'distribution', id: A }, foundBy: [{ by: 'distribution-id' }] }],
    ID,
    {
      client: new CloudFrontClient({ region: 'us-east-1' }),
      runner: fake.runner,
      clock: time.clock,
      deadline,
      proxy: {},
      settled: (target, id, result) => {
        ending.settledEarlier(target, id, result)
      }
    }
  )
  await ending.end(results, verification, { created: false })
  return { ...fake, done: { results, verifications: verification?.verifications ?? [] } }
}

describe('waitForEarlier', () => {
  it('hands on a completed invalidation, creating nothing, and verifies nothing unless asked', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(invalidation('Completed', ['/a.html']))
    const { done, outputs, log, failures } = await step({})
    expect(log()).toEqual([
      `Invalidation ${ID} on ${A} was made earlier (created 2026-12-04T20:00:00.000Z, 1 path): Completed. Nothing is created.`
    ])
    expect(outputs()).toEqual({
      'invalidation-id': ID,
      'invalidation-ids': JSON.stringify([ID]),
      invalidations: expect.stringContaining(`"invalidation-id":"${ID}"`) as unknown,
      status: 'Completed'
    })
    expect(failures()).toEqual([])
    expect(done).toMatchObject({ results: [{ invalidationId: ID, status: 'Completed' }], verifications: [] })
    expect(asked).toEqual([])
  })

  it("verifies the invalidation's own paths at verify-url, and says verified", async () => {
    cloudFront.on(GetInvalidationCommand).resolves(invalidation('Completed', ['/a.html', '/b.html']))
    const { done, outputs, log, failures } = await step({ verify: 'true', 'verify-url': origin })
    expect(asked.sort()).toEqual(['/a.html', '/b.html'])
    expect(outputs().verified).toBe('true')
    expect(log()).toContain(`Verifying 2 changed URLs of ${A} at ${origin}, against invalidation ${ID}.`)
    expect(log()).toContain(
      `${A}: live: 2 URLs served fresh from the origin since the invalidation (/a.html, /b.html).`
    )
    expect(failures()).toEqual([])
    expect(done.verifications).toHaveLength(1)
  })

  it('checks the files given with paths, under the invalidation’s wildcards, instead', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(invalidation('Completed', ['/docs/*']))
    const { outputs } = await step({ verify: 'true', 'verify-url': origin, paths: '/docs/guide.html' })
    expect(asked).toEqual(['/docs/guide.html'])
    expect(outputs().verified).toBe('true')
  })

  it('fails the step when a URL is stale, naming it', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(invalidation('Completed', ['/a.html']))
    answers['/a.html'] = { 'x-cache': 'Hit from cloudfront', date: at(-7200), age: '7260' }
    const { outputs, errors, failures } = await step({ verify: 'true', 'verify-url': origin })
    expect(outputs().verified).toBe('false')
    expect(errors()).toEqual([expect.stringMatching(new RegExp(`^verify: ${origin}/a\\.html is stale: `))])
    expect(failures()).toEqual([
      expect.stringMatching(
        new RegExp(`^verify: 1 stale URL on ${A}\\. The invalidation completed, but visitors are not known`)
      )
    ])
  })

  it('fails the step at wait-timeout, and then verifies nothing', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(invalidation('InProgress', ['/a.html']))
    const { outputs, failures, warnings } = await step({ verify: 'true', 'verify-url': origin })
    expect(outputs()).toMatchObject({ status: 'InProgress', verified: 'false' })
    expect(failures()).toEqual([
      expect.stringMatching(/^Timed out after 20 s \(wait-timeout\) waiting for invalidation I2J0I21PCUYOIK/)
    ])
    expect(warnings()).toEqual([])
    expect(asked).toEqual([])
  })

  it('only warns at wait-timeout when fail-on-timeout is false', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(invalidation('InProgress', ['/a.html']))
    const { done, outputs, failures, warnings } = await step({ 'fail-on-timeout': 'false' })
    expect(warnings()).toEqual([
      expect.stringMatching(
        new RegExp(`^${A}: Timed out after 20 s .* fail-on-timeout is false, so the step does not fail\\.$`)
      )
    ])
    expect(outputs()).toMatchObject({ status: 'InProgress' })
    expect(outputs().verified).toBeUndefined()
    expect(failures()).toEqual([])
    expect(done.results[0]).toMatchObject({ warning: expect.stringContaining('fail-on-timeout is false') })
    expect(done.results[0]?.error).toBeUndefined()
  })

  it('still fails a step that was to verify when the wait runs out with fail-on-timeout false', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(invalidation('InProgress', ['/a.html']))
    const { outputs, failures, warnings } = await step({
      verify: 'true',
      'verify-url': origin,
      'fail-on-timeout': 'false'
    })
    expect(warnings()).toEqual([
      expect.stringContaining('fail-on-timeout is false, so the step does not fail.'),
      `verify: ${A} was not verified: invalidation ${ID} is not Completed.`
    ])
    expect(outputs().verified).toBe('false')
    expect(failures()).toEqual([
      `verify: ${A} was not verified. Visitors are not known to get the new content; see the errors above.`
    ])
    expect(asked).toEqual([])
  })

  it('fails the step, naming the invalidation, when the outputs cannot be written', async () => {
    cloudFront.on(GetInvalidationCommand).resolves(invalidation('Completed', ['/a.html']))
    const { failures } = await step({}, { outputsFailAfter: 0 })
    expect(failures()).toEqual([
      expect.stringContaining(
        `Invalidation ${ID} was created and goes on in CloudFront, but later steps cannot read its ID from the outputs.`
      )
    ])
  })
})
