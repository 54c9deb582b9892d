import { Agent as HttpsAgent } from 'node:https'
import { describe, expect, it } from '@jest/globals'
import { describeProxy, requestHandlerOptions } from '../src/http.js'

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

describe('describeProxy', () => {
  it.each([
    [{}, undefined],
    [
      { HTTPS_PROXY: 'http://proxy:3128' },
      { warning: false, message: expect.stringContaining('proxy http://proxy:3128 (HTTPS_PROXY') }
    ],
    [
      { https_proxy: 'http://user:secret@proxy:3128' },
      { warning: false, message: expect.stringContaining('http://proxy:3128') }
    ],
    [
      { HTTPS_PROXY: 'not a url' },
      { warning: false, message: expect.stringContaining('(unparsable proxy URL)') }
    ],
    [
      { HTTP_PROXY: 'http://plain:8080' },
      { warning: true, message: expect.stringContaining('Set HTTPS_PROXY') }
    ]
  ])('%j is described without its credentials', (env, expected) => {
    const described = describeProxy(env)
    expect(described).toEqual(expected)
    expect(JSON.stringify(described ?? '')).not.toContain('secret')
  })
})
