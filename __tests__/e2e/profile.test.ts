/**
 * A job that sets AWS_PROFILE, run through the bundled action with shared config and credentials files in
 * a temporary folder (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), as the SDK's default chain reads them.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { expectCleanFailure, useEmulator } from './emulator.js'
import { invalidationsOf, runAction } from './harness.js'
import { tempDir } from '../../__fixtures__/temp.js'

const emulator = useEmulator()

/** The shared files, and the environment of a job that names `profile` and has no key variables. */
function profileEnv(profile: string, files: { config?: string; credentials?: string }) {
  const dir = tempDir('aws-profile-')
  const config = join(dir, 'config')
  const credentials = join(dir, 'credentials')
  if (files.config !== undefined) writeFileSync(config, files.config)
  if (files.credentials !== undefined) writeFileSync(credentials, files.credentials)
  return {
    config,
    credentials,
    env: emulator.awsEnv({
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_PROFILE: profile,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials
    })
  }
}

describe('AWS_PROFILE', () => {
  it('signs with the profile it names when the files hold it', async () => {
    const { env } = profileEnv('deploy', {
      credentials: '[deploy]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n'
    })
    const run = await runAction({ inputs: { 'distribution-id': emulator.distributionId }, env })
    expect(run.code).toBe(0)
    const [create] = emulator.front.requests
    expect(String(create?.headers.authorization)).toContain('Credential=AKIDPROFILE/')
  })

  it('names a profile that is in neither file, and both files', async () => {
    const { env, config, credentials } = profileEnv('prod', {
      config: '[profile staging]\nregion = eu-west-1\n',
      credentials: '[staging]\naws_access_key_id = AKIDSTAGING\naws_secret_access_key = s\n'
    })
    const run = await runAction({ inputs: { 'distribution-id': emulator.distributionId }, env })
    expectCleanFailure(
      run,
      'No AWS credentials found for AWS_PROFILE=prod',
      `The profile is in neither ${config} (AWS_CONFIG_FILE) nor ${credentials} (AWS_SHARED_CREDENTIALS_FILE)`,
      'unset AWS_PROFILE',
      'configure-aws-credentials'
    )
    expect(emulator.front.requests).toHaveLength(0)
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(0)
  })

  it('says an SSO profile needs aws sso login when it has no session', async () => {
    const { env } = profileEnv('dev', {
      config: [
        '[profile dev]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = eu-west-1',
        ''
      ].join('\n')
    })
    const run = await runAction({ inputs: { 'distribution-id': emulator.distributionId }, env })
    expectCleanFailure(run, 'AWS_PROFILE=dev', 'SSO', 'aws sso login --profile dev')
    expect(emulator.front.requests).toHaveLength(0)
  })

  it('says a profile without credentials holds none', async () => {
    const { env } = profileEnv('bare', { config: '[profile bare]\nregion = eu-west-1\n' })
    const run = await runAction({ inputs: { 'distribution-id': emulator.distributionId }, env })
    expectCleanFailure(run, 'AWS_PROFILE=bare', 'The profile holds no credentials')
  })
})
