import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { TEST_KEYS } from '../../__fixtures__/aws.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'
import { MAX_ATTEMPTS, checkCredentials, createCloudFrontClient } from '../../src/cloudfront/client.js'
import { UserError } from '../../src/common/errors.js'
import { ACTION_NAME, ACTION_VERSION } from '../../src/common/version.js'

describe('createCloudFrontClient', () => {
  it.each<[string, string | undefined, string]>([
    ['no region', undefined, 'us-east-1'],
    ['us-east-1', 'us-east-1', 'us-east-1'],
    ['another region', 'eu-west-1', 'us-east-1'],
    ['a China region', 'cn-north-1', 'cn-north-1'],
    ['the other China region', 'cn-northwest-1', 'cn-northwest-1']
  ])('signs in the right region with %s configured', async (_, region, expected) => {
    const client = createCloudFrontClient({ credentials: TEST_KEYS, ...(region ? { region } : {}) })
    expect(await client.config.region()).toBe(expected)
  })

  it('retries more than the SDK default, and names the action in the user agent', async () => {
    const client = createCloudFrontClient({ credentials: TEST_KEYS })
    expect(MAX_ATTEMPTS).toBeGreaterThan(3)
    expect(await client.config.maxAttempts()).toBe(MAX_ATTEMPTS)
    expect(client.config.customUserAgent).toEqual([[`${ACTION_NAME}/${ACTION_VERSION}`]])
  })

  it('signs with the credentials it is given', async () => {
    const client = createCloudFrontClient({ credentials: TEST_KEYS })
    expect(await client.config.credentials()).toMatchObject(TEST_KEYS)
  })
})

describe('checkCredentials', () => {
  it('resolves when there are credentials', async () => {
    await expect(
      checkCredentials(createCloudFrontClient({ credentials: TEST_KEYS }))
    ).resolves.toBeUndefined()
  })

  it('turns a provider failure into a UserError that says how to get credentials', async () => {
    const cause = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError'
    })
    const client = new CloudFrontClient({ region: 'us-east-1', credentials: () => Promise.reject(cause) })
    const error = await rejectionOf(checkCredentials(client))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('aws-actions/configure-aws-credentials')
    expect(error.message).toContain('permissions: id-token: write')
    expect(error.cause).toBe(cause)
  })

  describe("with the SDK's default chain", () => {
    const saved = { ...process.env }
    beforeEach(() => {
      for (const name of Object.keys(process.env))
        if (name.startsWith('AWS_')) Reflect.deleteProperty(process.env, name)
      // Nothing on disk, no instance metadata: the chain must fail fast and offline.
      process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'
      process.env.AWS_CONFIG_FILE = '/nonexistent/config'
      process.env.AWS_EC2_METADATA_DISABLED = 'true'
    })
    afterEach(() => {
      for (const name of Object.keys(process.env))
        if (!(name in saved)) Reflect.deleteProperty(process.env, name)
      Object.assign(process.env, saved)
    })

    it('uses the keys configure-aws-credentials exported to the environment', async () => {
      process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
      process.env.AWS_SECRET_ACCESS_KEY = 'secret'
      process.env.AWS_SESSION_TOKEN = 'session'
      const client = createCloudFrontClient()
      await checkCredentials(client)
      expect(await client.config.credentials()).toMatchObject({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret',
        sessionToken: 'session'
      })
    })

    it('fails with the UserError when there are none', async () => {
      const error = await rejectionOf(checkCredentials(createCloudFrontClient()))
      expect(error).toBeInstanceOf(UserError)
      expect(error.message).toContain('configure-aws-credentials')
    })
  })
})
