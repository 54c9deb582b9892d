import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { readTargets } from '../../src/inputs/targets.js'

const ID = 'E2QWRUHAPOMQZL'
const OTHER_ID = 'E1ABCDEFGHIJ01'
const TENANT = 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB'

/** getInput as the runner gives it: an input that is not set is ''. */
function inputs(values: Record<string, string>): (name: string) => string {
  return name => values[name] ?? ''
}

/** The targets of inputs that name ID unless they say otherwise. */
function settingsWith(values: Record<string, string>) {
  return readTargets(inputs({ 'distribution-id': ID, ...values }))
}

function userErrorOf(attempt: () => unknown): UserError {
  try {
    attempt()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  throw new Error('expected a UserError, but nothing was thrown')
}

describe('distribution-id', () => {
  it.each([
    ['newlines', `${ID}\n${OTHER_ID}\n`],
    ['commas', `${ID},${OTHER_ID}`],
    ['spaces', `${ID} ${OTHER_ID}`],
    ['a mix, with a repeat', ` ${ID}, \n ${OTHER_ID}\t${ID},`]
  ])('reads several IDs separated by %s, once each, in order', (_, raw) => {
    expect(settingsWith({ 'distribution-id': raw }).distributionIds).toEqual([ID, OTHER_ID])
  })

  it.each([
    [
      'missing',
      '',
      /^distribution-id, distribution-tenant-id, distribution-alias or distribution-tag is required/
    ],
    [
      'only separators',
      ' ,\n ',
      /^distribution-id, distribution-tenant-id, distribution-alias or distribution-tag is required/
    ],
    ['in quotes', `"${ID}"`, new RegExp(`^distribution-id: .*remove the quotes around it: ${ID}\\.`)],
    ['a tenant ID', TENANT, /^distribution-id: .*distribution tenant\. Give it as distribution-tenant-id/],
    [
      'a tenant ARN',
      `arn:aws:cloudfront::123456789012:distribution-tenant/${TENANT}`,
      /^distribution-id: .*Give it as distribution-tenant-id/
    ],
    ['lower case', ID.toLowerCase(), new RegExp(`^distribution-id: .*upper case\\. Use ${ID}\\.`)],
    [
      'an ARN',
      `arn:aws:cloudfront::123456789012:distribution/${ID}`,
      new RegExp(`^distribution-id: .*ARN\\. Use the ID alone: ${ID}\\.`)
    ],
    ['a domain name', 'd111111abcdef8.cloudfront.net', /^distribution-id: .*domain name/],
    ['too short', 'E2QWRU', /^distribution-id: "E2QWRU" is not a CloudFront distribution ID/],
    ['bad among good ones', `${ID},bad-id`, /^distribution-id: "bad-id"/]
  ])('rejects %s with a UserError that names the input and the fix', (_, raw, message) => {
    expect(userErrorOf(() => settingsWith({ 'distribution-id': raw })).message).toMatch(message)
  })
})

describe('distribution-tenant-id', () => {
  const tenantsOf = (raw: string) =>
    settingsWith({ 'distribution-id': '', 'distribution-tenant-id': raw }).distributionTenantIds

  it('reads several tenant IDs separated by newlines, commas or spaces, once each, keeping their case', () => {
    expect(tenantsOf(` ${TENANT},\n dt_Other1 ${TENANT}\t`)).toEqual([TENANT, 'dt_Other1'])
  })

  it('is enough without distribution-id, and combines with it', () => {
    const settings = settingsWith({ 'distribution-tenant-id': TENANT })
    expect(settings.distributionIds).toEqual([ID])
    expect(settings.distributionTenantIds).toEqual([TENANT])
  })

  it.each([
    ['in quotes', `'${TENANT}'`, new RegExp(`remove the quotes around it: ${TENANT}\\.`)],
    [
      'an ARN',
      `arn:aws:cloudfront::123456789012:distribution-tenant/${TENANT}`,
      new RegExp(`tenant's ARN\\. Use the ID alone: ${TENANT}\\.`)
    ],
    [
      'an upper-case prefix',
      `DT_${TENANT.slice(3)}`,
      new RegExp(`starts with dt_ in lower case .*: ${TENANT}\\.`)
    ],
    ['a distribution ID', ID, /looks like a distribution ID\. Give it as distribution-id/],
    [
      'a domain',
      'customer.example.com',
      /looks like a domain name\. Give customer\.example\.com as distribution-alias/
    ],
    [
      'a URL',
      'https://customer.example.com/a',
      /looks like a domain name\. Give customer\.example\.com as distribution-alias/
    ],
    ['junk after it', 'dt_abc;rm', /^distribution-tenant-id: "dt_abc;rm" is not/],
    [
      'a tenant name',
      'customer-a',
      /^distribution-tenant-id: "customer-a" is not .*a tenant's name is not its ID/
    ],
    ['dt_ alone', 'dt_', /^distribution-tenant-id: "dt_" is not/],
    ['too long', `dt_${'a'.repeat(62)}`, /is not a CloudFront distribution tenant ID/]
  ])('rejects %s with a UserError that names the input and the fix', (_, raw, message) => {
    const error = userErrorOf(() => tenantsOf(raw))
    expect(error.message).toMatch(/^distribution-tenant-id: /)
    expect(error.message).toMatch(message)
  })
})

describe('distribution-alias', () => {
  const aliasesOf = (raw: string, others: Record<string, string> = { 'distribution-id': '' }) =>
    settingsWith({ ...others, 'distribution-alias': raw }).distributionAliases

  it.each([
    ['newlines', 'www.example.com\napi.example.com\n'],
    ['commas', 'www.example.com,api.example.com'],
    [
      'spaces, a repeat in another case and a trailing dot',
      ' www.example.com  API.Example.com. WWW.example.com'
    ]
  ])('reads several names separated by %s, lower case, once each, in order', (_, raw) => {
    expect(aliasesOf(raw)).toEqual(['www.example.com', 'api.example.com'])
  })

  it('accepts a wildcard name, and is enough without distribution-id', () => {
    const settings = settingsWith({ 'distribution-id': '', 'distribution-alias': '*.example.com' })
    expect(settings.distributionAliases).toEqual(['*.example.com'])
    expect(settings.distributionIds).toEqual([])
  })

  it('combines with distribution-id and distribution-tag', () => {
    const settings = settingsWith({ 'distribution-alias': 'www.example.com', 'distribution-tag': 'env=prod' })
    expect(settings.distributionIds).toEqual([ID])
    expect(settings.distributionAliases).toEqual(['www.example.com'])
    expect(settings.distributionTags).toEqual([{ key: 'env', value: 'prod' }])
  })

  it.each([
    [
      'a URL',
      'https://www.example.com/index.html',
      /^distribution-alias: .*Use the domain name alone: www\.example\.com\./
    ],
    [
      'a single label',
      'localhost',
      /^distribution-alias: "localhost" is not a domain name\. Use an alternate domain name/
    ],
    [
      'a wildcard that is not the first label',
      'www.*.example.com',
      /^distribution-alias: "www\.\*\.example\.com"/
    ],
    ['an underscore', 'my_site.example.com', /^distribution-alias: "my_site\.example\.com"/]
  ])('rejects %s with a UserError that names the input and the fix', (_, raw, message) => {
    expect(userErrorOf(() => aliasesOf(raw)).message).toMatch(message)
  })
})

describe('distribution-tag', () => {
  const tagsOf = (raw: string) =>
    settingsWith({ 'distribution-id': '', 'distribution-tag': raw }).distributionTags

  it('reads key=value, one per line, trimmed, once each; a value may hold spaces', () => {
    expect(tagsOf(' env = prod \r\nteam=web docs\n\nenv=prod\n')).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'web docs' }
    ])
  })

  // No CloudFront tag holds a comma (API_Tag), so env=prod,site=x can only be two tags (issue 27).
  it('reads a comma list as several tags, as the other distribution inputs read commas', () => {
    expect(tagsOf('env=prod,site=x\nteam = web , owner=ops,')).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'site', value: 'x' },
      { key: 'team', value: 'web' },
      { key: 'owner', value: 'ops' }
    ])
  })

  it('takes every character CloudFront allows in a tag: letters of any script, digits, spaces, _ . : / = + - @', () => {
    expect(tagsOf('aws:cloudformation:stack-name=site/prod_1.2+x@y\nÉquipe=Ästhetik 日本')).toEqual([
      { key: 'aws:cloudformation:stack-name', value: 'site/prod_1.2+x@y' },
      { key: 'Équipe', value: 'Ästhetik 日本' }
    ])
  })

  it('splits at the first =, so a value may hold one, and may be empty', () => {
    expect(tagsOf('query=a=b\nmarker=')).toEqual([
      { key: 'query', value: 'a=b' },
      { key: 'marker', value: '' }
    ])
  })

  it('keeps the case of keys and values: AWS tags are case-sensitive', () => {
    expect(tagsOf('Env=Prod')).toEqual([{ key: 'Env', value: 'Prod' }])
  })

  it.each([
    ['no =', 'production', /^distribution-tag: "production" is not key=value\. .*environment=production/],
    ['no key', '=production', /^distribution-tag: "=production" is not key=value/],
    [
      'a piece of a comma list without =',
      'team=web, docs',
      /^distribution-tag: "docs" is not key=value\. .*separated by commas\)\.$/
    ],
    [
      "the AWS CLI's shorthand",
      'Key=env, Value=prod',
      /^distribution-tag: "Key=env, Value=prod" is the AWS CLI's Key=…,Value=… form\. Write the tag as key=value: env=prod\.$/
    ],
    [
      'quotes',
      'env="prod"',
      /^distribution-tag: "env="prod"" holds "\\"", which no CloudFront tag can hold .*Remove the quotes\.$/
    ],
    [
      'a wildcard',
      'env=prod*',
      /^distribution-tag: "env=prod\*" holds "\*", .* no wildcard: give the whole value\.$/
    ],
    [
      'a semicolon',
      'env=prod;site=x',
      /^distribution-tag: "env=prod;site=x" holds ";", .*as the CloudFront console shows it\.$/
    ],
    [
      'a key longer than 128 characters',
      `${'k'.repeat(129)}=v`,
      /^distribution-tag: .* too long; a tag key has at most 128/
    ],
    ['a value longer than 256 characters', `k=${'v'.repeat(257)}`, /^distribution-tag: .* too long/]
  ])('rejects %s with a UserError that names the input and the fix', (_, raw, message) => {
    expect(userErrorOf(() => tagsOf(raw)).message).toMatch(message)
  })
})
