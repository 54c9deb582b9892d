/**
 * verify and invalidation-id, end to end: dist/ run as the runner runs it, against moto behind the
 * FaultFront, and a real local edge (edge.ts) caching a real origin (a local server, or a bucket in moto's
 * S3), which clears what an invalidation names when CloudFront reports it. The edge answers as CloudFront
 * does (see the evidence in edge.ts and __fixtures__/cloudfront-answers.ts): a hit keeps the origin's Date
 * from its fetch and adds Age.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront'
import { useEmulator } from './emulator.js'
import {
  BROWSER_ACCEPT_ENCODING,
  Edge,
  Origin,
  S3Origin,
  setDateRemoveAge,
  type EdgeOptions,
  type S3OriginOptions
} from './edge.js'
import { cloudFront, freePort, runAction, type ActionRun } from './harness.js'
import { startProxy } from './proxy.js'

const emulator = useEmulator()
let origin: Origin
let edge: Edge
const edges: Edge[] = []
const s3Origins: S3Origin[] = []

beforeEach(async () => {
  origin = await new Origin().start()
  edge = await startEdge()
})
afterEach(async () => {
  for (const started of edges.splice(0)) await started.stop()
  for (const s3 of s3Origins.splice(0)) s3.stop()
  await origin.stop()
})

const HOUR = 3600
/** The bucket the distribution serves (createDistribution's origin is site.s3.amazonaws.com). */
const BUCKET = 'site'

/** An edge of the test's distribution, on the local origin unless told. */
async function startEdge(options: Partial<EdgeOptions> = {}): Promise<Edge> {
  const started = await new Edge({
    origin,
    endpoint: emulator.front.url,
    distributionId: emulator.distributionId,
    ...options
  }).start()
  edges.push(started)
  return started
}

/** The site's bucket in moto's S3, as the edge's origin. */
async function startS3(options: Partial<S3OriginOptions> = {}): Promise<S3Origin> {
  const s3 = await new S3Origin({ endpoint: emulator.moto.url, bucket: BUCKET, ...options }).start()
  s3Origins.push(s3)
  return s3
}

/** The step with verify, at the edge (the default one unless told). */
function verifyRun(
  inputs: Record<string, string>,
  extra: { env?: Record<string, string>; files?: Record<string, string>; at?: Edge } = {}
) {
  return runAction({
    inputs: {
      'distribution-id': emulator.distributionId,
      verify: 'true',
      'verify-url': (extra.at ?? edge).url,
      ...inputs
    },
    env: emulator.awsEnv(extra.env),
    ...(extra.files ? { files: extra.files } : {}),
    timeoutMs: 30_000
  })
}

/** The action's S3 calls (HeadObject of the changed keys) go to moto. */
function s3Env(): Record<string, string> {
  return { AWS_ENDPOINT_URL_S3: emulator.moto.url }
}

/** The summary's row for a path, from its start to the verdict. */
function row(path: string, verdict: '✅ live' | '❌ stale' | '⚠️ not checkable'): string {
  return `| \`${path}\` | ${verdict} |`
}

/** The log lines about one URL of the site. */
function linesAbout(run: ActionRun, url: string): string {
  return run.stdout
    .split('\n')
    .filter(line => line.includes(url))
    .join('\n')
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise(done => setTimeout(done, 20))
  }
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
    const stale = run.errors.find(error => error.includes(`${edge.url}/docs/`)) ?? ''
    // The copy's Date is its fetch, 2 h before; its Age (2 h too) is not taken off again.
    expect(stale).toMatch(/\b2 h\b/)
    expect(stale).not.toMatch(/\b4 h\b/)
    expect(stale).toMatch(/rewrit/i)
    expect(linesAbout(run, `${edge.url}/docs/`)).toContain('judged by Date')
    expect(run.summary).toContain(row('/docs/', '❌ stale'))
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

  it('fails, naming the URL, the status and how to turn verify off, on a 403 that is not S3’s', async () => {
    // A 403 of the site's own (a WAF rule, a signed-URL check): nothing says which copy is cached.
    origin.put('/private.html', 'AccessDenied', {}, 403)
    const run = await verifyRun({ paths: '/private.html' })
    expect(run.code).toBe(1)
    expect(run.outputs.verified).toBe('false')
    const error = run.errors.find(line => line.includes(`${edge.url}/private.html`)) ?? ''
    expect(error).toContain('403')
    expect(run.errors.at(-1)).toContain('verify: false')
    expect(run.summary).toContain(row('/private.html', '⚠️ not checkable'))
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
    expect(run.errors.join('\n')).toContain(
      `${edge.url}/slow.html could not be checked: not answered before wait-timeout`
    )
    // The advice that fits: raise wait-timeout; nothing about letting the runner through.
    expect(run.errors.at(-1)).toContain('raise wait-timeout')
    expect(run.errors.join('\n')).not.toContain('WAF')
    expect(run.outputs.status).toBe('Completed')
  })

  it('cut short by a cancelled job, fails with one error that says so, and no advice that does not fit', async () => {
    origin.put('/slow.html', 'v2')
    edge.hang.add('/slow.html')
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        verify: 'true',
        'verify-url': edge.url,
        paths: '/slow.html'
      },
      env: emulator.awsEnv(),
      timeoutMs: 30_000,
      signalWhen: { pattern: /Verifying 1 changed URL/, signal: 'SIGINT' }
    })
    expect(run.code).toBe(1)
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^The job was cancelled \(SIGINT\) while verifying: no URL was checked\. The invalidation itself was not affected/
      )
    ])
    expect(run.stdout).not.toMatch(/WAF|go on in CloudFront/)
    // Within 2 s of the signal (the runner sends SIGTERM 7.5 s after SIGINT); cancel.test.ts times the rest.
    expect(run.stopMs).toBeLessThan(2_000)
    process.stdout.write(`invalidate action, verifying: stopped ${run.stopMs} ms after SIGINT\n`)
    expect(run.outputs.verified).toBe('false')
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

describe('verify, as CloudFront answers', () => {
  /** A text file CloudFront compresses (over 1,000 bytes), one version of it. */
  const script = (version: string) => `console.log('${version}');\n`.repeat(60)

  it('passes a busy site: visitors refilled the nearest location before Completed, so verify gets a hit with Age', async () => {
    // The nearest location clears first; visitors re-fetch / and /index.html there at once. Verify, asking
    // after Completed, gets a hit fetched just after the invalidation was created, with an Age of the
    // seconds since (7 here, tens in real deployments): live by its Date, which is the fetch's.
    origin.put('/', 'v1').put('/index.html', 'v1')
    const busy = await startEdge({ earlyClear: true })
    await busy.warm('/', HOUR)
    await busy.warm('/index.html', HOUR)
    origin.put('/', 'v2').put('/index.html', 'v2')
    emulator.front.holdInProgress(7000)
    const visitors = busy.visitors(['/', '/index.html'], 200)
    const run = await verifyRun({ paths: '/index.html' }, { at: busy })
    await visitors.stop()
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs.verified).toBe('true')
    expect(run.summary).toContain(`${row('/index.html', '✅ live')} 200 | \`Hit from cloudfront\` |`)
    expect(run.summary).toContain(`${row('/', '✅ live')} 200 | \`Hit from cloudfront\` |`)
    expect(linesAbout(run, `${busy.url}/index.html`)).toContain('judged by Date')
  })

  describe('a deleted file', () => {
    it.each([
      {
        what: 'behind origin access control without s3:ListBucket: S3 answers 403 AccessDenied',
        listBucket: false,
        line: `delete: s3://${BUCKET}/old.html`,
        status: 403
      },
      {
        what: 'when the reader may list the bucket: S3 answers 404',
        listBucket: true,
        line: `delete: s3://${BUCKET}/old.html`,
        status: 404
      },
      {
        what: 'given as an S3 URI the bucket no longer holds (HeadObject: 404), behind OAC: 403',
        listBucket: false,
        line: `s3://${BUCKET}/old.html`,
        status: 403
      }
    ])('is live $what', async ({ listBucket, line, status }) => {
      const s3 = await startS3({ listBucket })
      await s3.put('old.html', '<p>old</p>')
      const site = await startEdge({ origin: s3 })
      await site.warm('/old.html', HOUR)
      await s3.delete('old.html')
      const run = await verifyRun({ paths: line }, { env: s3Env(), at: site })
      expect(run.errors).toEqual([])
      expect(run.code).toBe(0)
      expect(run.outputs.verified).toBe('true')
      expect(run.summary).toContain(`${row('/old.html', '✅ live')} ${status} | \`Error from cloudfront\` |`)
    })
  })

  it('passes a changed index document on an S3 REST origin, whose directory URL the origin does not serve', async () => {
    // index-document (index.html by default) adds /docs/ for docs/index.html; a REST origin behind OAC
    // answers that key-less URL with S3's 403, so nothing is cached there to be stale.
    const s3 = await startS3({ listBucket: false })
    await s3.put('docs/index.html', '<p>v1</p>')
    const site = await startEdge({ origin: s3 })
    await site.warm('/docs/index.html', HOUR)
    await s3.put('docs/index.html', '<p>v2</p>')
    const run = await verifyRun(
      { paths: `upload: ./docs/index.html to s3://${BUCKET}/docs/index.html` },
      { env: s3Env(), at: site }
    )
    expect(run.errors).toEqual([])
    expect(run.outputs.verified).toBe('true')
    expect(run.summary).toContain(row('/docs/index.html', '✅ live'))
    expect(run.summary).toContain(row('/docs/', '✅ live'))
    expect(linesAbout(run, `${site.url}/docs/`)).toContain('a directory URL the origin does not serve')
  })

  describe('answers CloudFront makes itself, which say nothing of the cache', () => {
    it('is not checkable at an http:// address that CloudFront redirects to https', async () => {
      origin.put('/page.html', 'v2')
      const site = await startEdge({ viewerProtocolPolicy: 'redirect-to-https' })
      const run = await verifyRun({ paths: '/page.html' }, { at: site })
      expect(run.code).toBe(1)
      expect(run.outputs.verified).toBe('false')
      expect(run.summary).toContain(row('/page.html', '⚠️ not checkable'))
      expect(run.errors.find(error => error.includes(`${site.url}/page.html`))).toMatch(/https/)
      expect(origin.seen).toEqual([])
    })

    it.each([
      { what: 'a viewer-request function', answers: 'functionAnswers' as const },
      { what: 'Lambda@Edge', answers: 'lambdaAnswers' as const }
    ])('is not checkable when $what answers the URL', async ({ answers }) => {
      origin.put('/old-page', 'v2')
      edge[answers].set('/old-page', { status: 301, headers: { location: '/new-page' } })
      const run = await verifyRun({ paths: '/old-page' })
      expect(run.code).toBe(1)
      expect(run.outputs.verified).toBe('false')
      expect(run.summary).toContain(row('/old-page', '⚠️ not checkable'))
      expect(origin.seen).toEqual([])
    })
  })

  describe('a single-page app whose custom error responses answer 403 with /index.html and 200', () => {
    async function spa(): Promise<{ s3: S3Origin; site: Edge }> {
      const s3 = await startS3({ listBucket: false })
      await s3.put('index.html', '<div id="app"></div>')
      const site = await startEdge({
        origin: s3,
        customErrorResponses: [
          { errorCode: 403, responsePagePath: '/index.html', responseCode: 200 },
          { errorCode: 404, responsePagePath: '/index.html', responseCode: 200 }
        ]
      })
      return { s3, site }
    }

    it('cannot check a changed file the bucket lacks: the error page answers for it', async () => {
      const { site } = await spa()
      const run = await verifyRun({ paths: '/missing.js', 'index-document': '' }, { at: site })
      expect(run.code).toBe(1)
      expect(run.outputs.verified).toBe('false')
      expect(run.summary).toContain(
        `${row('/missing.js', '⚠️ not checkable')} 200 | \`Error from cloudfront\` |`
      )
    })

    it('judges a deleted file live when the error page answers for it', async () => {
      const { s3, site } = await spa()
      await s3.put('old.html', '<p>old</p>')
      await site.warm('/old.html', HOUR)
      await s3.delete('old.html')
      const run = await verifyRun({ paths: `delete: s3://${BUCKET}/old.html` }, { env: s3Env(), at: site })
      expect(run.errors).toEqual([])
      expect(run.code).toBe(0)
      expect(run.outputs.verified).toBe('true')
      expect(run.summary).toContain(`${row('/old.html', '✅ live')} 200 | \`Error from cloudfront\` |`)
    })
  })

  /**
   * A deploy that invalidates before its upload ends: the nearest location clears at once, a visitor
   * re-fetches the old bytes, and then the new ones land in the bucket. The copy at the edge was fetched
   * after the invalidation was created, yet is not what the bucket holds.
   */
  async function raceUpload(
    s3: S3Origin,
    site: Edge,
    key: string,
    next: string | undefined,
    inputs: Record<string, string>
  ): Promise<{ run: ActionRun; etag: string; held: string }> {
    emulator.front.holdInProgress(3000)
    const visitors = site.visitors([`/${key}`], 100)
    const fetched = s3.seen.length
    const running = verifyRun(inputs, { env: s3Env(), at: site })
    await until(() => s3.seen.length > fetched)
    // The re-fetch is under way: the new bytes land only once the edge holds the old ones again (a put
    // before the edge's GetObject ended would give it the new bytes on a loaded machine).
    await until(() => site.cache.has(`/${key}`))
    if (next !== undefined) await s3.put(key, next)
    const run = await running
    await visitors.stop()
    // What the edge serves now, and what the bucket holds: the facts the verdict rests on.
    const answer = await fetch(`${site.url}/${key}`, {
      headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING }
    })
    const etag = answer.headers.get('etag') ?? ''
    await answer.arrayBuffer()
    return { run, etag, held: (await s3.etag(key)) ?? '' }
  }

  describe('a viewer-response function that sets Date to now and removes Age (a stale hit looks fresh)', () => {
    it('is not checkable for a file given as a URL path: a hit without Age, and no bucket to compare', async () => {
      edge.viewerResponse = setDateRemoveAge
      edge.rewrite = uri => (uri.endsWith('/') ? `${uri}index.html` : uri)
      origin.put('/docs/index.html', 'v1')
      await edge.warm('/docs/', 2 * HOUR)
      origin.put('/docs/index.html', 'v2')
      const run = await verifyRun({ paths: '/docs/', 'index-document': '' })
      expect(run.code).toBe(1)
      expect(run.outputs.verified).toBe('false')
      expect(run.summary).toContain(`${row('/docs/', '⚠️ not checkable')} 200 | \`Hit from cloudfront\` |`)
    })

    it('is stale for a file given as an S3 URI when the edge serves other bytes than the bucket holds', async () => {
      const s3 = await startS3()
      await s3.put('page.html', '<p>v1</p>')
      const site = await startEdge({ origin: s3, earlyClear: true })
      site.viewerResponse = setDateRemoveAge
      await site.warm('/page.html', 2 * HOUR)
      const { run, etag, held } = await raceUpload(s3, site, 'page.html', '<p>v2</p>', {
        paths: `s3://${BUCKET}/page.html`
      })
      // The double's part: the edge serves other bytes than the bucket holds.
      expect(etag).toMatch(/^"/)
      expect(etag).not.toBe(held)
      expect(run.code).toBe(1)
      expect(run.outputs.verified).toBe('false')
      expect(run.summary).toContain(row('/page.html', '❌ stale'))
      const stale = run.errors.find(error => error.includes(`${site.url}/page.html`)) ?? ''
      expect(stale).toContain('ETag')
      expect(stale).toContain('bucket')
      expect(linesAbout(run, `${site.url}/page.html`)).toContain('judged by ETag')
    })

    it('is live for a file given as an S3 URI when the edge’s ETag is the bucket’s', async () => {
      const s3 = await startS3()
      await s3.put('page.html', '<p>v1</p>')
      const site = await startEdge({ origin: s3, earlyClear: true })
      site.viewerResponse = setDateRemoveAge
      await site.warm('/page.html', 2 * HOUR)
      const { run, etag, held } = await raceUpload(s3, site, 'page.html', undefined, {
        paths: `s3://${BUCKET}/page.html`
      })
      // The double's part: the edge serves the bytes the bucket holds.
      expect(etag).toBe(held)
      expect(run.errors).toEqual([])
      expect(run.outputs.verified).toBe('true')
      expect(run.summary).toContain(row('/page.html', '✅ live'))
      expect(linesAbout(run, `${site.url}/page.html`)).toContain('judged by ETag')
    })
  })

  describe('a compressed answer, whose ETag CloudFront turned weak', () => {
    it('is live by its ETag, the bucket’s, though S3’s clock puts its Date before the invalidation', async () => {
      // S3's clock 10 min behind the API's: by the clocks the copy would be stale, by its bytes it is new.
      const s3 = await startS3({ skewMs: -600_000 })
      await s3.put('app.js', script('v1'))
      const site = await startEdge({ origin: s3, earlyClear: true })
      await site.warm('/app.js', HOUR)
      await s3.put('app.js', script('v2'))
      const { run, etag, held } = await raceUpload(s3, site, 'app.js', undefined, {
        paths: `upload: ./app.js to s3://${BUCKET}/app.js`
      })
      // The double's part: the edge serves the bytes the bucket holds, compressed, so a weak ETag.
      expect(etag).toBe(`W/${held}`)
      expect(run.errors).toEqual([])
      expect(run.code).toBe(0)
      expect(run.outputs.verified).toBe('true')
      expect(run.summary).toContain(`${row('/app.js', '✅ live')} 200 | \`Hit from cloudfront\` |`)
      expect(linesAbout(run, `${site.url}/app.js`)).toContain('judged by ETag')
    })

    it('is stale when its ETag is an older one than the bucket’s, saying the edge serves other bytes', async () => {
      const s3 = await startS3()
      await s3.put('app.js', script('v1'))
      const site = await startEdge({ origin: s3, earlyClear: true })
      await site.warm('/app.js', HOUR)
      const { run, etag, held } = await raceUpload(s3, site, 'app.js', script('v2'), {
        paths: `upload: ./app.js to s3://${BUCKET}/app.js`
      })
      // The double's part: the edge serves other bytes than the bucket holds, compressed.
      expect(etag).toMatch(/^W\/"/)
      expect(etag).not.toBe(`W/${held}`)
      expect(run.code).toBe(1)
      expect(run.outputs.verified).toBe('false')
      expect(run.summary).toContain(row('/app.js', '❌ stale'))
      const stale = run.errors.find(error => error.includes(`${site.url}/app.js`)) ?? ''
      expect(stale).toContain('ETag')
      expect(stale).toContain('bucket')
      expect(linesAbout(run, `${site.url}/app.js`)).toContain('judged by ETag')
    })
  })

  it('judges a hit whose answer has two Date headers (a proxy in front), not calling its Date invalid', async () => {
    origin.put('/a.html', 'v1')
    const site = await startEdge({ earlyClear: true })
    await site.warm('/a.html', HOUR)
    origin.put('/a.html', 'v2')
    site.doubleDate.add('/a.html')
    emulator.front.holdInProgress(2000)
    const visitors = site.visitors(['/a.html'], 100)
    const run = await verifyRun({ paths: '/a.html' }, { at: site })
    await visitors.stop()
    expect(run.errors).toEqual([])
    expect(run.outputs.verified).toBe('true')
    expect(run.summary).toContain(`${row('/a.html', '✅ live')} 200 | \`Hit from cloudfront\` |`)
    expect(run.stdout).not.toMatch(/no valid Date/i)
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
