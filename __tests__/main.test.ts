/**
 * The flow of run(), through a fake runner (__fixtures__/runner.ts), a fake clock, and CloudFront mocked
 * at the SDK's edge: what a user sees in the log, the outputs, the summary and the exit status.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  AccessDenied,
  CloudFrontClient,
  CreateInvalidationCommand,
  GetInvalidationCommand,
  ListDistributionsCommand
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { invalidationAnswer, useEnvironmentKeys } from '../__fixtures__/aws.js'
import { fakeTime } from '../__fixtures__/clock.js'
import { fakeRunner } from '../__fixtures__/runner.js'
import { CancelledError } from '../src/common/clock.js'
import { run } from '../src/main.js'

const A = 'E1AAAAAAAAAAAA'
const B = 'E2BBBBBBBBBBBB'
const C = 'E3CCCCCCCCCCCC'

const cloudFront = mockClient(CloudFrontClient)
useEnvironmentKeys()
beforeEach(() => {
  cloudFront.reset()
})

const created = invalidationAnswer
const denied = () =>
  new AccessDenied({
    message: 'User is not authorized to perform cloudfront:CreateInvalidation',
    $metadata: {}
  })

describe('run', () => {
  it('invalidates, hands on the ID and writes a summary', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    const time = fakeTime()
    const fake = fakeRunner({ 'distribution-id': A, paths: '/index.html' })
    await run(fake.runner, { clock: time.clock })
    expect(fake.failures()).toEqual([])
    expect(fake.outputs()).toEqual({
      'invalidation-ids': '["I1"]',
      'invalidation-id': 'I1',
      'distribution-ids': `["${A}"]`,
      'distribution-tenant-ids': '[]',
      invalidations: `[{"distribution-id":"${A}","invalidation-id":"I1","status":"InProgress"}]`,
      status: 'InProgress'
    })
    expect(fake.log()).toContain(`Created invalidation I1 on ${A} (InProgress).`)
    expect(fake.summary()).toContain(`| \`${A}\` | [I1](`)
    expect(fake.summary()).toContain(
      'By [run 4242, attempt 1](https://github.com/octo-org/website/actions/runs/4242/attempts/1)'
    )
    const sent = cloudFront.commandCalls(CreateInvalidationCommand)[0]?.args[0].input
    expect(sent?.InvalidationBatch?.Paths?.Items).toEqual(['/index.html'])
    expect(sent?.InvalidationBatch?.CallerReference).toMatch(/^gha-4242-1-[0-9a-f]{32}$/)
  })

  it('reports each distribution of a partial failure, fails the step, and counts only what was sent', async () => {
    cloudFront
      .on(CreateInvalidationCommand, { DistributionId: A })
      .resolves(created('IA'))
      .on(CreateInvalidationCommand, { DistributionId: B })
      .rejects(denied())
      .on(CreateInvalidationCommand, { DistributionId: C })
      .resolves(created('IC'))
    const fake = fakeRunner({ 'distribution-id': `${A},${B},${C}`, paths: '/a.html\n/b.html' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.outputs()['invalidation-ids']).toBe('["IA","IC"]')
    expect(fake.outputs()['invalidation-id']).toBe('IA')
    expect(fake.outputs()['distribution-ids']).toBe(`["${A}","${B}","${C}"]`)
    expect(fake.errors()).toEqual([
      expect.stringMatching(new RegExp(`^${B}: Access denied to cloudfront:CreateInvalidation`))
    ])
    expect(fake.failures()).toEqual(['1 of 3 distributions failed; see the errors above.'])
    // The log and the summary count the same bill: the paths of the two invalidations created.
    expect(fake.log()).toContain(
      'Billed paths of this step: 4 (2 invalidations of 3 distributions), USD 0.02 at USD 0.005 a path once the account has used its 1,000 free paths this month (the action cannot see how many it has used).'
    )
    expect(fake.summary()).toContain('Billed paths of this step: **4**, USD 0.02')
    expect(fake.summary()).toContain('❌ Failed')
  })

  it('sets status Completed only when every target of a fleet completed, and summarises the fleet', async () => {
    cloudFront
      .on(CreateInvalidationCommand, { DistributionId: A })
      .resolves(created('IA'))
      .on(CreateInvalidationCommand, { DistributionId: B })
      .rejects(denied())
      .on(CreateInvalidationCommand, { DistributionId: C })
      .resolves(created('IC'))
      .on(GetInvalidationCommand)
      .resolves(created('IX', 'Completed'))
    const fake = fakeRunner({ 'distribution-id': `${A},${B},${C}`, paths: '/a.html', wait: 'true' })
    await run(fake.runner, { clock: fakeTime().clock })
    // Before, the two that completed made the step's status Completed although one failed.
    expect(fake.outputs().status).toBe('InProgress')
    expect(fake.errors()).toHaveLength(1)
    expect(fake.summary()).toContain('3 distributions: 2 created, 2 completed, 1 failed.')
  })

  it('sets status Completed when every target of a fleet completed', async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .resolves(created('I1'))
      .on(GetInvalidationCommand)
      .resolves(created('I1', 'Completed'))
    const fake = fakeRunner({ 'distribution-id': `${A},${B}`, paths: '/a.html', wait: 'true' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([])
    expect(fake.outputs().status).toBe('Completed')
    expect(fake.log()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^2 of 2 created, 2 completed \(/)])
    )
  })

  it('makes no request in a dry run, and still plans, outputs and summarises', async () => {
    const fake = fakeRunner({ 'distribution-id': A, paths: '/a.html', 'dry-run': 'true' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(cloudFront.calls()).toHaveLength(0)
    expect(fake.failures()).toEqual([])
    expect(fake.outputs()).toEqual({
      'invalidation-ids': '[]',
      'distribution-ids': `["${A}"]`,
      'distribution-tenant-ids': '[]'
    })
    expect(fake.log()).toContain('Dry run: nothing was sent to CloudFront.')
    expect(fake.log()).toContain(
      'Billed paths this step would send: 1, USD 0.005 at USD 0.005 a path once the account has used its 1,000 free paths this month (the action cannot see how many it has used).'
    )
    expect(fake.summary()).toContain('dry run: nothing was created')
  })

  it('sets distribution-ids and says nothing changed when the paths-file is empty', async () => {
    const fake = fakeRunner({ 'distribution-id': `${A} ${B}`, 'paths-file': '/dev/null' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(cloudFront.calls()).toHaveLength(0)
    expect(fake.failures()).toEqual([])
    expect(fake.outputs()).toEqual({
      'invalidation-ids': '[]',
      'distribution-ids': `["${A}","${B}"]`,
      'distribution-tenant-ids': '[]'
    })
    expect(fake.summary()).toContain('Nothing changed: paths-file /dev/null lists no paths')
  })

  it('waits until complete, and fails at wait-timeout with the invalidation already handed on', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    cloudFront.on(GetInvalidationCommand).resolves(created('I1'))
    const time = fakeTime()
    const fake = fakeRunner({ 'distribution-id': A, paths: '/a', wait: 'true', 'wait-timeout': '30' })
    await run(fake.runner, { clock: time.clock })
    expect(fake.outputs()['invalidation-id']).toBe('I1')
    expect(fake.outputs().status).toBe('InProgress')
    expect(fake.failures()).toEqual([
      expect.stringMatching(
        /^Timed out after 30 s \(wait-timeout\) waiting for invalidation I1 on E1A+: still InProgress after \d+ polls\./
      )
    ])
    expect(time.now()).toBeLessThanOrEqual(30_000)
    expect(fake.summary()).toContain('| ❌ InProgress |')
  })

  it('completes a wait and sets status Completed', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    cloudFront.on(GetInvalidationCommand).resolvesOnce(created('I1')).resolves(created('I1', 'Completed'))
    const fake = fakeRunner({ 'distribution-id': A, paths: '/a', wait: 'true' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([])
    expect(fake.outputs().status).toBe('Completed')
    expect(fake.log()).toContain('Invalidation I1 on E1AAAAAAAAAAAA completed after 2.0 s (2 polls).')
  })

  it('on cancellation writes the outputs and summary of what was created, then fails', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    const cancel = new AbortController()
    let polls = 0
    cloudFront.on(GetInvalidationCommand).callsFake(async () => {
      if (++polls === 3) cancel.abort(new CancelledError('SIGINT'))
      return created('I1')
    })
    const fake = fakeRunner({ 'distribution-id': A, paths: '/a', wait: 'true' })
    await run(fake.runner, { clock: fakeTime().clock, cancel: cancel.signal })
    expect(fake.outputs()['invalidation-id']).toBe('I1')
    expect(fake.failures()).toEqual([
      'The job was cancelled (SIGINT) while waiting for the invalidation. 1 of 1 invalidations were created and go on in CloudFront; see the outputs and the summary.'
    ])
    expect(fake.summary()).toContain('[I1](')
    expect(fake.summary()).toContain('Cancelled while waiting for invalidation I1')
  })

  it('fails with the input error alone, and writes nothing else', async () => {
    const fake = fakeRunner({ 'distribution-id': 'e2qwruhapomqzl' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([expect.stringContaining('IDs are upper case. Use E2QWRUHAPOMQZL.')])
    expect(fake.outputs()).toEqual({})
    expect(fake.summary()).toBe('')
    expect(cloudFront.calls()).toHaveLength(0)
  })

  it('warns, and does not fail, when the summary cannot be written', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    const fake = fakeRunner({ 'distribution-id': A, paths: '/a' }, { summaryFails: true })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([])
    expect(fake.warnings()).toEqual([
      'Could not write the job summary: ENOSPC: no space left on device, write. It would have shown invalidation I1.'
    ])
  })

  it('goes on waiting when the outputs cannot be written after the create, then fails naming the ID', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'))
    cloudFront.on(GetInvalidationCommand).resolves(created('I1', 'Completed'))
    // invalidation-ids, distribution-ids and distribution-tenant-ids are written before the create.
    const fake = fakeRunner({ 'distribution-id': A, paths: '/a', wait: 'true' }, { outputsFailAfter: 3 })
    await run(fake.runner, { clock: fakeTime().clock })
    const log = fake.events.map(event => ('message' in event ? event.message : event.kind))
    const createdAt = log.indexOf(`Created invalidation I1 on ${A} (InProgress).`)
    expect(createdAt).toBeGreaterThan(-1)
    expect(fake.log()).toContain('Invalidation I1 on E1AAAAAAAAAAAA completed after 1.0 s (1 poll).')
    expect(fake.failures()).toEqual([
      'Could not write the output invalidation-id to GITHUB_OUTPUT: ENOSPC: no space left on device, write. Invalidation I1 was created and goes on in CloudFront, but later steps cannot read its ID from the outputs.'
    ])
    expect(log.indexOf(fake.failures()[0] ?? '')).toBeGreaterThan(createdAt)
    expect(fake.summary()).toContain('[I1](')
  })

  it('finds distributions by alias through ListDistributions', async () => {
    cloudFront.on(ListDistributionsCommand).resolves({
      DistributionList: {
        Items: [{ Id: B, Aliases: { Quantity: 1, Items: ['www.example.com'] } }] as never,
        IsTruncated: false,
        Marker: '',
        MaxItems: 100,
        Quantity: 1
      }
    })
    cloudFront.on(CreateInvalidationCommand).resolves(created('IB'))
    const fake = fakeRunner({ 'distribution-alias': 'www.example.com', paths: '/a' })
    await run(fake.runner, { clock: fakeTime().clock })
    expect(fake.failures()).toEqual([])
    expect(fake.outputs()['distribution-ids']).toBe(`["${B}"]`)
    expect(fake.summary()).toContain('Found by alias `www.example.com`')
  })

  it('times out before creating anything when the lookup outlasts wait-timeout', async () => {
    const time = fakeTime()
    cloudFront.on(ListDistributionsCommand).callsFake(async () => {
      time.advance(10_000)
      throw Object.assign(new Error('aborted'), { name: 'AbortError' })
    })
    const fake = fakeRunner({ 'distribution-alias': 'www.example.com', paths: '/a', 'wait-timeout': '5' })
    await run(fake.runner, { clock: time.clock })
    expect(fake.failures()).toEqual([
      expect.stringMatching(/^Timed out after 5 s \(wait-timeout\) before any invalidation was created/)
    ])
  })
})
