/**
 * The invalidate action cut off mid-way, end to end: real signals to the bundled action under Node 24
 * (the runner sends SIGINT, then SIGTERM 7.5 s later, then kills it) while the front holds an answer, and
 * wait-timeout passing while CloudFront has not answered a create. Each cancel must end the step within
 * 2 s with one ::error:: naming the phase, no stack trace and nothing written after it; a create cut short
 * must say what it left. The stop times are printed for the record (BENCHMARKS.md has them).
 */
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { afterAll, describe, expect, it } from '@jest/globals'
import { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront'
import { expectCleanFailure, useEmulator } from './emulator.js'
import {
  cloudFront,
  createDistribution,
  invalidationsOf,
  runAction,
  type ActionRun,
  type RunOptions
} from './harness.js'

const emulator = useEmulator()
const ROLE = 'arn:aws:iam::123456789012:role/deploy'

const stopTimes: Record<string, number> = {}
afterAll(() => {
  process.stdout.write(
    `invalidate action, time from the signal to the end of the process (ms): ${JSON.stringify(stopTimes)}\n`
  )
})

/** Runs the action and sends `signal` once `when` holds; records how long it took to stop. */
async function cancelled(
  phase: string,
  inputs: Record<string, string>,
  when: () => boolean,
  options: Partial<RunOptions> & { signal?: NodeJS.Signals } = {}
): Promise<ActionRun> {
  const run = await runAction({
    inputs,
    env: emulator.awsEnv(),
    timeoutMs: 30_000,
    ...options,
    signalWhen: { when, signal: options.signal ?? 'SIGINT' }
  })
  stopTimes[phase] = run.stopMs ?? NaN
  return run
}

/** One error, the last command of the log; no stack; stopped within 2 s of the signal. */
function expectCleanCancel(run: ActionRun, error: string | RegExp): void {
  if (typeof error === 'string') expectCleanFailure(run, error)
  else {
    expectCleanFailure(run)
    expect(run.errors[0]).toMatch(error)
  }
  const lines = run.stdout.split('\n').filter(line => line && !line.startsWith('::debug::'))
  expect(lines.at(-1)?.startsWith('::error::')).toBe(true)
  expect(run.stderr).not.toMatch(/Error|\bat /)
  // The runner waits 7.5 s before SIGTERM; the step ends well before.
  expect(run.stopMs).toBeLessThan(2_000)
}

const warnings = (run: ActionRun) =>
  run.stdout
    .split('\n')
    .filter(line => line.startsWith('::warning'))
    .map(line =>
      line
        .slice(line.indexOf('::', 2) + 2)
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%')
    )

describe('the invalidate action, cancelled by the runner', () => {
  it('while signing in (STS never answers AssumeRoleWithWebIdentity)', async () => {
    emulator.front.inject('AssumeRoleWithWebIdentity', { kind: 'hang' }, Infinity)
    const run = await cancelled(
      'signing in',
      { 'distribution-id': emulator.distributionId, paths: '/a.html', 'role-to-assume': ROLE },
      () => emulator.front.calls('AssumeRoleWithWebIdentity').length > 0,
      {
        env: emulator.awsEnv({
          AWS_ACCESS_KEY_ID: undefined,
          AWS_SECRET_ACCESS_KEY: undefined,
          ...emulator.oidc.env()
        })
      }
    )
    expectCleanCancel(run, 'The job was cancelled (SIGINT) while signing in to AWS. Nothing was invalidated.')
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(0)
    expect(run.outputs['invalidation-id']).toBeUndefined()
  })

  it('while signing in through the default chain (a container credentials endpoint never answers)', async () => {
    // What a self-hosted runner in a container (ECS, EKS Pod Identity) signs in with; the SDK's chain takes
    // no abort signal, so the step itself must stop waiting.
    const asked: Socket[] = []
    const hanging = createServer(socket => asked.push(socket))
    await new Promise<void>(done => hanging.listen(0, '127.0.0.1', done))
    try {
      const { port } = hanging.address() as AddressInfo
      const run = await cancelled(
        'signing in (default chain)',
        { 'distribution-id': emulator.distributionId, paths: '/a.html' },
        () => asked.length > 0,
        {
          env: emulator.awsEnv({
            AWS_ACCESS_KEY_ID: undefined,
            AWS_SECRET_ACCESS_KEY: undefined,
            AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/creds`
          })
        }
      )
      expectCleanCancel(
        run,
        'The job was cancelled (SIGINT) while signing in to AWS. Nothing was invalidated.'
      )
      expect(emulator.front.calls('CreateInvalidation')).toHaveLength(0)
      expect(emulator.front.calls('ListInvalidations')).toHaveLength(0)
    } finally {
      for (const socket of asked) socket.destroy()
      await new Promise(done => hanging.close(done))
    }
  })

  it('while looking up the targets (ListDistributions never answers)', async () => {
    await createDistribution(emulator.moto.url, 'site', { aliases: ['www.example.com'] })
    emulator.front.fillListDistributionAliases().inject('ListDistributions', { kind: 'hang' }, Infinity)
    const run = await cancelled(
      'looking up the targets',
      { 'distribution-alias': 'www.example.com', paths: '/a.html' },
      () => emulator.front.calls('ListDistributions').length > 0
    )
    expectCleanCancel(
      run,
      'The job was cancelled (SIGINT) while looking up the targets. Nothing was invalidated.'
    )
    expect(run.outputs['distribution-ids']).toBeUndefined()
  })

  it('while creating: CloudFront made the invalidation but had not answered; the step finds it by its CallerReference', async () => {
    emulator.front.holdInProgress(60_000).inject('CreateInvalidation', { kind: 'hang-after-forward' })
    const run = await cancelled(
      'creating (found)',
      { 'distribution-id': emulator.distributionId, paths: '/a.html', wait: 'true' },
      () => emulator.front.heldAfterForward > 0
    )
    expectCleanCancel(
      run,
      'The job was cancelled (SIGINT) while creating the invalidation. 1 of 1 invalidations were created and go on in CloudFront; see the outputs and the summary.'
    )
    const [made] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(made).toBeDefined()
    expect(run.outputs['invalidation-id']).toBe(made?.id)
    expect(JSON.parse(run.outputs['invalidation-ids'] ?? '[]')).toEqual([made?.id])
    expect(run.outputs.status).toBe('InProgress')
    expect(run.stdout).toContain(
      `Found invalidation ${made?.id} on ${emulator.distributionId} (InProgress) by its CallerReference`
    )
    expect(run.summary).toContain(`the step then found invalidation ${made?.id} by its CallerReference`)
    expect(run.summary).toContain(made?.callerReference)
    // Found by listing and reading, never by a second create.
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(1)
    expect(emulator.front.calls('ListInvalidations')).toHaveLength(1)
  })

  it('while creating, and CloudFront does not answer the lookup either: it gives the CallerReference and how to look', async () => {
    emulator.front
      .inject('CreateInvalidation', { kind: 'hang-after-forward' })
      .inject('ListInvalidations', { kind: 'hang' })
    const run = await cancelled(
      'creating (not found)',
      { 'distribution-id': emulator.distributionId, paths: '/a.html' },
      () => emulator.front.heldAfterForward > 0
    )
    expectCleanCancel(
      run,
      'The job was cancelled (SIGINT) while creating the invalidation. No invalidation was confirmed as created. One may have been created all the same: see the warning above.'
    )
    const [made] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    const [warning] = warnings(run)
    expect(warnings(run)).toHaveLength(1)
    expect(warning).toContain(`${emulator.distributionId}: Cancelled before CloudFront answered the create`)
    expect(warning).toContain(`with CallerReference ${made?.callerReference}.`)
    expect(warning).toMatch(
      /The step looked for it for \d\.\d s and had no answer in that time \(from CloudFront, or a turn in the step.s pace of calls\)\./
    )
    expect(warning).toContain(
      `aws cloudfront list-invalidations --distribution-id ${emulator.distributionId}`
    )
    expect(run.outputs['invalidation-id']).toBeUndefined()
    expect(run.summary).toContain(`CallerReference ${made?.callerReference}`)
    expect(run.summary).toContain('⚠️ Unknown')
  })

  it('while creating on two distributions: one found, one the role may not look for; one error, one warning', async () => {
    const second = await createDistribution(emulator.moto.url, 'second')
    emulator.front
      .holdInProgress(60_000)
      .inject('CreateInvalidation', { kind: 'hang-after-forward' }, 2)
      .inject('ListInvalidations', {
        kind: 'error',
        status: 403,
        code: 'AccessDenied',
        message: 'not authorized'
      })
    const run = await cancelled(
      'creating (two distributions)',
      { 'distribution-id': `${emulator.distributionId}\n${second}`, paths: '/a.html' },
      () => emulator.front.heldAfterForward >= 2
    )
    expectCleanCancel(
      run,
      'The job was cancelled (SIGINT) while creating the invalidations. 1 of 2 invalidations were created and go on in CloudFront; see the outputs and the summary. 1 more may have been created all the same: see the warning above.'
    )
    const made = [
      ...(await invalidationsOf(emulator.moto.url, emulator.distributionId)),
      ...(await invalidationsOf(emulator.moto.url, second))
    ]
    expect(made).toHaveLength(2)
    const ids = JSON.parse(run.outputs['invalidation-ids'] ?? '[]') as string[]
    expect(ids).toHaveLength(1)
    expect(made.map(({ id }) => id)).toContain(ids[0])
    const [warning] = warnings(run)
    expect(warnings(run)).toHaveLength(1)
    expect(warning).toMatch(/The step could not look for it: Access denied to cloudfront:ListInvalidations/)
    const missing = made.find(({ id }) => id !== ids[0])
    expect(warning).toContain(`CallerReference ${missing?.callerReference}`)
  })

  it('while a fleet waits its turn to create: those sent are looked for, those never sent said to be so', async () => {
    const ids = [emulator.distributionId]
    for (let n = 1; n < 6; n++) ids.push(await createDistribution(emulator.moto.url, `site-${n}`))
    emulator.front
      .holdInProgress(60_000)
      .inject('CreateInvalidation', { kind: 'hang-after-forward' }, Infinity)
    // The step sends creates in CloudFront's burst, then at its rate: cancelled once the burst is held.
    const run = await cancelled(
      'creating (a fleet waiting its turn)',
      { 'distribution-id': ids.join('\n'), paths: '/a.html' },
      () => emulator.front.heldAfterForward >= 4
    )
    const sent = emulator.front.calls('CreateInvalidation').length
    expect(sent).toBeLessThan(6)
    expectCleanCancel(
      run,
      `The job was cancelled (SIGINT) while creating the invalidations. ${sent} of 6 invalidations were created and go on in CloudFront; see the outputs and the summary.`
    )
    // Only the creates that were sent are looked for; the others warn of nothing.
    expect(emulator.front.calls('ListInvalidations')).toHaveLength(sent)
    expect(warnings(run)).toEqual([])
    expect(JSON.parse(run.outputs['invalidation-ids'] ?? '[]')).toHaveLength(sent)
    expect(run.summary).toContain('was sent: the step sends at most')
  })

  it('while busy distributions wait for their lookups: each is read newest first and found', async () => {
    const ids = [emulator.distributionId]
    for (let n = 1; n < 4; n++) ids.push(await createDistribution(emulator.moto.url, `busy-${n}`))
    // Nine invalidations each, made just before: candidates for every lookup.
    const moto = cloudFront(emulator.moto.url)
    for (const id of ids) {
      for (let n = 0; n < 9; n++) {
        await moto.send(
          new CreateInvalidationCommand({
            DistributionId: id,
            InvalidationBatch: {
              CallerReference: `earlier-${n}`,
              Paths: { Quantity: 1, Items: [`/${n}.html`] }
            }
          })
        )
      }
    }
    emulator.front.holdInProgress(60_000).inject('CreateInvalidation', { kind: 'hang-after-forward' }, 4)
    const run = await cancelled(
      'creating (4 busy distributions)',
      { 'distribution-id': ids.join('\n'), paths: '/a.html' },
      () => emulator.front.heldAfterForward >= 4
    )
    expectCleanCancel(
      run,
      'The job was cancelled (SIGINT) while creating the invalidations. 4 of 4 invalidations were created and go on in CloudFront; see the outputs and the summary.'
    )
    expect(warnings(run)).toEqual([])
    expect(JSON.parse(run.outputs['invalidation-ids'] ?? '[]')).toHaveLength(4)
  })

  it('while listing the tenants of a distribution CloudFront does not know: says so, not that it does not exist', async () => {
    const tenant = {
      id: 'dt_2wjDZi3hD1ivOXf6rpZJOSN002',
      name: 'customer-2',
      domains: ['customer-2.example.net']
    }
    emulator.front
      .addTenants('E7MULTITENANT0', [tenant])
      .inject('ListDistributionTenants', { kind: 'hang' }, Infinity)
    const run = await cancelled(
      'listing the tenants',
      { 'distribution-id': 'E7MULTITENANT0', paths: '/a.html' },
      () => emulator.front.calls('ListDistributionTenants').length > 0
    )
    expectCleanCancel(
      run,
      'The job was cancelled (SIGINT) while creating the invalidation. No invalidation was confirmed as created.'
    )
    expect(run.summary).toContain('Cancelled while listing the tenants of E7MULTITENANT0')
    expect(run.summary).not.toContain('No distribution E7MULTITENANT0 exists')
  })

  it('while creating on a tenant: found through the tenant API', async () => {
    const tenant = {
      id: 'dt_2wjDZi3hD1ivOXf6rpZJOSN001',
      name: 'customer-1',
      domains: ['customer-1.example.net']
    }
    emulator.front
      .addTenants('E7MULTITENANT0', [tenant])
      .holdInProgress(60_000)
      .inject('CreateInvalidationForDistributionTenant', { kind: 'hang-after-forward' })
    const run = await cancelled(
      'creating (tenant)',
      { 'distribution-tenant-id': tenant.id, paths: '/a.html' },
      () => emulator.front.heldAfterForward > 0
    )
    expectCleanCancel(
      run,
      /^The job was cancelled \(SIGINT\) while creating the invalidation\. 1 of 1 invalidations were created/
    )
    const [made] = emulator.front.invalidationsOfTenant(tenant.id)
    expect(run.outputs['invalidation-id']).toBe(made?.id)
    expect(emulator.front.calls('ListInvalidationsForDistributionTenant')).toHaveLength(1)
  })

  it('while waiting (SIGTERM)', async () => {
    emulator.front.holdInProgress(60_000)
    const run = await cancelled(
      'waiting',
      { 'distribution-id': emulator.distributionId, paths: '/a.html', wait: 'true' },
      () => emulator.front.calls('GetInvalidation').length > 0,
      { signal: 'SIGTERM' }
    )
    const [made] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expectCleanCancel(
      run,
      'The job was cancelled (SIGTERM) while waiting for the invalidation. 1 of 1 invalidations were created and go on in CloudFront; see the outputs and the summary.'
    )
    expect(run.outputs['invalidation-id']).toBe(made?.id)
  })
})

describe('invalidation-id, cancelled by the runner', () => {
  it('while waiting on the earlier invalidation: one error, and nothing claimed as created', async () => {
    const made = await cloudFront(emulator.moto.url).send(
      new CreateInvalidationCommand({
        DistributionId: emulator.distributionId,
        InvalidationBatch: { CallerReference: 'deploy-job', Paths: { Quantity: 1, Items: ['/a.html'] } }
      })
    )
    const id = made.Invalidation?.Id ?? ''
    // The earlier invalidation stays InProgress (the front's hold counts from the first time it sees it).
    emulator.front.holdInProgress(60_000)
    const run = await cancelled(
      'waiting (invalidation-id)',
      { 'distribution-id': emulator.distributionId, 'invalidation-id': id },
      // Once it polls: its first read said the invalidation exists, and the outputs name it.
      () => emulator.front.calls('GetInvalidation').length > 1
    )
    expectCleanCancel(
      run,
      `The job was cancelled (SIGINT) while waiting for invalidation ${id}. It goes on in CloudFront; this step creates none.`
    )
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(0)
    expect(run.outputs['invalidation-id']).toBe(id)
  })
})

describe('wait-timeout while CloudFront has not answered a create', () => {
  it('finds the invalidation by its CallerReference and hands it on', async () => {
    emulator.front.holdInProgress(60_000).inject('CreateInvalidation', { kind: 'hang-after-forward' })
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        paths: '/a.html',
        wait: 'true',
        'wait-timeout': '2'
      },
      env: emulator.awsEnv(),
      timeoutMs: 30_000
    })
    const [made] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expectCleanFailure(
      run,
      `Timed out after 2 s (wait-timeout) before CloudFront answered the create on ${emulator.distributionId}; the step then found invalidation ${made?.id} by its CallerReference (${made?.callerReference}), and it goes on in CloudFront. Raise wait-timeout to wait for it.`
    )
    expect(run.outputs['invalidation-id']).toBe(made?.id)
    expect(run.outputs.status).toBe('InProgress')
  })

  it('without wait, a found invalidation is the step’s success', async () => {
    emulator.front.inject('CreateInvalidation', { kind: 'hang-after-forward' })
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/a.html', 'wait-timeout': '2' },
      env: emulator.awsEnv(),
      timeoutMs: 30_000
    })
    const [made] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(run.code).toBe(0)
    expect(run.outputs['invalidation-id']).toBe(made?.id)
  })

  it('says it may exist, with its CallerReference, when the lookup finds none', async () => {
    // The create reaches neither moto nor CloudFront: nothing exists, and the lookup says so.
    emulator.front.inject('CreateInvalidation', { kind: 'hang' })
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/a.html', 'wait-timeout': '2' },
      env: emulator.awsEnv(),
      timeoutMs: 30_000
    })
    expectCleanFailure(
      run,
      'Timed out after 2 s (wait-timeout): CloudFront did not accept the invalidation',
      'It may have been created all the same, with CallerReference ',
      `The step looked among the newest invalidations of ${emulator.distributionId} and found none with it`,
      'Otherwise check the network or proxy to CloudFront, or raise wait-timeout.'
    )
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toEqual([])
    expect(run.outputs['invalidation-id']).toBeUndefined()
  })
})
