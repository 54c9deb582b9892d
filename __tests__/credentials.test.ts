import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import {
  AssumeRoleWithWebIdentityCommand,
  IDPRejectedClaimException,
  InvalidIdentityTokenException,
  STSClient,
  STSServiceException
} from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import { resolveCredentials, type CredentialDeps } from '../src/credentials.js'
import { UserError } from '../src/errors.js'
import type { CredentialSettings } from '../src/inputs.js'
import { rejectionOf } from '../__fixtures__/rejection.js'

const ROLE = 'arn:aws:iam::123456789012:role/deploy'
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

function settings(overrides: Partial<CredentialSettings> = {}): CredentialSettings {
  return {
    roleToAssume: ROLE,
    roleSessionName: 'GitHubActions',
    roleDurationSeconds: 3600,
    audience: 'sts.amazonaws.com',
    region: undefined,
    ...overrides
  }
}

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
    expect(await resolveCredentials(settings({ roleToAssume: undefined }), deps)).toBeUndefined()
    expect(calls).toEqual([])
    expect(sts.calls()).toHaveLength(0)
  })

  it.each<[string, NodeJS.ProcessEnv]>([
    ['no OIDC variables', {}],
    ['no request URL', { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' }],
    ['no request token', { ACTIONS_ID_TOKEN_REQUEST_URL: OIDC_ENV.ACTIONS_ID_TOKEN_REQUEST_URL }]
  ])('asks for permissions: id-token: write when the job has %s', async (_, env) => {
    const { deps, calls } = fakeDeps(env)
    const error = await rejectionOf(resolveCredentials(settings(), deps), UserError)
    expect(error.message).toContain('permissions: id-token: write')
    expect(error.message).toMatch(/^role-to-assume/)
    expect(calls).toEqual([])
    expect(sts.calls()).toHaveLength(0)
  })

  it('exchanges the OIDC token for the role, with the configured audience, session and duration', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: STS_CREDENTIALS })
    const { deps } = fakeDeps()
    const configured = settings({
      audience: 'my-audience',
      roleSessionName: 'deploy-site',
      roleDurationSeconds: 900
    })
    const credentials = await resolveCredentials(configured, deps)

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
    expect(credentials).toEqual({
      accessKeyId: STS_CREDENTIALS.AccessKeyId,
      secretAccessKey: STS_CREDENTIALS.SecretAccessKey,
      sessionToken: STS_CREDENTIALS.SessionToken,
      expiration: STS_CREDENTIALS.Expiration
    })
  })

  it.each<[string, string | undefined, string]>([
    ['the configured region', 'eu-west-1', 'eu-west-1'],
    ['us-east-1 when none is configured', undefined, 'us-east-1']
  ])('calls STS in %s', async (_, region, expected) => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: STS_CREDENTIALS })
    await resolveCredentials(settings({ region }), fakeDeps().deps)
    const client = sts.call(0).thisValue as STSClient
    expect(await client.config.region()).toBe(expected)
  })

  it('registers every secret with setSecret before logging anything', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: STS_CREDENTIALS })
    const { deps, calls } = fakeDeps()
    await resolveCredentials(settings(), deps)
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
    const error = await rejectionOf(resolveCredentials(settings(), { ...deps, env }), UserError)
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
      resolveCredentials(settings({ audience: 'my-audience' }), deps),
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
    const error = await rejectionOf(resolveCredentials(settings(), deps), UserError)
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
      resolveCredentials(settings({ roleDurationSeconds: 43200 }), fakeDeps().deps),
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
    const error = await rejectionOf(resolveCredentials(settings(), fakeDeps().deps), UserError)
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
    const error = await rejectionOf(resolveCredentials(settings(), fakeDeps().deps), UserError)
    expect(error.message).toContain('token.actions.githubusercontent.com')
  })

  it('fails when STS answers without credentials, registering and returning nothing', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({})
    const { deps } = fakeDeps()
    await expect(resolveCredentials(settings(), deps)).rejects.toThrow('without credentials')
    expect(deps.setSecret).not.toHaveBeenCalled()
  })
})

describe('the step deadline', () => {
  it('ends a token request that never answers, without calling STS', async () => {
    const { deps } = fakeDeps()
    deps.getIDToken.mockImplementation(() => new Promise<string>(() => undefined))
    const deadline = new AbortController()
    const pending = resolveCredentials(settings(), { ...deps, signal: deadline.signal })
    deadline.abort(new Error('wait-timeout passed'))
    await expect(pending).rejects.toThrow('wait-timeout passed')
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(0)
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
    await resolveCredentials(settings(), { ...deps, signal: deadline.signal })
    const [call] = sts.commandCalls(AssumeRoleWithWebIdentityCommand)
    // The spy records every argument of send(); its type only names the command.
    expect((call?.args as unknown[] | undefined)?.[1]).toEqual({ abortSignal: deadline.signal })
  })
})
