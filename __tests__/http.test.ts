import { Agent as HttpsAgent } from 'node:https'
import { describe, expect, it } from '@jest/globals'
import { proxyUrl, requestHandlerOptions } from '../src/http.js'

describe('requestHandlerOptions', () => {
  it('times out each attempt, and makes the timeout an error rather than a warning', () => {
    const options = requestHandlerOptions({})
    expect(options).toEqual({ connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true })
  })

  it('adds proxy-aware agents only when a proxy variable is set', () => {
    const options = requestHandlerOptions({
      HTTPS_PROXY: 'http://proxy.internal:3128',
      NO_PROXY: '.internal'
    })
    expect(options).toMatchObject({ requestTimeout: 15_000, throwOnRequestTimeout: true })
    expect('httpsAgent' in options && options.httpsAgent).toBeInstanceOf(HttpsAgent)
  })
})

describe('proxyUrl', () => {
  it.each([
    [{}, undefined],
    [{ HTTPS_PROXY: 'http://proxy:3128' }, 'http://proxy:3128'],
    [{ https_proxy: 'http://user:secret@proxy:3128' }, 'http://proxy:3128'],
    [{ HTTP_PROXY: 'http://plain:8080' }, 'http://plain:8080'],
    [{ HTTPS_PROXY: 'not a url' }, '(unparsable proxy URL)']
  ])('%j is logged as %s, never with its credentials', (env, expected) => {
    expect(proxyUrl(env)).toBe(expected)
  })
})
