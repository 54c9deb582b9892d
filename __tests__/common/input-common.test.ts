import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { readBoolean, readCredentialSettings, readInteger } from '../../src/common/input-common.js'

const ROLE = 'arn:aws:iam::123456789012:role/deploy'
const reader = (values: Record<string, string>) => (name: string) => values[name] ?? ''
const credentialsWith = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  readCredentialSettings(reader(values), env)

describe('readBoolean', () => {
  it.each([
    ['', false],
    [' Yes ', true],
    ['on', true],
    ['1', true],
    ['OFF', false],
    ['0', false]
  ])('reads %j as %s', (raw, expected) => {
    expect(readBoolean(reader({ wait: raw }), 'wait')).toBe(expected)
  })

  it('names the input when it is none', () => {
    expect(() => readBoolean(reader({ wait: 'maybe' }), 'wait')).toThrow(
      new UserError('wait: "maybe" is not a boolean. Use true or false.')
    )
  })
})

describe('readInteger', () => {
  const limits = { min: 1, max: 3000, fallback: 100, unit: 'paths', hint: 'CloudFront accepts 3,000.' }

  it('reads a whole number within the limits, and the fallback for none', () => {
    expect(readInteger(reader({ n: ' 3000 ' }), 'n', limits)).toBe(3000)
    expect(readInteger(reader({}), 'n', limits)).toBe(100)
  })

  it.each(['0', '3001', '1.5', '-1', '1e3', '99999999999999999999'])(
    'refuses %j, naming the input, the unit, the limits and the hint',
    raw => {
      expect(() => readInteger(reader({ n: raw }), 'n', limits)).toThrow(
        new UserError(`n: "${raw}" is not a whole number of paths from 1 to 3000. CloudFront accepts 3,000.`)
      )
    }
  )

  it('counts seconds unless told otherwise', () => {
    expect(() => readInteger(reader({ n: 'x' }), 'n', { min: 1, max: 2, fallback: 1 })).toThrow(
      /^n: "x" is not a whole number of seconds from 1 to 2\.$/
    )
  })
})

describe('readCredentialSettings: the region', () => {
  it.each([
    [
      'aws-region first',
      'eu-west-1',
      { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' },
      'eu-west-1'
    ],
    ['then AWS_REGION', '', { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' }, 'us-west-2'],
    ['then AWS_DEFAULT_REGION', '', { AWS_DEFAULT_REGION: 'ap-south-1' }, 'ap-south-1'],
    ['else none', '', {}, undefined],
    ['China', 'cn-north-1', {}, 'cn-north-1'],
    ['GovCloud', 'us-gov-west-1', {}, 'us-gov-west-1']
  ])('takes %s', (_, input, env, expected) => {
    expect(credentialsWith({ 'aws-region': input }, env).region).toBe(expected)
  })
})

describe('readCredentialSettings: a bad region', () => {
  it.each([
    ['aws-region', { 'aws-region': 'US-EAST-1' }, {}, /^aws-region: "US-EAST-1"/],
    ['AWS_REGION', {}, { AWS_REGION: 'Frankfurt' }, /^the AWS_REGION variable: "Frankfurt"/]
  ])('from %s fails when a role is to be assumed (STS uses it)', (_, values, env, message) => {
    const attempt = () => credentialsWith({ ...values, 'role-to-assume': ROLE }, env)
    expect(attempt).toThrow(UserError)
    expect(attempt).toThrow(message)
  })

  it('is no concern without role-to-assume: CloudFront is global and STS is not called', () => {
    expect(credentialsWith({}, { AWS_REGION: 'Frankfurt' }).region).toBe('Frankfurt')
  })

  it.each(['eusc-de-east-1', 'us-gov-west-1', 'cn-northwest-1', 'ap-southeast-5'])(
    'accepts %s with a role to assume',
    region => {
      expect(credentialsWith({ 'aws-region': region, 'role-to-assume': ROLE }).region).toBe(region)
    }
  )
})

describe('readCredentialSettings', () => {
  it('reads role-chaining and role-external-id', () => {
    const credentials = credentialsWith({
      'role-to-assume': ROLE,
      'role-chaining': 'true',
      'role-external-id': 'partner:42/a'
    })
    expect(credentials).toMatchObject({ roleChaining: true, roleExternalId: 'partner:42/a' })
  })

  it.each([
    [{ 'role-chaining': 'true' }, /^role-chaining: true needs role-to-assume/],
    [
      { 'role-to-assume': ROLE, 'role-external-id': 'partner-42' },
      /^role-external-id is only sent with role-chaining: true/
    ],
    [
      { 'role-to-assume': ROLE, 'role-chaining': 'true', 'role-external-id': 'has space' },
      /^role-external-id: must be 2 to 1224/
    ],
    [{ 'role-to-assume': ROLE, 'role-chaining': 'perhaps' }, /^role-chaining: "perhaps" is not a boolean/]
  ])('refuses %j', (values, expected) => {
    expect(() => credentialsWith(values)).toThrow(expected)
  })

  it('reads role-to-assume and the options that go with it', () => {
    const credentials = credentialsWith({
      'role-to-assume': ` ${ROLE} `,
      'role-session-name': 'deploy-site',
      'role-duration-seconds': '900',
      audience: 'my-audience'
    })
    expect(credentials).toEqual({
      roleToAssume: ROLE,
      roleSessionName: 'deploy-site',
      roleDurationSeconds: 900,
      roleChaining: false,
      roleExternalId: undefined,
      audience: 'my-audience',
      region: undefined
    })
  })
})
