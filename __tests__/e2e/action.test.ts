/**
 * The bundled action, run as the GitHub runner runs it (Node 24, INPUT_* variables, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files), against moto_server behind a FaultFront.
 */
import { describe, expect, it } from '@jest/globals'
import { ENV_CREDENTIALS, expectCleanFailure, useEmulator } from './emulator.js'
import { createDistribution, invalidationsOf, runAction } from './harness.js'

const emulator = useEmulator()
const awsEnv = emulator.awsEnv
/** Time runs this many times as fast for the front and the action where a test waits out a hung service. */
const SCALE = 10

describe('a plain run', () => {
  it('invalidates /* by default and reports the invalidation in outputs and summary', async () => {
    // As on CloudFront, which takes a while (moto completes at once).
    emulator.front.holdInProgress(60_000)
    const run = await runAction({ inputs: { 'distribution-id': emulator.distributionId }, env: awsEnv() })
    expect(run.code).toBe(0)

    const created = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(created).toHaveLength(1)
    const [invalidation] = created
    expect(invalidation?.paths).toEqual(['/*'])
    expect(invalidation?.callerReference).toMatch(/^gha-9000000001-1-[0-9a-f]{32}$/)

    expect(run.outputs['invalidation-id']).toBe(invalidation?.id)
    expect(JSON.parse(run.outputs['invalidation-ids'] ?? '')).toEqual([invalidation?.id])
    expect(run.outputs.status).toBe('InProgress')
    expect(JSON.parse(run.outputs['distribution-ids'] ?? '')).toEqual([emulator.distributionId])
    // By ID alone, no lookup: the one call is the invalidation.
    expect(emulator.front.requests.map(request => request.operation)).toEqual(['CreateInvalidation'])

    expect(run.summary).toContain(emulator.distributionId)
    expect(run.summary).toContain(
      `[${invalidation?.id}](https://console.aws.amazon.com/cloudfront/v4/home#/distributions/${emulator.distributionId}/invalidations/details/${invalidation?.id})`
    )
    expect(run.summary).toContain('/*')
    expect(run.stdout).toContain(`Created invalidation ${invalidation?.id} on ${emulator.distributionId}`)
  })

  it('sends paths from paths and paths-file, encoded the way CloudFront matches them', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        paths: 'index.html\n/docs/a b.html\n',
        'paths-file': 'changed.txt'
      },
      files: { 'changed.txt': '/img/über.png\r\n\r\n/index.html\r\n/100%.html\r\n' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const [invalidation] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    // index-document (index.html by default) adds /, which CloudFront caches apart from /index.html.
    expect(invalidation?.paths).toEqual([
      '/index.html',
      '/',
      '/docs/a%20b.html',
      '/img/%C3%BCber.png',
      '/100%25.html'
    ])
    expect(run.summary).toContain('| 5 |')
  })

  it('signs with the session token from the environment and works with a non-us-east-1 region', async () => {
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/index.html' },
      env: awsEnv({
        AWS_SESSION_TOKEN: 'session-token-from-configure-aws-credentials',
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1'
      })
    })
    expect(run.code).toBe(0)
    const [create] = emulator.front.calls('CreateInvalidation')
    expect(create?.headers['x-amz-security-token']).toBe('session-token-from-configure-aws-credentials')
    // CloudFront is global: signed for us-east-1 whatever region the job configured.
    expect(create?.headers.authorization).toContain('Credential=AKIDENVIRONMENT1/')
    expect(create?.headers.authorization).toMatch(/\/us-east-1\/cloudfront\/aws4_request/)
    expect(create?.headers['user-agent']).toMatch(/cloudfront-invalidate-action\/\d+\.\d+\.\d+/)
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(1)
  })

  it('invalidates several distributions, each once, and lists every ID', async () => {
    const second = await createDistribution(emulator.moto.url, 'apex')
    const run = await runAction({
      inputs: { 'distribution-id': `${emulator.distributionId}, ${second}`, paths: '/a.html' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const [first] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    const [other] = await invalidationsOf(emulator.moto.url, second)
    expect(JSON.parse(run.outputs['invalidation-ids'] ?? '')).toEqual([first?.id, other?.id])
    expect(run.outputs['invalidation-id']).toBe(first?.id)
    expect(run.summary).toContain(second)
  })
})

describe('waiting', () => {
  it('waits until Completed, with invalidation-id written before the wait ends', async () => {
    emulator.front.holdInProgress(2500)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, wait: 'true' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('Completed')

    const polls = emulator.front.calls('GetInvalidation')
    const completingPoll = polls.at(-1)
    expect(completingPoll).toBeDefined()
    // The output existed before the wait ended.
    expect(run.outputSeenAt['invalidation-id']).toBeLessThan(completingPoll?.at ?? 0)
    // Polled until Completed, not a poll per moment. A loaded machine may send the first poll (1 s after
    // the create) only once the 2.5 s hold is over, so one poll is enough. (How soon completion is noticed
    // is proven on the virtual clock of wait.test.ts, and measured by npm run bench.)
    expect(polls.length).toBeGreaterThanOrEqual(1)
    expect(polls.length).toBeLessThanOrEqual(5)
    expect(run.summary).toMatch(new RegExp(`Completed \\| 1 \\| \\d+\\.\\d s \\(${polls.length} polls?\\)`))
  })

  it('fails with a timeout message after wait-timeout, with invalidation-id already set', async () => {
    // Not scaled, and 5 s: the start and the create must fit in wait-timeout, which takes a loaded
    // machine more than 2 s.
    emulator.front.holdInProgress(600_000)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, wait: 'true', 'wait-timeout': '5' },
      env: awsEnv()
    })
    expectCleanFailure(run, 'Timed out after 5 s', 'wait-timeout')
    // The polls made are counted, and the summary shows the wait, though the last poll met the deadline.
    expect(run.errors[0]).toMatch(/still InProgress after [1-9]\d* polls?\./)
    expect(run.summary).toMatch(/❌ InProgress \| 1 \| \d+\.\d s \([1-9]\d* polls?\)/)
    const [invalidation] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(run.outputs['invalidation-id']).toBe(invalidation?.id)
    expect(run.outputs.status).toBe('InProgress')
  })

  it('fails at once, naming cloudfront:GetInvalidation, when polling is denied', async () => {
    emulator.front.holdInProgress(600_000).inject(
      'GetInvalidation',
      {
        kind: 'error',
        status: 403,
        code: 'AccessDenied',
        message: 'User is not authorized to perform cloudfront:GetInvalidation'
      },
      Infinity
    )
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, wait: 'true', 'wait-timeout': '600' },
      env: awsEnv()
    })
    expectCleanFailure(run, 'cloudfront:GetInvalidation', emulator.distributionId)
    // At once: one poll, not retries until wait-timeout (600 s).
    expect(emulator.front.calls('GetInvalidation')).toHaveLength(1)
    expect(run.outputs['invalidation-id']).toBeTruthy()
  })
})

describe('credentials', () => {
  it('assumes role-to-assume with the job OIDC token and signs CloudFront calls with the role', async () => {
    const role = 'arn:aws:iam::123456789012:role/deploy-website'
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'role-to-assume': role,
        'role-session-name': 'deploy-17'
      },
      env: awsEnv({ ...emulator.oidc.env(), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined })
    })
    expect(run.code).toBe(0)
    expect(emulator.oidc.audiences).toContain('sts.amazonaws.com')

    const [assume] = emulator.front.calls('AssumeRoleWithWebIdentity')
    const form = new URLSearchParams(assume?.body)
    expect(form.get('RoleArn')).toBe(role)
    expect(form.get('RoleSessionName')).toBe('deploy-17')
    expect(form.get('WebIdentityToken')).toBe(emulator.oidc.idToken)
    expect(form.get('DurationSeconds')).toBe('3600')

    const [create] = emulator.front.calls('CreateInvalidation')
    const accessKeyId = /Credential=([^/]+)\//.exec(create?.headers.authorization ?? '')?.[1] ?? ''
    expect(accessKeyId).not.toBe('')
    expect(accessKeyId).not.toBe(ENV_CREDENTIALS.AWS_ACCESS_KEY_ID)
    const sessionToken = String(create?.headers['x-amz-security-token'] ?? '')
    expect(sessionToken).not.toBe('')
    // The role's keys and session token are masked before anything else is printed.
    const masked = run.stdout.split('\n').filter(line => line.startsWith('::add-mask::'))
    expect(masked).toEqual(
      expect.arrayContaining([`::add-mask::${accessKeyId}`, `::add-mask::${sessionToken}`])
    )
    const firstMask = run.stdout.indexOf(`::add-mask::${sessionToken}`)
    expect(run.stdout.indexOf('Assumed role')).toBeGreaterThan(firstMask)
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(1)
  })

  it('gives up on a token service that never answers at wait-timeout, saying so', async () => {
    emulator.front.scaleTime(SCALE)
    emulator.oidc.hang = true
    try {
      const run = await runAction({
        inputs: {
          'distribution-id': emulator.distributionId,
          'role-to-assume': 'arn:aws:iam::123456789012:role/deploy',
          'wait-timeout': '2'
        },
        env: awsEnv({
          ...emulator.oidc.env(),
          AWS_ACCESS_KEY_ID: undefined,
          AWS_SECRET_ACCESS_KEY: undefined
        })
      })
      expectCleanFailure(run, 'Timed out after 2 s (wait-timeout) before any invalidation was created')
      expect(emulator.front.requests).toHaveLength(0)
    } finally {
      emulator.oidc.hang = false
    }
  })

  it('says the job needs id-token: write when role-to-assume has no OIDC token to use', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'role-to-assume': 'arn:aws:iam::123456789012:role/deploy'
      },
      env: awsEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined })
    })
    expectCleanFailure(run, 'permissions: id-token: write')
    expect(emulator.front.requests).toHaveLength(0)
  })

  it('says how to configure credentials when there are none', async () => {
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId },
      env: awsEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined })
    })
    expectCleanFailure(run, 'No AWS credentials found', 'configure-aws-credentials', 'role-to-assume')
    expect(emulator.front.requests).toHaveLength(0)
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(0)
  })
})

describe('bad input and missing resources', () => {
  it.each([
    [
      'no distribution-id, distribution-tenant-id, distribution-alias or distribution-tag',
      { 'distribution-id': '' },
      ['distribution-id, distribution-tenant-id, distribution-alias or distribution-tag is required']
    ],
    [
      'a URL for distribution-alias',
      { 'distribution-alias': 'https://www.example.com/' },
      ['distribution-alias', 'www.example.com']
    ],
    ['a tag without a value', { 'distribution-tag': 'production' }, ['distribution-tag', 'key=value']],
    [
      'a domain for distribution-id',
      { 'distribution-id': 'd111111abcdef8.cloudfront.net' },
      ['distribution-id', 'domain name']
    ],
    [
      'a lower-case distribution-id',
      { 'distribution-id': 'e2qwruhapomqzl' },
      ['distribution-id', 'E2QWRUHAPOMQZL']
    ],
    ['wait that is not a boolean', { wait: 'maybe' }, ['wait: "maybe"', 'true or false']],
    ['wait-timeout that is not a number', { wait: 'true', 'wait-timeout': '10m' }, ['wait-timeout: "10m"']],
    [
      'a paths-file that does not exist',
      { 'paths-file': 'build/changed.txt' },
      ['paths-file: build/changed.txt does not exist']
    ],
    [
      'a wildcard in the middle of a path',
      { paths: '/a/*/b.html' },
      ['paths: "/a/*/b.html"', 'last character']
    ]
  ])(
    'fails cleanly on %s, before any AWS call',
    async (_, inputs: Record<string, string>, fragments: string[]) => {
      const run = await runAction({
        inputs: { 'distribution-id': emulator.distributionId, ...inputs },
        env: awsEnv()
      })
      expectCleanFailure(run, ...fragments)
      expect(emulator.front.requests).toHaveLength(0)
      expect(run.outputs['invalidation-id']).toBeUndefined()
    }
  )

  it('names the distribution when it does not exist', async () => {
    const run = await runAction({ inputs: { 'distribution-id': 'E0000000000000' }, env: awsEnv() })
    expectCleanFailure(run, 'No distribution E0000000000000 exists')
    expect(run.outputs['invalidation-id']).toBeUndefined()
  })

  it('reports every distribution when one of several fails, then fails the step', async () => {
    const run = await runAction({
      inputs: { 'distribution-id': `E0000000000000 ${emulator.distributionId}` },
      env: awsEnv()
    })
    expect(run.code).toBe(1)
    const [invalidation] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(invalidation).toBeDefined()
    expect(JSON.parse(run.outputs['invalidation-ids'] ?? '')).toEqual([invalidation?.id])
    expect(run.errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('E0000000000000'),
        expect.stringContaining('1 of 2 distributions failed')
      ])
    )
    expect(run.summary).toContain(invalidation?.id)
  })
})

describe('nothing to invalidate', () => {
  it('succeeds with a notice and sends nothing when paths-file lists no paths', async () => {
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'paths-file': 'changed.txt' },
      files: { 'changed.txt': '\n' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('::notice::paths-file changed.txt lists no paths: nothing changed')
    expect(emulator.front.requests).toHaveLength(0)
    expect(run.outputs['invalidation-ids']).toBe('[]')
    expect(run.outputs['invalidation-id']).toBeUndefined()
  })
})

describe('dry run', () => {
  it('shows the plan and creates nothing, without needing credentials', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        paths: '/index.html\n/about us.html',
        'dry-run': 'true'
      },
      env: awsEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined })
    })
    expect(run.code).toBe(0)
    expect(emulator.front.requests).toHaveLength(0)
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(0)
    expect(run.stdout).toContain(
      `Dry run: would invalidate 3 paths of distribution ${emulator.distributionId}`
    )
    expect(run.stdout).toContain('/about%20us.html')
    expect(run.summary).toContain('dry run')
    expect(run.outputs['invalidation-ids']).toBe('[]')
  })
})
