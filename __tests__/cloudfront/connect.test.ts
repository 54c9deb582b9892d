import { describe, expect, it } from '@jest/globals'
import { useEnvironmentKeys } from '../../__fixtures__/aws.js'
import { fakeTime } from '../../__fixtures__/clock.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { connect } from '../../src/cloudfront/connect.js'
import { readSettings } from '../../src/inputs/inputs.js'

useEnvironmentKeys()

describe('connect', () => {
  it("signs in with the job's credentials, and tags the client's calls with the run", async () => {
    const fake = fakeRunner({})
    const settings = readSettings(
      name => ({ 'distribution-id': 'E1AAAAAAAAAAAA' })[name] ?? '',
      () => Buffer.alloc(0),
      {
        AWS_REGION: 'eu-west-1'
      }
    )
    const aws = await connect(fake.runner, settings, {}, new AbortController().signal, fakeTime().clock)
    expect(aws.options).toMatchObject({ region: 'eu-west-1', run: '4242-1' })
    expect(aws.pace.throttles).toBe(0)
    expect(await aws.client.config.credentials()).toMatchObject({ accessKeyId: 'AKIDEXAMPLE' })
    aws.client.destroy()
  })

  it('fails before any call when there are no credentials', async () => {
    const fake = fakeRunner({})
    const settings = readSettings(
      name => ({ 'distribution-id': 'E1AAAAAAAAAAAA' })[name] ?? '',
      () => Buffer.alloc(0),
      {}
    )
    const saved = { ...process.env }
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE']) delete process.env[name]
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent'
    process.env.AWS_CONFIG_FILE = '/nonexistent'
    process.env.AWS_EC2_METADATA_DISABLED = 'true'
    try {
      await expect(
        connect(fake.runner, settings, {}, new AbortController().signal, fakeTime().clock)
      ).rejects.toThrow()
    } finally {
      process.env = saved
    }
  })
})
