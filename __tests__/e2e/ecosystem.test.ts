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
  it('sends AWS calls through HTTPS_PROXY / HTTP_PROXY and says so', async () => {
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
    expect(run.stdout).toContain(`AWS requests go through the proxy ${proxy.url} (HTTPS_PROXY`)
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
})
