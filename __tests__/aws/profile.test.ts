import { describe, expect, it } from '@jest/globals'
import { explainError } from '../../src/cloudfront/errors.js'
import { noCredentials } from '../../src/aws/aws-config.js'
import { UserError } from '../../src/common/errors.js'
import { explainProfile, profileCause, profilesIn, type SharedFile } from '../../src/aws/profile.js'

const CONFIG = `[default]
region = eu-west-1

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/deploy
source_profile = default

[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile tool]
credential_process = /usr/local/bin/get-creds

[profile  spaced ]
region = us-east-1
`

const CREDENTIALS = '[ci]\r\naws_access_key_id = AKIDEXAMPLE\r\naws_secret_access_key = secret\r\n'

const config = (text: string | undefined = CONFIG): SharedFile => ({ path: '/home/u/.aws/config', text })
const credentials = (text: string | undefined = CREDENTIALS): SharedFile => ({
  path: '/home/u/.aws/credentials',
  text
})

describe('profilesIn', () => {
  it('reads the profiles of a config file by their names, and no other section', () => {
    const profiles = profilesIn(CONFIG, 'config')
    expect([...profiles.keys()]).toEqual(['default', 'deploy', 'sso-dev', 'tool', 'spaced'])
    expect([...(profiles.get('deploy') ?? [])]).toEqual(['role_arn', 'source_profile'])
  })

  it('reads a credentials file, whose sections are bare names, CRLF or not', () => {
    expect([...(profilesIn(CREDENTIALS, 'credentials').get('ci') ?? [])]).toEqual([
      'aws_access_key_id',
      'aws_secret_access_key'
    ])
    // In the config file, a bare [ci] is no profile (the config file writes [profile ci]).
    expect(profilesIn(CREDENTIALS, 'config').has('ci')).toBe(false)
  })
})

describe('profileCause', () => {
  it('names both files, and which one is missing, for a profile in neither', () => {
    expect(profileCause('prod', config(), { ...credentials(), text: undefined })).toBe(
      'The profile is in neither /home/u/.aws/config nor /home/u/.aws/credentials (no such file): check the name in AWS_PROFILE, and AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE if the files are elsewhere.'
    )
  })

  it('names the variable that moved a file', () => {
    const moved = { path: '/tmp/aws-config', variable: 'AWS_CONFIG_FILE', text: '' }
    expect(profileCause('prod', moved, credentials())).toContain('/tmp/aws-config (AWS_CONFIG_FILE)')
  })

  it.each([
    ['sso-dev', 'its session has expired or was never started: run aws sso login --profile sso-dev'],
    ['deploy', 'assumes a role (role_arn), and its source_profile or credential_source gave no credentials'],
    ['tool', 'credential_process, which failed'],
    ['spaced', 'The profile holds no credentials: none of aws_access_key_id, role_arn'],
    ['ci', 'The profile is set up, but its credentials could not be loaded']
  ])('gives the likely cause for profile %s', (profile, cause) => {
    expect(profileCause(profile, config(), credentials())).toContain(cause)
  })
})

describe('explainProfile', () => {
  const files: Record<string, string> = { '/home/u/.aws/config': CONFIG, '/elsewhere/creds': CREDENTIALS }
  const read = (path: string) => files[path]

  it('is undefined without AWS_PROFILE', () => {
    expect(explainProfile({ HOME: '/home/u' }, read)).toBeUndefined()
    expect(explainProfile({ HOME: '/home/u', AWS_PROFILE: ' ' }, read)).toBeUndefined()
  })

  it('reads the files where the SDK does: the variables (with ~/), else ~/.aws', () => {
    expect(explainProfile({ HOME: '/home/u', AWS_PROFILE: 'sso-dev' }, read)?.cause).toContain(
      'aws sso login'
    )
    const moved = explainProfile(
      { HOME: '/home/u', AWS_PROFILE: 'ci', AWS_SHARED_CREDENTIALS_FILE: '/elsewhere/creds' },
      read
    )
    expect(moved).toEqual({ profile: 'ci', cause: expect.stringContaining('is set up') })
    const tilde = explainProfile({ HOME: '/home/u', AWS_PROFILE: 'x', AWS_CONFIG_FILE: '~/cfg' }, read)
    expect(tilde?.cause).toContain('/home/u/cfg (AWS_CONFIG_FILE; no such file)')
  })
})

describe('noCredentials', () => {
  const chainError = Object.assign(new Error('Could not load credentials from any providers'), {
    name: 'CredentialsProviderError'
  })

  it('says how to configure credentials when no profile is set', () => {
    const error = noCredentials(chainError, { HOME: '/nonexistent' })
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(
      'No AWS credentials found (Could not load credentials from any providers). Add aws-actions/configure-aws-credentials before this step, or set role-to-assume to an IAM role ARN and give the job permissions: id-token: write.'
    )
    expect(error.cause).toBe(chainError)
  })

  it('names the profile and its likely cause when AWS_PROFILE is set', () => {
    const home = '/nonexistent-home'
    const error = noCredentials(chainError, { HOME: home, AWS_PROFILE: 'prod' })
    expect(error.message).toBe(
      `No AWS credentials found for AWS_PROFILE=prod (Could not load credentials from any providers). The profile is in neither ${home}/.aws/config (no such file) nor ${home}/.aws/credentials (no such file): check the name in AWS_PROFILE, and AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE if the files are elsewhere. In a GitHub job, you can instead unset AWS_PROFILE and add aws-actions/configure-aws-credentials before this step, or set role-to-assume to an IAM role ARN and give the job permissions: id-token: write.`
    )
  })

  it('is what a call that met the same chain error fails with', () => {
    const explained = explainError(chainError, 'CreateInvalidation', 'E2QWRUHAPOMQZL')
    expect(explained.message).toMatch(/^No AWS credentials found/)
  })
})
