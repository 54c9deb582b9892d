/**
 * verify and invalidation-id, end to end: dist/ run as the runner runs it, against moto behind the
 * FaultFront, and a real local edge (edge.ts) caching a real local origin, which clears what an
 * invalidation names once CloudFront reports it Completed.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront'
import { useEmulator } from './emulator.js'
import { Edge, Origin } from './edge.js'
import { cloudFront, freePort, runAction, type ActionRun } from './harness.js'
import { startProxy } from './proxy.js'

const emulator = useEmulator()
let origin: Origin
let edge: Edge

beforeEach(async () => {
  origin = await new Origin().start()
  edge = await new Edge({
    origin,
    endpoint: emulator.front.url,
    distributionId: emulator.distributionId
  }).start()
})
afterEach(async () => {
  await edge.stop()
  await origin.stop()
})

const HOUR = 3600

/** The step with verify, at the local edge. */
function verifyRun(
  inputs: Record<string, string>,
  extra: { env?: Record<string, string>; files?: Record<string, string> } = {}
) {
  return runAction({
    inputs: { 'distribution-id': emulator.distributionId, verify: 'true', 'verify-url': edge.url, ...inputs },
    env: emulator.awsEnv(extra.env),
    ...(extra.files ? { files: extra.files } : {}),
    timeoutMs: 30_000
  })
}

/** Lines of the log that the runner reads as workflow commands (outside any stop-commands block). */
function commandLines(run: ActionRun): string[] {
  const lines: string[] = []
  let stopped: string | undefined
  for (const line of run.stdout.split('\n')) {
    if (stopped) {
      if (line === `::${stopped}::`) stopped = undefined
      continue
    }
    const stop = /^::stop-commands::(.+)$/.exec(line)
    if (stop) stopped = stop[1]
    else if (line.startsWith('::') || line.includes('##[')) lines.push(line)
  }
  return lines
}

describe('verify', () => {
  it('passes when the edge serves copies fetched after the invalidation, and reports them', async () => {
    origin.put('/index.html', 'v1', { 'cache-control': 'no-cache' }).put('/about.html', 'v1')
    await edge.warm('/index.html', HOUR)
    await edge.warm('/about.html', HOUR)
    origin.put('/index.html', 'v2', { 'cache-control': 'no-cache' }).put('/about.html', 'v2')
    const run = await verifyRun({ paths: '/index.html\n/about.html', 'index-document': '' })
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs.verified).toBe('true')
    expect(run.outputs.status).toBe('Completed')
    expect(run.stdout).toContain(`${emulator.distributionId}: live: 2 URLs served fresh from the origin`)
    expect(run.summary).toContain('### Verified as a visitor gets it')
    expect(run.summary).toMatch(
      /\| `\/index\.html` \| ✅ live \| 200 \| `(Miss|RefreshHit) from cloudfront` \|/
    )
    // As a browser: GET, no credentials or cookies.
    const sent = edge.requests.find(request => request.path === '/about.html')
    expect(sent?.headers.authorization).toBeUndefined()
    expect(sent?.headers.cookie).toBeUndefined()
    expect(sent?.headers['user-agent']).toMatch(/cloudfront-invalidate-action/)
  })

  it('fails on a stale copy the invalidation did not reach (a function rewrites the URI), with outputs set', async () => {
    // A viewer-request function serves /docs/ from /docs/index.html: that is the cache key.
    edge.rewrite = uri => (uri.endsWith('/') ? `${uri}index.html` : uri)
    origin.put('/docs/index.html', 'v1')
    await edge.warm('/docs/', 2 * HOUR)
    origin.put('/docs/index.html', 'v2')
    const run = await verifyRun({ paths: '/docs/', 'index-document': '' })
    expect(run.code).toBe(1)
    expect(run.outputs.verified).toBe('false')
    expect(run.outputs['invalidation-id']).toMatch(/\w+/)
    expect(run.outputs.status).toBe('Completed')
    const stale = run.errors.find(error => error.includes('is stale'))
    expect(stale).toContain(`${edge.url}/docs/ is stale`)
    expect(stale).toMatch(/cached 2 h before invalidation \w+ was created/)
    expect(stale).toContain('viewer-request CloudFront Function or Lambda@Edge rewriting the URI')
    expect(run.errors.at(-1)).toContain('verify: 1 stale URL on')
    expect(run.summary).toContain('❌ stale')
  })

  it('warns when browsers may keep a changed URL for longer than an hour, and still passes', async () => {
    origin.put('/app.css', 'v2', { 'cache-control': 'public, max-age=86400' })
    const run = await verifyRun({ paths: '/app.css' })
    expect(run.code).toBe(0)
    expect(run.outputs.verified).toBe('true')
    const warning = run.stdout.split('\n').find(line => line.startsWith('::warning::verify:'))
    expect(warning).toContain(`${edge.url}/app.css lets browsers keep it for 1 d (max-age=86400), over 1 h`)
    expect(run.summary).toContain('⚠️ 1 d')
  })

  it('fails, naming the URL, the status and how to turn verify off, on a 403', async () => {
    origin.put('/private.html', 'AccessDenied', {}, 403)
    const run = await verifyRun({ paths: '/private.html' })
    expect(run.code).toBe(1)
    expect(run.outputs.verified).toBe('false')
    expect(run.errors.find(error => error.includes('could not be checked'))).toContain(
      `${edge.url}/private.html could not be checked: 403 Forbidden`
    )
    expect(run.errors.at(-1)).toContain('set verify: false to skip verifying')
  })

  it('fails on a refused connection', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const run = await verifyRun({ paths: '/a.html', 'verify-url': closed })
    expect(run.code).toBe(1)
    expect(run.errors.join('\n')).toContain(
      `${closed}/a.html could not be checked: the connection was refused`
    )
  })

  it('fails when the site does not answer by wait-timeout', async () => {
    origin.put('/slow.html', 'v2')
    edge.hang.add('/slow.html')
    const run = await verifyRun({ paths: '/slow.html', 'wait-timeout': '3' })
    expect(run.code).toBe(1)
    expect(run.errors.join('\n')).toContain(`${edge.url}/slow.html could not be checked: no answer in time`)
    expect(run.outputs.status).toBe('Completed')
  })

  it('judges a deleted file live when the origin now answers 404', async () => {
    origin.put('/old.html', 'v1')
    await edge.warm('/old.html', HOUR)
    origin.delete('/old.html')
    const run = await verifyRun({ paths: '/old.html' })
    expect(run.errors).toEqual([])
    expect(run.outputs.verified).toBe('true')
    expect(run.summary).toMatch(/\| `\/old\.html` \| ✅ live \| 404 \| `Error from cloudfront` \|/)
  })

  it('judges a redirect as served, and never follows it', async () => {
    const elsewhere = await new Origin().start()
    try {
      origin.put('/moved.html', '', { location: `${elsewhere.url}/new.html` }, 301)
      const run = await verifyRun({ paths: '/moved.html' })
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('a redirect, judged as served')
      expect(elsewhere.seen).toEqual([])
    } finally {
      await elsewhere.stop()
    }
  })

  it('checks a spread sample of 100 of 500 changed files compacted into a wildcard, saying so', async () => {
    origin.prefixes.push({ prefix: '/p/', make: () => ({ status: 200, body: 'v2', headers: {} }) })
    const files = Array.from({ length: 500 }, (_, i) => `/p/${i}.html`).join('\n')
    const run = await verifyRun({ 'paths-file': 'changed.txt' }, { files: { 'changed.txt': files } })
    expect(run.errors).toEqual([])
    expect(run.stdout).toContain('Verifying 100 of 500 changed URLs (a sample spread over the list)')
    expect(run.outputs.verified).toBe('true')
    expect(new Set(edge.requests.map(request => request.path)).size).toBe(100)
  })

  it('goes through HTTP_PROXY as the AWS calls do', async () => {
    const proxy = await startProxy()
    try {
      origin.put('/index.html', 'v2')
      const port = new URL(edge.url).port
      const run = await verifyRun(
        { paths: '/index.html', 'verify-url': `http://localhost:${port}`, 'index-document': '' },
        { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } }
      )
      expect(run.errors).toEqual([])
      expect(proxy.seen).toContain(`GET http://localhost:${port}/index.html`)
    } finally {
      await proxy.stop()
    }
  })

  it('prints header text that tries workflow commands as plain text only, and escapes it in the summary', async () => {
    origin.put('/evil.html', 'v2')
    edge.extraHeaders.set('/evil.html', { 'x-cache': '::error::pwned ##[error]pwned | <b>x</b>' })
    const run = await verifyRun({ paths: '/evil.html' })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('::error::pwned')
    expect(commandLines(run).filter(line => line.includes('pwned'))).toEqual([])
    expect(run.errors.join('\n')).not.toContain('pwned')
    expect(run.summary).toContain('`::error::pwned ##[error]pwned \\| <b>x</b>`')
    // Only inside that code span, where GitHub shows it as text.
    expect(run.summary.split('<b>')).toHaveLength(2)
  })
})

describe('invalidation-id', () => {
  it('waits on an invalidation made earlier, creates nothing, and verifies its own paths', async () => {
    origin.put('/index.html', 'v1')
    await edge.warm('/index.html', HOUR)
    origin.put('/index.html', 'v2')
    const client = cloudFront(emulator.front.url)
    const made = await client.send(
      new CreateInvalidationCommand({
        DistributionId: emulator.distributionId,
        InvalidationBatch: {
          CallerReference: `deploy-${Date.now()}`,
          Paths: { Quantity: 1, Items: ['/index.html'] }
        }
      })
    )
    client.destroy()
    const id = made.Invalidation?.Id ?? ''
    emulator.front.requests.length = 0
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'invalidation-id': id,
        verify: 'true',
        'verify-url': edge.url
      },
      env: emulator.awsEnv(),
      timeoutMs: 30_000
    })
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(emulator.front.calls('CreateInvalidation')).toEqual([])
    expect(run.outputs['invalidation-id']).toBe(id)
    expect(run.outputs.status).toBe('Completed')
    expect(run.outputs.verified).toBe('true')
    expect(run.stdout).toContain(`Invalidation ${id} on ${emulator.distributionId} was made earlier`)
    expect(edge.requests.map(request => request.path)).toContain('/index.html')
  })

  it('refuses several targets, naming the inputs', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': `${emulator.distributionId},E2QWRUHAPOMQZL`,
        'invalidation-id': 'I2J0I21PCUYOIK'
      },
      env: emulator.awsEnv()
    })
    expect(run.code).toBe(1)
    expect(run.errors[0]).toContain(
      'invalidation-id: I2J0I21PCUYOIK is an invalidation of one distribution or tenant'
    )
  })
})
