import { describe, expect, it } from '@jest/globals'
import { cacheResult, entityTag, httpDate } from '../../src/verify/headers.js'

describe('entityTag and httpDate', () => {
  it('strip the weak prefix and the quotes; read the first of joined dates', () => {
    expect(entityTag('W/"abc-2"')).toBe('abc-2')
    expect(entityTag('"abc"')).toBe('abc')
    expect(entityTag('')).toBeUndefined()
    expect(httpDate('Wed, 07 Aug 2013 16:27:12 GMT, Wed, 07 Aug 2013 16:27:36 GMT')).toBe(
      Date.parse('2013-08-07T16:27:12Z')
    )
    expect(httpDate('yesterday')).toBeUndefined()
  })
})

describe('cacheResult', () => {
  it("reads CloudFront's X-Cache values, case and spacing aside", () => {
    expect(cacheResult('Hit from cloudfront')).toBe('hit')
    expect(cacheResult('  miss from cloudfront')).toBe('miss')
    expect(cacheResult('RefreshHit from cloudfront')).toBe('refresh-hit')
    expect(cacheResult('Error from cloudfront')).toBe('error')
    expect(cacheResult('Redirect from cloudfront')).toBe('redirect')
    expect(cacheResult('FunctionGeneratedResponse from cloudfront')).toBe('function')
    expect(cacheResult('LambdaGeneratedResponse from cloudfront')).toBe('lambda')
    expect(cacheResult('LimitExceeded from cloudfront')).toBe('other')
    expect(cacheResult(undefined)).toBe('absent')
  })
})
