import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import {
  bypassesProxy,
  describeProxy,
  proxyFor,
  readProxySettings,
  requestHandlerOptions,
  supportsProxyEnv
} from '../../src/common/http.js'

const CLOUDFRONT = [{ service: 'CloudFront', url: 'https://cloudfront.amazonaws.com' }]

describe('requestHandlerOptions', () => {
  it('times out each attempt, and makes the timeout an error rather than a warning', () => {
    const options = requestHandlerOptions({})
    expect(options).toEqual({ connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true })
  })

  it('adds proxy-aware agents only when a proxy is set', () => {
    const options = requestHandlerOptions(
      readProxySettings({ HTTPS_PROXY: 'http://proxy.internal:3128', NO_PROXY: '.internal' })
    )
    expect(options).toMatchObject({ requestTimeout: 15_000, throwOnRequestTimeout: true })
    expect('httpsAgent' in options && options.httpsAgent).toBeInstanceOf(HttpsAgent)
    expect('httpAgent' in options && options.httpAgent).toBeInstanceOf(HttpAgent)
  })
})

describe('readProxySettings reads the variables as Node 24 does', () => {
  it('lets the lower-case variable win over the upper-case one, as Node does', () => {
    const proxy = readProxySettings({
      HTTPS_PROXY: 'http://upper:1',
      https_proxy: 'http://lower:2',
      NO_PROXY: 'a',
      no_proxy: 'b'
    })
    expect(proxy.https).toEqual({ variable: 'https_proxy', url: 'http://lower:2' })
    expect(proxy.noProxy).toEqual({ variable: 'no_proxy', url: 'b' })
  })

  it('reads a value without a scheme as http://, as curl does (Node alone would ignore it)', () => {
    expect(readProxySettings({ HTTPS_PROXY: '127.0.0.1:3128' }).https).toEqual({
      variable: 'HTTPS_PROXY',
      url: 'http://127.0.0.1:3128'
    })
    expect(readProxySettings({ http_proxy: 'proxy.internal:8080' }).http?.url).toBe(
      'http://proxy.internal:8080'
    )
  })

  it.each([
    ['socks5://127.0.0.1:1080', /HTTPS_PROXY: socks5 proxies are not supported/],
    ['http://', /HTTPS_PROXY: the proxy is not a URL/],
    ['http://[::1', /HTTPS_PROXY: the proxy is not a URL/]
  ])('fails on %s, naming the variable and the fix', (value, message) => {
    expect(() => readProxySettings({ HTTPS_PROXY: value })).toThrow(UserError)
    expect(() => readProxySettings({ HTTPS_PROXY: value })).toThrow(message)
  })

  it('ignores empty variables', () => {
    expect(readProxySettings({ HTTPS_PROXY: '', https_proxy: '' })).toEqual({})
  })
})

describe('bypassesProxy follows Node 24 NO_PROXY rules', () => {
  it.each<[string, string, string, boolean]>([
    ['*', 'cloudfront.amazonaws.com', '', true],
    ['cloudfront.amazonaws.com', 'cloudfront.amazonaws.com', '', true],
    // Unlike curl, Node matches an entry without a leading dot or * exactly.
    ['amazonaws.com', 'cloudfront.amazonaws.com', '', false],
    ['.amazonaws.com', 'cloudfront.amazonaws.com', '', true],
    ['*.amazonaws.com', 'cloudfront.amazonaws.com', '', true],
    ['127.0.0.1:5000', '127.0.0.1', '5000', true],
    ['127.0.0.1:5000', '127.0.0.1', '5001', false],
    ['10.0.0.0-10.0.0.255', '10.0.0.7', '', true],
    ['10.0.0.0-10.0.0.255', '10.0.1.7', '', false],
    [' example.com , .internal', 'api.internal', '', true]
  ])('NO_PROXY=%s for %s:%s bypasses: %s', (list, host, port, expected) => {
    expect(bypassesProxy(list, host, port)).toBe(expected)
  })
})

describe('proxyFor', () => {
  const proxy = readProxySettings({ HTTP_PROXY: 'http://plain:8080' })
  it('sends an http:// endpoint through HTTP_PROXY, and an https:// one direct', () => {
    expect(proxyFor(proxy, new URL('http://127.0.0.1:5000'))?.variable).toBe('HTTP_PROXY')
    expect(proxyFor(proxy, new URL('https://cloudfront.amazonaws.com'))).toBeUndefined()
  })
})

describe('describeProxy', () => {
  it('says nothing without a proxy', () => {
    expect(describeProxy({}, CLOUDFRONT, '24.11.0')).toEqual([])
  })

  it('names the proxy Node uses, without its password', () => {
    const notes = describeProxy(
      readProxySettings({ HTTPS_PROXY: 'http://u:p@upper:1', https_proxy: 'http://user:secret@lower:3128' }),
      CLOUDFRONT,
      '24.11.0'
    )
    expect(notes).toEqual([
      {
        warning: false,
        message:
          'CloudFront (cloudfront.amazonaws.com) is reached through the proxy http://lower:3128 (https_proxy).'
      }
    ])
    expect(JSON.stringify(notes)).not.toContain('secret')
  })

  it('warns that an https endpoint goes direct with only HTTP_PROXY', () => {
    const [note] = describeProxy(
      readProxySettings({ HTTP_PROXY: 'http://plain:8080' }),
      CLOUDFRONT,
      '24.11.0'
    )
    expect(note).toEqual({ warning: true, message: expect.stringContaining('Set HTTPS_PROXY') })
  })

  it('says an http endpoint goes through HTTP_PROXY', () => {
    const [note] = describeProxy(
      readProxySettings({ HTTP_PROXY: 'http://plain:8080' }),
      [{ service: 'CloudFront', url: 'http://127.0.0.1:5000' }],
      '24.11.0'
    )
    expect(note?.message).toBe(
      'CloudFront (127.0.0.1:5000) is reached through the proxy http://plain:8080 (HTTP_PROXY).'
    )
  })

  it('says which endpoints NO_PROXY sends direct', () => {
    const [note] = describeProxy(
      readProxySettings({ HTTPS_PROXY: 'http://p:1', no_proxy: '.amazonaws.com' }),
      CLOUDFRONT,
      '24.11.0'
    )
    expect(note).toEqual({ warning: false, message: expect.stringContaining('directly: no_proxy lists it') })
  })

  it('warns on a Node too old to honour the proxy', () => {
    const notes = describeProxy(readProxySettings({ HTTPS_PROXY: 'http://p:1' }), CLOUDFRONT, '24.4.1')
    expect(notes).toEqual([{ warning: true, message: expect.stringContaining('needs Node 24.5 or later') }])
  })

  it.each([
    ['24.4.9', false],
    ['24.5.0', true],
    ['25.0.0', true],
    ['22.20.0', false]
  ])('supportsProxyEnv(%s) is %s', (version, expected) => {
    expect(supportsProxyEnv(version)).toBe(expected)
  })
})
