import { describe, expect, it } from '@jest/globals'
import { readSiteUrl, readVerifySettings } from '../../src/inputs/verify.js'

const ID = 'I2J0I21PCUYOIK'
const read = (inputs: Record<string, string>, given = { callerReference: false, paths: false }) =>
  readVerifySettings(name => inputs[name] ?? '', given)

describe('readVerifySettings', () => {
  it('reads verify, verify-url and invalidation-id', () => {
    expect(read({})).toEqual({ verify: false })
    expect(read({ verify: 'true', 'verify-url': 'www.example.com', 'invalidation-id': ID })).toEqual({
      verify: true,
      site: { origin: 'https://www.example.com', hostname: 'www.example.com' },
      invalidationId: ID
    })
  })

  it('refuses verify-url without verify, and an ID that is not one', () => {
    expect(() => read({ 'verify-url': 'https://www.example.com' })).toThrow(
      /^verify-url is set but verify is not/
    )
    expect(() => read({ 'invalidation-id': `'${ID}'` })).toThrow(`remove the quotes: ${ID}`)
    expect(() => read({ 'invalidation-id': 'not an id' })).toThrow(
      /is not a CloudFront invalidation ID; give the ID/
    )
    expect(() => read({ 'invalidation-id': ID.toLowerCase() })).toThrow(`upper case: ${ID}`)
  })

  it('checks invalidation-id against what inputs.ts read of caller-reference and paths', () => {
    expect(() => read({ 'invalidation-id': ID }, { callerReference: true, paths: false })).toThrow(
      /^caller-reference: invalidation-id waits/
    )
    expect(() => read({ 'invalidation-id': ID }, { callerReference: false, paths: true })).toThrow(
      /^paths: invalidation-id waits/
    )
    expect(read({ 'invalidation-id': ID, verify: 'true' }, { callerReference: false, paths: true })).toEqual({
      verify: true,
      invalidationId: ID
    })
    // Without invalidation-id, both are the step's own business.
    expect(read({}, { callerReference: true, paths: true })).toEqual({ verify: false })
  })
})

describe('readSiteUrl', () => {
  it('takes a site root, with or without a scheme (https by default)', () => {
    expect(readSiteUrl('https://www.example.com')).toEqual({
      origin: 'https://www.example.com',
      hostname: 'www.example.com'
    })
    expect(readSiteUrl('www.example.com/').origin).toBe('https://www.example.com')
    expect(readSiteUrl('http://127.0.0.1:8080').origin).toBe('http://127.0.0.1:8080')
  })

  it('refuses credentials, paths, queries and other schemes, naming the input', () => {
    expect(() => readSiteUrl('https://user:pw@www.example.com')).toThrow(/^verify-url: remove the user name/)
    expect(() => readSiteUrl('https://www.example.com/blog')).toThrow(/site's root alone/)
    expect(() => readSiteUrl('https://www.example.com/?a=1')).toThrow(/site's root alone/)
    expect(() => readSiteUrl('ftp://www.example.com')).toThrow(/only http:\/\/ and https:\/\//)
    expect(() => readSiteUrl('not a url')).toThrow(/is not a URL/)
  })
})
