/** How the action fits a runner's surroundings: proxies of self-hosted runners. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { useEmulator } from './emulator.js'
import { invalidationsOf, runAction } from './harness.js'
import { startProxy, type Proxy } from './proxy.js'

const emulator = useEmulator()
let proxy: Proxy

beforeAll(async () => {
  proxy = await startProxy()
})
afterAll(async () => {
  await proxy?.stop()
})

describe('proxies', () => {
  it('sends AWS calls through the proxy, and says which variable it came from', async () => {
    proxy.seen.length = 0
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/index.html' },
      env: emulator.awsEnv({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url })
    })
    expect(run.code).toBe(0)
    expect(proxy.seen).toEqual([
      expect.stringMatching(
        new RegExp(
          `^POST ${emulator.front.url}/2020-05-31/distribution/${emulator.distributionId}/invalidation$`
        )
      )
    ])
    // The emulator's endpoint is http://, so Node sends it through HTTP_PROXY.
    expect(run.stdout).toContain(
      `CloudFront (${new URL(emulator.front.url).host}) is reached through the proxy ${proxy.url} (HTTP_PROXY).`
    )
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(1)
  })

  it('goes direct to hosts listed in NO_PROXY', async () => {
    proxy.seen.length = 0
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId },
      env: emulator.awsEnv({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' })
    })
    expect(run.code).toBe(0)
    expect(proxy.seen).toEqual([])
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(1)
  })

  it('hides a password in the proxy URL from the log', async () => {
    const withPassword = proxy.url.replace('http://', 'http://deploy:hunter2@')
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId },
      env: emulator.awsEnv({ HTTPS_PROXY: withPassword, HTTP_PROXY: withPassword })
    })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('hunter2')
  })

  it('reads a proxy without a scheme as curl does, and uses it', async () => {
    proxy.seen.length = 0
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/no-scheme.html' },
      env: emulator.awsEnv({ http_proxy: proxy.url.replace('http://', '') })
    })
    expect(run.code).toBe(0)
    expect(proxy.seen).toHaveLength(1)
    expect(run.stdout).toContain(`is reached through the proxy ${proxy.url} (http_proxy).`)
  })

  it('uses the lower-case variable when both are set, as Node does, and names it', async () => {
    proxy.seen.length = 0
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/both.html' },
      env: emulator.awsEnv({ HTTP_PROXY: 'http://127.0.0.1:9', http_proxy: proxy.url })
    })
    expect(run.code).toBe(0)
    expect(proxy.seen).toHaveLength(1)
    expect(run.stdout).toContain(`(http_proxy).`)
  })

  it('fails before any AWS call on a proxy Node cannot use, naming the variable', async () => {
    const before = emulator.front.requests.length
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/socks.html' },
      env: emulator.awsEnv({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' })
    })
    expect(run.code).toBe(1)
    expect(run.errors).toEqual([expect.stringContaining('HTTPS_PROXY: socks5 proxies are not supported')])
    expect(emulator.front.requests.length).toBe(before)
  })
})
