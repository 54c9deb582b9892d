/**
 * signIn: the proxy notes, then the credentials, through the fake runner (its OIDC token, its masks and
 * its log), with STS mocked at the SDK's edge.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import { ROLE, roleSettings } from '../../__fixtures__/aws.js'
import { fakeTime } from '../../__fixtures__/clock.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { signIn } from '../../src/aws/connect.js'
import { UserError } from '../../src/common/errors.js'
import { readProxySettings } from '../../src/common/http.js'

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
const ENDPOINTS = [
  { service: 'CloudFront', url: 'https://cloudfront.amazonaws.com' },
  { service: 'STS', url: 'https://sts.us-east-1.amazonaws.com' }
]

const sts = mockClient(STSClient)
beforeEach(() => {
  sts.reset()
})

/** A runner whose job may request an OIDC token, and records the audiences it was asked for. */
function oidcRunner(env: NodeJS.ProcessEnv = OIDC_ENV) {
  const audiences: string[] = []
  const fake = fakeRunner(
    {},
    {
      env,
      getIDToken: audience => {
        audiences.push(audience)
        return Promise.resolve('oidc-jwt')
      }
    }
  )
  return { ...fake, audiences }
}

const options = (env: NodeJS.ProcessEnv = {}, signal?: AbortSignal) => ({
  proxy: readProxySettings(env),
  endpoints: ENDPOINTS,
  signal,
  clock: fakeTime().clock
})

describe('signIn', () => {
  it("logs nothing and leaves the SDK's default chain without a proxy or a role", async () => {
    const fake = oidcRunner()
    expect(await signIn(fake.runner, roleSettings({ roleToAssume: undefined }), options())).toBeUndefined()
    expect(fake.events).toEqual([])
    expect(sts.calls()).toHaveLength(0)
  })

  it('says how each endpoint is reached through the proxy, and warns of one that goes direct', async () => {
    const fake = oidcRunner()
    await signIn(
      fake.runner,
      roleSettings({ roleToAssume: undefined }),
      options({ HTTPS_PROXY: 'http://proxy.internal:3128', NO_PROXY: 'sts.us-east-1.amazonaws.com' })
    )
    expect(fake.log()).toEqual([
      'CloudFront (cloudfront.amazonaws.com) is reached through the proxy http://proxy.internal:3128 (HTTPS_PROXY).',
      'STS (sts.us-east-1.amazonaws.com) is reached directly: NO_PROXY lists it.'
    ])
    expect(fake.warnings()).toEqual([])

    const direct = oidcRunner()
    await signIn(
      direct.runner,
      roleSettings({ roleToAssume: undefined }),
      options({ HTTP_PROXY: 'http://proxy.internal:3128' })
    )
    expect(direct.log()).toEqual([])
    expect(direct.warnings()).toEqual([
      expect.stringMatching(
        /^CloudFront \(cloudfront\.amazonaws\.com\) is reached directly: .*HTTPS_PROXY is not set/
      ),
      expect.stringMatching(/^STS \(sts\.us-east-1\.amazonaws\.com\) is reached directly: /)
    ])
  })

  it("assumes the role with the runner's OIDC token, masks the session, and hands on its credentials", async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: STS_CREDENTIALS })
    const fake = oidcRunner()
    const provider = await signIn(fake.runner, roleSettings({ audience: 'my-audience' }), options())
    expect(fake.audiences).toEqual(['my-audience'])
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0]?.args[0].input).toMatchObject({
      RoleArn: ROLE,
      WebIdentityToken: 'oidc-jwt'
    })
    // Masked before anything could print them.
    const secrets = fake.events.flatMap(event => (event.kind === 'secret' ? [event.value] : []))
    expect(secrets).toEqual(
      expect.arrayContaining([
        STS_CREDENTIALS.AccessKeyId,
        STS_CREDENTIALS.SecretAccessKey,
        STS_CREDENTIALS.SessionToken
      ])
    )
    expect(fake.log().join('\n')).toContain(ROLE)
    expect(await provider?.()).toMatchObject({
      accessKeyId: STS_CREDENTIALS.AccessKeyId,
      sessionToken: STS_CREDENTIALS.SessionToken
    })
  })

  it("reads the OIDC variables from the runner's environment", async () => {
    const fake = oidcRunner({})
    const error = await rejectionOf(signIn(fake.runner, roleSettings(), options()), UserError)
    expect(error.message).toMatch(/^role-to-assume is set, but this job cannot request a GitHub OIDC token/)
    expect(fake.audiences).toEqual([])
    expect(sts.calls()).toHaveLength(0)
  })

  it('asks for nothing once the signal has aborted', async () => {
    const cancel = new AbortController()
    cancel.abort(new Error('wait-timeout passed'))
    const fake = oidcRunner()
    const error = await rejectionOf(signIn(fake.runner, roleSettings(), options({}, cancel.signal)))
    expect(error.message).toContain('wait-timeout passed')
    expect(fake.audiences).toEqual([])
    expect(sts.calls()).toHaveLength(0)
  })
})
