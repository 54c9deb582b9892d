/**
 * The long run, end to end: dist/ under Node 24 against moto, with the FaultFront making sessions expire
 * and STS stumble, an OIDC token service that answers 500, a wall clock that steps back, a disk that
 * fills, and invalidations not yet visible. See issue 19. Where no session expires, time runs SCALE times
 * as fast for the front and the action (FaultFront.scaleTime); sessions are read against the wall clock,
 * which the fast clock leaves real, so their tests run at CloudFront's pace.
 */
import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { ENV_CREDENTIALS, expectCleanFailure, useEmulator } from './emulator.js'
import { invalidationsOf, runAction } from './harness.js'

const emulator = useEmulator()
/** 5: the 15 s request timeout stays 3 s of real time, far over a loaded machine's answer times. */
const SCALE = 5
const ROLE = 'arn:aws:iam::123456789012:role/deploy-website'
const PRELOAD = join(import.meta.dirname, 'preload')
const VERIFICATION_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"

/** The environment of a job with only the OIDC token to authenticate with. */
function oidcOnly(extra: Record<string, string | undefined> = {}) {
  return emulator.awsEnv({
    ...emulator.oidc.env(),
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    ...extra
  })
}

const keyOf = (authorization: string | string[] | undefined) =>
  /Credential=([^/]+)\//.exec(String(authorization ?? ''))?.[1] ?? ''

describe('sessions that expire mid-run', () => {
  it('renews role-to-assume before it expires: a wait longer than the session completes', async () => {
    const { front, oidc } = emulator
    // Sessions last 3 s at the front; the invalidation takes 8 s.
    front.expireSessionsAfter(3_000).holdInProgress(8_000)
    const tokensBefore = oidc.statuses.length
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'role-to-assume': ROLE,
        // Longer than the session once had to be; the step renews instead.
        'role-duration-seconds': '900',
        wait: 'true',
        'wait-timeout': '3600'
      },
      env: oidcOnly()
    })
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('Completed')
    expect(front.expiredKeys).toEqual([])
    const assumed = front.calls('AssumeRoleWithWebIdentity')
    expect(assumed.length).toBeGreaterThanOrEqual(3)
    // Each renewal took a new OIDC token.
    expect(oidc.statuses.length - tokensBefore).toBe(assumed.length)
    expect(run.stdout).toMatch(/Renewed the session of role arn:aws:iam::123456789012:role\/deploy-website/)
    // More than one key signed the polls, and never the environment's.
    const keys = new Set(front.calls('GetInvalidation').map(request => keyOf(request.headers.authorization)))
    expect(keys.size).toBeGreaterThan(1)
    expect(keys.has(ENV_CREDENTIALS.AWS_ACCESS_KEY_ID)).toBe(false)
  }, 60_000)

  it('says exported session credentials expired, how to make them last, and that the invalidation goes on', async () => {
    const { front } = emulator
    front.expireSessionsAfter(2_000).holdInProgress(3_600_000)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, wait: 'true', 'wait-timeout': '3600' },
      // What configure-aws-credentials exports: a session with its token.
      env: emulator.awsEnv({ AWS_SESSION_TOKEN: 'session-token-of-an-earlier-step' })
    })
    expectCleanFailure(
      run,
      'The AWS session credentials expired during the step (ExpiredToken',
      'raise role-duration-seconds in the step that made them',
      'set role-to-assume on this step',
      `Invalidation ${run.outputs['invalidation-id']} was created and goes on in CloudFront`
    )
    expect(run.errors[0]).not.toContain('must come with its keys')
    expect(front.expiredKeys).toContain(ENV_CREDENTIALS.AWS_ACCESS_KEY_ID)
    const [created] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(run.outputs['invalidation-id']).toBe(created?.id)
    // It failed at the first refused poll, not at wait-timeout (an hour: the test's own timeout is 40 s).
    expect(front.expiredKeys).toEqual([ENV_CREDENTIALS.AWS_ACCESS_KEY_ID])
  }, 40_000)
})

describe('identity-provider hiccups', () => {
  it('retries STS\'s "Couldn\'t retrieve verification key" and a token service that answers 500', async () => {
    const { front, oidc } = emulator
    front.scaleTime(SCALE)
    oidc.failNext(2, 500)
    front.inject(
      'AssumeRoleWithWebIdentity',
      { kind: 'error', status: 400, code: 'InvalidIdentityToken', message: VERIFICATION_KEY },
      2
    )
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'role-to-assume': ROLE },
      env: oidcOnly()
    })
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(
      run.stdout.match(/The request for the job's OIDC token failed \(HTTP 500: .*\); retrying in/g)
    ).toHaveLength(2)
    expect(
      run.stdout.match(/STS could not check the job's OIDC token \(InvalidIdentityToken.*\); retrying in/g)
    ).toHaveLength(2)
    expect(front.calls('AssumeRoleWithWebIdentity')).toHaveLength(3)
    expect(run.stdout).not.toContain('Add the identity provider')
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(1)
  }, 60_000)

  it('keeps the IAM advice for a missing identity provider, and asks STS once', async () => {
    emulator.front.inject(
      'AssumeRoleWithWebIdentity',
      {
        kind: 'error',
        status: 400,
        code: 'InvalidIdentityToken',
        message:
          'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com'
      },
      Infinity
    )
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'role-to-assume': ROLE },
      env: oidcOnly()
    })
    expectCleanFailure(run, 'Add the identity provider token.actions.githubusercontent.com')
    expect(emulator.front.calls('AssumeRoleWithWebIdentity')).toHaveLength(1)
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(0)
  })
})

describe('role-chaining', () => {
  it("assumes the role with the job's credentials and the external ID, and renews it", async () => {
    const { front } = emulator
    front.expireSessionsAfter(2_500).holdInProgress(6_000)
    const tokensBefore = emulator.oidc.statuses.length
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'role-to-assume': ROLE,
        'role-chaining': 'true',
        'role-external-id': 'partner-4242',
        'role-session-name': 'chained-17',
        wait: 'true'
      },
      // The job's credentials from an earlier step, and an OIDC token it must not use.
      env: emulator.awsEnv(emulator.oidc.env())
    })
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    const assumed = front.calls('AssumeRole')
    expect(assumed.length).toBeGreaterThanOrEqual(2)
    const form = new URLSearchParams(assumed[0]?.body)
    expect(form.get('RoleArn')).toBe(ROLE)
    expect(form.get('ExternalId')).toBe('partner-4242')
    expect(form.get('RoleSessionName')).toBe('chained-17')
    // AssumeRole is signed with the job's credentials; CloudFront with the role's.
    expect(keyOf(assumed[0]?.headers.authorization)).toBe(ENV_CREDENTIALS.AWS_ACCESS_KEY_ID)
    const [create] = front.calls('CreateInvalidation')
    expect(keyOf(create?.headers.authorization)).not.toBe(ENV_CREDENTIALS.AWS_ACCESS_KEY_ID)
    expect(create?.headers['x-amz-security-token']).toBeTruthy()
    expect(front.calls('AssumeRoleWithWebIdentity')).toHaveLength(0)
    expect(emulator.oidc.statuses.length).toBe(tokensBefore)
    expect(front.expiredKeys).toEqual([])
    expect(run.outputs.status).toBe('Completed')
  }, 40_000)

  it.each([
    [{ 'role-external-id': 'partner-4242' }, 'role-external-id is only sent with role-chaining: true'],
    [{ 'role-chaining': 'true', 'role-to-assume': '' }, 'role-chaining: true needs role-to-assume']
  ])('refuses %j before calling anything', async (inputs, message) => {
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'role-to-assume': ROLE, ...inputs },
      env: emulator.awsEnv()
    })
    expectCleanFailure(run, message)
    expect(emulator.front.requests).toHaveLength(0)
  })
})

describe('a wall clock that steps back', () => {
  it('ends a 10 s wait-timeout after 10 s, and counts the polls it made', async () => {
    // The step-back preload times its step on the (fast) monotonic clock: 2 s of the action's time. Time
    // runs only twice as fast: the create and a few polls must fit in the 10 s, 5 s of real time.
    emulator.front.scaleTime(2).holdInProgress(3_600_000)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, wait: 'true', 'wait-timeout': '10' },
      env: { ...emulator.awsEnv(), TEST_CLOCK_STEP_AFTER_MS: '2000', TEST_CLOCK_STEP_BACK_MS: '120000' },
      preload: join(PRELOAD, 'clock-step-back.mjs'),
      timeoutMs: 60_000
    })
    // The preload took effect: the clock did step back while the step ran.
    expect(run.stderr).toContain('test preload: the wall clock stepped back 120000 ms')
    expectCleanFailure(run, 'Timed out after 10 s (wait-timeout)', 'still InProgress')
    expect(run.durationMs).toBeGreaterThanOrEqual(10_000 / 2)
    // The polls the step says it made are those the front saw, but for the last: wait.ts polls once at the
    // deadline, which the deadline's own abort may cut before it reaches the front on a loaded machine.
    // Before, a 120 s step back claimed 130 polls.
    const seen = emulator.front.calls('GetInvalidation').length
    const claimed = Number(/after (\d+) polls/.exec(run.errors[0] ?? '')?.[1])
    expect(claimed).toBeGreaterThanOrEqual(seen)
    expect(claimed).toBeLessThanOrEqual(seen + 1)
    expect(seen).toBeGreaterThanOrEqual(2)
    // The wait is counted from the create on the monotonic clock: about the 10 s, never the 130 s (or the
    // negative time) the stepped wall clock would make it. How close to 10 s depends on the machine's load
    // (the deadline counts from the start, the wait from the create): the virtual clock of wait.test.ts
    // proves the exact figures.
    const waited = Number(
      new RegExp(`\\| (\\d+(?:\\.\\d)?) s \\(${claimed} polls\\) \\|`).exec(run.summary)?.[1]
    )
    expect(waited).toBeGreaterThan(5)
    expect(waited).toBeLessThan(30)
  }, 60_000)
})

describe('a disk that fills right after the create', () => {
  it('logs the invalidation first, then fails naming the file and the ID', async () => {
    emulator.front.scaleTime(SCALE).holdInProgress(1_500)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, wait: 'true' },
      // Three outputs are written before the create (an empty invalidation-ids, distribution-ids and
      // distribution-tenant-ids).
      env: { ...emulator.awsEnv(), TEST_DISK_FULL_AFTER_WRITES: '3' },
      preload: join(PRELOAD, 'disk-full.mjs')
    })
    expect(run.stderr).toContain('is on a full disk')
    const [created] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    const id = created?.id ?? 'none'
    expectCleanFailure(
      run,
      `Could not write the output invalidation-id to the runner's GITHUB_OUTPUT file (${run.outputFile}): ENOSPC`,
      `Invalidation ${id} was created and goes on in CloudFront`
    )
    // The log has it before anything failed, and the wait went on.
    const logged = run.stdout.indexOf(`Created invalidation ${id} on ${emulator.distributionId}`)
    expect(logged).toBeGreaterThan(-1)
    expect(logged).toBeLessThan(run.stdout.indexOf('::error::'))
    expect(run.stdout).toContain(`Invalidation ${id} on ${emulator.distributionId} completed`)
    expect(run.stdout).toMatch(
      new RegExp(
        `::warning::Could not write the job summary: GITHUB_STEP_SUMMARY \\(${run.summaryFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): ENOSPC.*It would have shown invalidation ${id}\\.`
      )
    )
    expect(run.outputs['invalidation-id']).toBeUndefined()
  })
})

describe('an invalidation not yet visible', () => {
  it('polls again after NoSuchInvalidation right after the create', async () => {
    // Not scaled: both answers and the next poll must come within NOT_VISIBLE_MS (10 s) of the create.
    emulator.front
      .holdInProgress(1_500)
      .inject('GetInvalidation', { kind: 'error', status: 404, code: 'NoSuchInvalidation' }, 2)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, wait: 'true' },
      env: emulator.awsEnv()
    })
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('Completed')
    expect(emulator.front.calls('GetInvalidation').length).toBeGreaterThanOrEqual(3)
  })

  it('fails after a few seconds of NoSuchInvalidation, saying the invalidation was created', async () => {
    emulator.front.scaleTime(SCALE).holdInProgress(60_000)
    emulator.front.inject(
      'GetInvalidation',
      { kind: 'error', status: 404, code: 'NoSuchInvalidation' },
      Infinity
    )
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, wait: 'true', 'wait-timeout': '120' },
      env: emulator.awsEnv()
    })
    expectCleanFailure(
      run,
      'NoSuchInvalidation',
      `Invalidation ${run.outputs['invalidation-id']} was created`
    )
    // After NOT_VISIBLE_MS (10 s of the action's time), not at wait-timeout (120 s).
    expect(run.durationMs).toBeGreaterThanOrEqual(10_000 / SCALE)
    expect(run.errors[0]).not.toContain('wait-timeout')
  }, 40_000)
})

describe('a summary within GitHub’s 1 MiB', () => {
  const ids = (count: number) => Array.from({ length: count }, (_, i) => `E${String(i).padStart(12, '0')}A`)

  it('writes the plan 17 distributions share once: 15 long wildcards are no longer 17 times over 1 MiB', async () => {
    // 45 long paths in 15 directories, compacted into 15 wildcards of about 3,900 characters.
    const paths = Array.from({ length: 45 }, (_, i) => `/${'d'.repeat(3900)}${i % 15}/page-${i}.html`)
    const run = await runAction({
      inputs: {
        'distribution-id': ids(17).join('\n'),
        'paths-file': 'paths.txt',
        'max-paths': '15',
        'index-document': '',
        'dry-run': 'true'
      },
      files: { 'paths.txt': paths.join('\n') },
      env: emulator.awsEnv()
    })
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    const bytes = Buffer.byteLength(run.summary)
    // Before: 17 copies of the plan, about 1.07 MB.
    expect(bytes).toBeLessThan(150_000)
    expect(run.summary.match(/stands for 3 requested paths/g)).toHaveLength(15)
    expect(run.summary.match(/The same plan and 15 paths as `E000000000000A`\./g)).toHaveLength(16)
    expect(run.summary).not.toContain('Shortened to stay within')
  })

  it('shortens the summary of a fleet whose errors pass 1 MiB to fit, and says where the rest is', async () => {
    // Each create is refused with a 120 KB message (an AWS message quoting a long policy, say): 12 of them
    // are 1.4 MB in the failure list and as much again in the sections. Fleets are paced to CloudFront's
    // 0.5 creates a second, so a summary this large cannot come from thousands of short errors in a test.
    const fleet = ids(12)
    emulator.front
      .scaleTime(SCALE)
      .inject(
        'CreateInvalidation',
        { kind: 'error', status: 403, code: 'AccessDenied', message: `denied ${'x'.repeat(120_000)}` },
        Infinity
      )
    const run = await runAction({
      inputs: { 'distribution-id': fleet.join('\n'), paths: '/index.html' },
      env: emulator.awsEnv(),
      timeoutMs: 120_000
    })
    expect(run.code).toBe(1)
    expect(run.errors.at(-1)).toBe('12 of 12 distributions failed; see the errors above.')
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1000 * 1024)
    expect(run.summary).toMatch(
      /> \[!NOTE\]\n> Shortened to stay within GitHub's 1 MiB limit for a step summary; left out: /
    )
    expect(run.summary).toContain("The step's log has everything")
    expect(run.summary).toContain('12 distributions: 0 created, 0 completed, 12 failed.')
    // The log has each one's error, whole.
    for (const id of [fleet[0], fleet[11]]) {
      expect(
        run.errors.some(error => error.startsWith(`${id}: Access denied to cloudfront:CreateInvalidation`))
      ).toBe(true)
    }
    expect(run.stdout.length).toBeGreaterThan(12 * 120_000)
  }, 150_000)
})

describe('a log the runner reads slowly', () => {
  it('is written whole before the step exits', async () => {
    // 8,000 log lines, far more than a pipe holds, while the reader is away for 3 s.
    const fleet = Array.from({ length: 8_000 }, (_, i) => `E${String(i).padStart(12, '0')}A`)
    const run = await runAction({
      inputs: { 'distribution-id': fleet.join('\n'), paths: '/a\n/b', 'dry-run': 'true' },
      env: emulator.awsEnv(),
      pauseStdoutMs: 3_000
    })
    expect(run.code).toBe(0)
    expect(run.stdout.match(/^Dry run: would invalidate 2 paths of distribution /gm)).toHaveLength(8_000)
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('Dry run: nothing was sent to CloudFront.')
  }, 60_000)
})
