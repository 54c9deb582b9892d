import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  IDPCommunicationErrorException,
  IDPRejectedClaimException,
  InvalidIdentityTokenException,
  STSClient,
  STSServiceException
} from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import {
  KEEP_SESSION_MS,
  RENEW_BEFORE_MS,
  resolveCredentials,
  type CredentialDeps
} from '../../src/aws/credentials.js'
import { IDP_RETRY_MS } from '../../src/aws/role-errors.js'
import { UserError } from '../../src/common/errors.js'
import { ROLE, roleSettings } from '../../__fixtures__/aws.js'
import { fakeTime } from '../../__fixtures__/clock.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

const OIDC_ENV = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/token',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
}
const STS_CREDENTIALS = {
  AccessKeyId: 'ASIAEXAMPLEKEYID',
  SecretAccessKey: 'secret-access-key',
  SessionToken: 'session-token',
  Expiration: new Date('2030-01-01T00:00:00Z')
}

const sts = mockClient(STSClient)
beforeEach(() => {
  sts.reset()
})

/** Fake runner hooks that record, in order, everything the module does with them. */
function fakeDeps(env: NodeJS.ProcessEnv = OIDC_ENV) {
  const calls: string[] = []
  const deps = {
    getIDToken: jest.fn(async (audience: string) => {
      calls.push(`getIDToken ${audience}`)
      return 'oidc-jwt'
    }),
    setSecret: jest.fn((secret: string) => {
      calls.push(`setSecret ${secret}`)
    }),
    info: jest.fn((message: string) => {
      calls.push(`info ${message}`)
    }),
    env
  } satisfies CredentialDeps
  return { deps, calls }
}

describe('resolveCredentials', () => {
  it("returns undefined without role-to-assume (the SDK's default chain) and calls nothing", async () => {
    const { deps, calls } = fakeDeps()
    expect(await resolveCredentials(roleSettings({ roleToAssume: undefined }), deps)).toBeUndefined()
    expect(calls).toEqual([])
    expect(sts.calls()).toHaveLength(0)
  })

  it.each<[string, NodeJS.ProcessEnv]>([
    ['no OIDC variables', {}],
    ['no request URL', { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' }],
    ['no request token', { ACTIONS_ID_TOKEN_REQUEST_URL: OIDC_ENV.ACTIONS_ID_TOKEN_REQUEST_URL }]
  ])('asks for permissions: id-token: write when the job has %s', async (_, env) => {
    const { deps, calls } = fakeDeps(env)
    const error = await rejectionOf(resolveCredentials(roleSettings(), deps), UserError)
    expect(error.message).toContain('permissions: id-token: write')
    expect(error.message).toMatch(/^role-to-assume/)
    expect(calls).toEqual([])
    expect(sts.calls()).toHaveLength(0)
  })

  it('exchanges the OIDC token for the role, with the configured audience, session and duration', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: STS_CREDENTIALS })
    const { deps } = fakeDeps()
    const configured = roleSettings({
      audience: 'my-audience',
      roleSessionName: 'deploy-site',
      roleDurationSeconds: 900
    })
    const provider = await resolveCredentials(configured, deps)

    expect(deps.getIDToken).toHaveBeenCalledWith('my-audience')
    // Also shows that the lazily imported client-sts is the module the mock replaced.
    const calls = sts.commandCalls(AssumeRoleWithWebIdentityCommand)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'deploy-site',
      WebIdentityToken: 'oidc-jwt',
      DurationSeconds: 900
    })
    expect(await provider?.()).toEqual({
      accessKeyId: STS_CREDENTIALS.AccessKeyId,
      secretAccessKey: STS_CREDENTIALS.SecretAccessKey,
      sessionToken: STS_CREDENTIALS.SessionToken,
      expiration: STS_CREDENTIALS.Expiration
    })
    // The session is used until it nears its expiration (2030): asked for again, nothing is called.
    await provider?.()
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1)
  })

  it.each<[string, string | undefined, string]>([
    ['the configured region', 'eu-west-1', 'eu-west-1'],
    ['us-east-1 when none is configured', undefined, 'us-east-1']
  ])('calls STS in %s', async (_, region, expected) => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: STS_CREDENTIALS })
    await resolveCredentials(roleSettings({ region }), fakeDeps().deps)
    const client = sts.call(0).thisValue as STSClient
    expect(await client.config.region()).toBe(expected)
  })

  it('registers every secret with setSecret before logging anything', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: STS_CREDENTIALS })
    const { deps, calls } = fakeDeps()
    await resolveCredentials(roleSettings(), deps)
    const firstInfo = calls.findIndex(call => call.startsWith('info '))
    expect(firstInfo).toBeGreaterThan(-1)
    const secrets = [
      STS_CREDENTIALS.AccessKeyId,
      STS_CREDENTIALS.SecretAccessKey,
      STS_CREDENTIALS.SessionToken
    ]
    for (const secret of secrets) {
      const registered = calls.indexOf(`setSecret ${secret}`)
      expect(registered).toBeGreaterThan(-1)
      expect(registered).toBeLessThan(firstInfo)
    }
    for (const call of calls.filter(c => c.startsWith('info '))) {
      for (const secret of secrets) expect(call).not.toContain(secret)
    }
  })

  it('names the permission only when the runner gave no token URL', async () => {
    const { deps } = fakeDeps()
    const env = { ...deps.env, ACTIONS_ID_TOKEN_REQUEST_URL: '' }
    const error = await rejectionOf(resolveCredentials(roleSettings(), { ...deps, env }), UserError)
    expect(error.message).toContain('permissions: id-token: write')
    expect(deps.getIDToken).not.toHaveBeenCalled()
  })

  it('passes the failure of the token request on with its real cause, not the permission', async () => {
    const { deps } = fakeDeps()
    deps.getIDToken.mockRejectedValue(
      new Error(
        'Error message: Failed to get ID Token. \n \n        Error Code : 500\n \n        Error Message: boom'
      )
    )
    const error = await rejectionOf(
      resolveCredentials(roleSettings({ audience: 'my-audience' }), { ...deps, clock: fakeTime().clock }),
      UserError
    )
    expect(error.message).toContain('my-audience')
    expect(error.message).toContain('answered HTTP 500 (boom)')
    expect(error.message).not.toContain('id-token: write')
    expect(sts.calls()).toHaveLength(0)
  })

  it('points to the trust policy when STS denies AssumeRoleWithWebIdentity', async () => {
    const denied = new STSServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    })
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(denied)
    const { deps } = fakeDeps()
    const error = await rejectionOf(resolveCredentials(roleSettings(), deps), UserError)
    expect(error.message).toMatch(/^role-to-assume: /)
    expect(error.message).toContain('trust policy')
    expect(error.message).toContain(ROLE)
    expect(error.message).toContain('sts.amazonaws.com')
    expect(error.message).toContain(denied.message)
    expect(error.cause).toBe(denied)
    expect(deps.setSecret).not.toHaveBeenCalled()
  })

  it('blames role-duration-seconds when the role does not allow that long a session', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(
      new STSServiceException({
        name: 'ValidationError',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
      })
    )
    const error = await rejectionOf(
      resolveCredentials(roleSettings({ roleDurationSeconds: 43200 }), fakeDeps().deps),
      UserError
    )
    expect(error.message).toMatch(/^role-duration-seconds: 43200 /)
  })

  it('keeps the name and message of any other STS error', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(
      new STSServiceException({
        name: 'RegionDisabledException',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'STS is not activated in this region'
      })
    )
    const error = await rejectionOf(resolveCredentials(roleSettings(), fakeDeps().deps), UserError)
    expect(error.message).toBe(
      `role-to-assume: could not assume ${ROLE} (RegionDisabledException: STS is not activated in this region).`
    )
  })

  // The SDK deserialises STS's InvalidIdentityToken and IDPRejectedClaim codes into these classes, whose
  // name ends in "Exception" (checked against @aws-sdk/client-sts 3.1174 with a fake HTTP handler).
  it.each([
    [
      'InvalidIdentityToken',
      () =>
        new InvalidIdentityTokenException({
          message: 'No OpenIDConnect provider found',
          $metadata: { httpStatusCode: 400 }
        })
    ],
    [
      'IDPRejectedClaim',
      () =>
        new IDPRejectedClaimException({
          message: 'Incorrect token audience',
          $metadata: { httpStatusCode: 403 }
        })
    ]
  ])('tells to add the identity provider when STS answers %s', async (_, make) => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(make())
    const error = await rejectionOf(resolveCredentials(roleSettings(), fakeDeps().deps), UserError)
    expect(error.message).toContain('token.actions.githubusercontent.com')
  })

  it('fails when STS answers without credentials, registering and returning nothing', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({})
    const { deps } = fakeDeps()
    await expect(resolveCredentials(roleSettings(), deps)).rejects.toThrow('without credentials')
    expect(deps.setSecret).not.toHaveBeenCalled()
  })
})

describe('the step deadline', () => {
  it('ends a token request that never answers, without calling STS', async () => {
    const { deps } = fakeDeps()
    deps.getIDToken.mockImplementation(() => new Promise<string>(() => undefined))
    const deadline = new AbortController()
    const pending = resolveCredentials(roleSettings(), { ...deps, signal: deadline.signal })
    deadline.abort(new Error('wait-timeout passed'))
    await expect(pending).rejects.toThrow('wait-timeout passed')
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(0)
  })

  it('asks for no token once the deadline has passed, so no failed request is left unhandled', async () => {
    // Jest's environment does not pass unhandled rejections to the test's process listeners, so the test
    // asserts the cause: a request started after the deadline, whose failure nobody would await.
    const { deps } = fakeDeps()
    deps.getIDToken.mockImplementation(() => Promise.reject(new Error('token service down')))
    const signal = AbortSignal.abort(new Error('wait-timeout passed'))
    await expect(resolveCredentials(roleSettings(), { ...deps, signal })).rejects.toThrow(
      'wait-timeout passed'
    )
    expect(deps.getIDToken).not.toHaveBeenCalled()
    expect(sts.calls()).toHaveLength(0)
  })

  it('hands the deadline to the STS call', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIAKEY',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date()
      }
    })
    const { deps } = fakeDeps()
    const deadline = new AbortController()
    await resolveCredentials(roleSettings(), { ...deps, signal: deadline.signal })
    const [call] = sts.commandCalls(AssumeRoleWithWebIdentityCommand)
    // The spy records every argument of send(); its type only names the command.
    expect((call?.args as unknown[] | undefined)?.[1]).toEqual({ abortSignal: deadline.signal })
  })
})

/** STS's answer for session `n`, lasting `minutes` from `now` (wall clock, as STS's Expiration is). */
function session(n: number, now: number, minutes: number) {
  return {
    Credentials: {
      AccessKeyId: `ASIASESSION${n}`,
      SecretAccessKey: `secret-${n}`,
      SessionToken: `token-${n}`,
      Expiration: new Date(now + minutes * 60_000)
    }
  }
}

describe('a session that lasts the step', () => {
  it('is renewed with a new OIDC token once it has less than 5 minutes left, one renewal for every caller', async () => {
    let wall = Date.parse('2026-12-01T12:00:00Z')
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .resolvesOnce(session(1, wall, 15))
      .resolvesOnce(session(2, wall + 11 * 60_000, 15))
    const { deps } = fakeDeps()
    const provider = await resolveCredentials(roleSettings({ roleDurationSeconds: 900 }), {
      ...deps,
      wallNow: () => wall
    })
    wall += 10 * 60_000 - 1 // 5 minutes and a millisecond left
    expect((await provider?.())?.accessKeyId).toBe('ASIASESSION1')
    wall += 60_000 + 1 // 4 minutes left: the SDK asks again, and gets a new session
    const [a, b] = await Promise.all([provider?.(), provider?.()])
    expect(a?.accessKeyId).toBe('ASIASESSION2')
    expect(b?.accessKeyId).toBe('ASIASESSION2')
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(2)
    expect(deps.getIDToken).toHaveBeenCalledTimes(2)
    expect(deps.setSecret).toHaveBeenCalledWith('token-2')
    expect(deps.info).toHaveBeenLastCalledWith(expect.stringMatching(/^Renewed the session of role /))
    expect(RENEW_BEFORE_MS).toBe(5 * 60_000)
  })

  it('goes on with the current session when a renewal fails while it still holds, and fails once it would not', async () => {
    let wall = Date.parse('2026-12-01T12:00:00Z')
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .resolvesOnce(session(1, wall, 15))
      .rejects(
        new STSServiceException({
          name: 'AccessDenied',
          $fault: 'client',
          $metadata: { httpStatusCode: 403 },
          message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
        })
      )
    const warnings: string[] = []
    const { deps } = fakeDeps()
    const provider = await resolveCredentials(roleSettings(), {
      ...deps,
      wallNow: () => wall,
      warning: message => warnings.push(message)
    })
    wall += 12 * 60_000 // 3 minutes left
    expect((await provider?.())?.accessKeyId).toBe('ASIASESSION1')
    // Tried again on the next request, and not warned about twice.
    expect((await provider?.())?.accessKeyId).toBe('ASIASESSION1')
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(3)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^Could not renew the session of role .* The current session has 3 min 0 s left/
    )
    wall += 3 * 60_000 - KEEP_SESSION_MS + 1 // less than a minute left
    const error = await rejectionOf(provider?.() ?? Promise.resolve(), UserError)
    expect(error.message).toMatch(
      /^Could not renew the session of role arn:aws:iam::123456789012:role\/deploy before it expired: not allowed/
    )
  })
})

describe('identity-provider hiccups', () => {
  const tokenError = (status: number | undefined) =>
    new Error(
      `Error message: Failed to get ID Token. \n \n        Error Code : ${status}\n \n        Error Message: token service fault`
    )

  it('retries a token service that answers 500, with backoff, then assumes the role', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: STS_CREDENTIALS })
    const time = fakeTime()
    const { deps } = fakeDeps()
    deps.getIDToken.mockRejectedValueOnce(tokenError(500)).mockRejectedValueOnce(tokenError(500))
    const provider = await resolveCredentials(roleSettings(), {
      ...deps,
      clock: time.clock,
      random: () => 0.5
    })
    expect((await provider?.())?.accessKeyId).toBe(STS_CREDENTIALS.AccessKeyId)
    expect(deps.getIDToken).toHaveBeenCalledTimes(3)
    expect(time.sleeps).toEqual([1500, 3000])
    const retries = deps.info.mock.calls.map(([message]) => message).filter(m => m.includes('retrying'))
    expect(retries).toEqual([
      "The request for the job's OIDC token failed (HTTP 500: token service fault); retrying in 1.5 s (retry 1).",
      "The request for the job's OIDC token failed (HTTP 500: token service fault); retrying in 3.0 s (retry 2)."
    ])
  })

  it('gives up on the token service after IDP_RETRY_MS, saying it is its fault and not the permission', async () => {
    const time = fakeTime()
    const { deps } = fakeDeps()
    deps.getIDToken.mockRejectedValue(tokenError(500))
    const error = await rejectionOf(
      resolveCredentials(roleSettings(), { ...deps, clock: time.clock }),
      UserError
    )
    expect(error.message).toContain('answered HTTP 500 (token service fault)')
    expect(error.message).toContain('fault of the token service')
    expect(error.message).not.toContain('id-token: write')
    expect(time.now()).toBeLessThanOrEqual(IDP_RETRY_MS)
    expect(deps.getIDToken.mock.calls.length).toBeGreaterThanOrEqual(4)
    expect(sts.calls()).toHaveLength(0)
  })

  it('does not ask again after a 401', async () => {
    const { deps } = fakeDeps()
    deps.getIDToken.mockRejectedValue(tokenError(401))
    const error = await rejectionOf(
      resolveCredentials(roleSettings(), { ...deps, clock: fakeTime().clock }),
      UserError
    )
    expect(error.message).toContain('HTTP 401')
    expect(deps.getIDToken).toHaveBeenCalledTimes(1)
  })

  const verificationKey = () =>
    new InvalidIdentityTokenException({
      message:
        "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      $metadata: { httpStatusCode: 400 }
    })

  it.each([
    ['InvalidIdentityToken: Couldn’t retrieve verification key', verificationKey],
    [
      'IDPCommunicationError',
      () =>
        new IDPCommunicationErrorException({
          message: 'The identity provider could not be reached',
          $metadata: { httpStatusCode: 400 }
        })
    ]
  ])('retries STS when it answers %s, with the same token', async (_, make) => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejectsOnce(make()).resolves({ Credentials: STS_CREDENTIALS })
    const time = fakeTime()
    const { deps } = fakeDeps()
    await resolveCredentials(roleSettings(), { ...deps, clock: time.clock })
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(2)
    expect(deps.getIDToken).toHaveBeenCalledTimes(1)
    expect(time.sleeps).toHaveLength(1)
  })

  it('says a lasting verification-key fault is not the IAM setup', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(verificationKey())
    const error = await rejectionOf(
      resolveCredentials(roleSettings(), { ...fakeDeps().deps, clock: fakeTime().clock }),
      UserError
    )
    expect(error.message).toContain("Couldn't retrieve verification key")
    expect(error.message).toContain('not of the IAM setup')
    expect(error.message).not.toContain('Add the identity provider')
  })

  it('keeps the IAM advice for a missing identity provider, tried once', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).rejects(
      new InvalidIdentityTokenException({
        message:
          'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
        $metadata: { httpStatusCode: 400 }
      })
    )
    const error = await rejectionOf(resolveCredentials(roleSettings(), fakeDeps().deps), UserError)
    expect(error.message).toContain('Add the identity provider token.actions.githubusercontent.com')
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(1)
  })
})

describe('role-chaining', () => {
  const chained = roleSettings({ roleChaining: true, roleExternalId: 'partner-42' })

  it("assumes the role with the job's credentials and the external ID, without an OIDC token", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: STS_CREDENTIALS })
    // No OIDC variables at all: role-chaining needs none.
    const { deps } = fakeDeps({})
    const provider = await resolveCredentials(chained, deps)
    expect(deps.getIDToken).not.toHaveBeenCalled()
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(0)
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'GitHubActions',
      DurationSeconds: 3600,
      ExternalId: 'partner-42'
    })
    expect((await provider?.())?.sessionToken).toBe(STS_CREDENTIALS.SessionToken)
    expect(deps.info).toHaveBeenCalledWith(
      expect.stringContaining("with the job's credentials (role-chaining)")
    )
  })

  it.each<[string, () => Error, RegExp]>([
    [
      'expired job credentials',
      () =>
        new ExpiredTokenException({
          message: 'The security token included in the request is expired',
          $metadata: { httpStatusCode: 400 }
        }),
      /^role-chaining: the job's credentials that assume .* have expired .* Raise role-duration-seconds in the step that made them/
    ],
    [
      'no job credentials',
      () =>
        Object.assign(new Error('Could not load credentials from any providers'), {
          name: 'CredentialsProviderError'
        }),
      /^role-chaining: there are no credentials in the job to assume /
    ],
    [
      'a refused external ID',
      () =>
        new STSServiceException({
          name: 'AccessDenied',
          $fault: 'client',
          $metadata: { httpStatusCode: 403 },
          message: 'User: arn:aws:iam::111122223333:user/ci is not authorized to perform: sts:AssumeRole'
        }),
      /^role-chaining: .*not allowed to assume .*trust policy must allow sts:AssumeRole.*role-external-id/
    ],
    [
      'a session longer than chaining allows',
      () =>
        new STSServiceException({
          name: 'ValidationError',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message:
            'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
        }),
      /^role-duration-seconds: .*1 hour/
    ]
  ])('explains %s', async (_, make, expected) => {
    sts.on(AssumeRoleCommand).rejects(make())
    const error = await rejectionOf(resolveCredentials(chained, fakeDeps({}).deps), UserError)
    expect(error.message).toMatch(expected)
  })
})
