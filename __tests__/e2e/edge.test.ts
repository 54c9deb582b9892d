/**
 * The edge double itself (edge.ts), requested with node:http as a browser would, apart from the action:
 * each behaviour a verdict depends on answers as the captures in __fixtures__/cloudfront-answers.ts show.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { request as httpRequest } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront'
import { capturedAnswer } from '../../__fixtures__/cloudfront-answers.js'
import { useEmulator } from './emulator.js'
import {
  BROWSER_ACCEPT_ENCODING,
  Edge,
  Origin,
  S3Origin,
  setDateRemoveAge,
  type EdgeOptions
} from './edge.js'
import { cloudFront } from './harness.js'

const emulator = useEmulator()
let origin: Origin
const edges: Edge[] = []
const s3Origins: S3Origin[] = []

beforeEach(async () => {
  origin = await new Origin().start()
})
afterEach(async () => {
  for (const edge of edges.splice(0)) await edge.stop()
  for (const s3 of s3Origins.splice(0)) s3.stop()
  await origin.stop()
})

async function startEdge(options: Partial<EdgeOptions> = {}): Promise<Edge> {
  const edge = await new Edge({
    origin,
    endpoint: emulator.front.url,
    distributionId: emulator.distributionId,
    ...options
  }).start()
  edges.push(edge)
  return edge
}

async function startS3(listBucket: boolean): Promise<S3Origin> {
  const s3 = await new S3Origin({ endpoint: emulator.moto.url, bucket: 'site', listBucket }).start()
  s3Origins.push(s3)
  return s3
}

interface Got {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** Header lines as sent, name and value, in order. */
  raw: string[]
  body: Buffer
}

function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, response => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          raw: response.rawHeaders,
          body: Buffer.concat(chunks)
        })
      })
    })
    request.on('error', reject)
    request.end()
  })
}

const HTTP_DATE = /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/

/** Seconds between an HTTP-date and now (positive: in the past). */
function secondsAgo(date: unknown): number {
  return (Date.now() - Date.parse(String(date))) / 1000
}

describe('the edge double', () => {
  it('answers a miss with the origin’s Date and no Age, and a hit with the fetch’s Date and its Age', async () => {
    // As captured: s3-miss-2013 and s3-hit-2013 share one Date, the hit adds Age.
    expect(capturedAnswer('s3-hit-2013').headers.date).toBe(capturedAnswer('s3-miss-2013').headers.date)
    origin.skewMs = -120_000
    origin.put('/a.html', 'v1').put('/b.html', 'v1')
    const edge = await startEdge()
    const miss = await get(`${edge.url}/a.html`)
    expect(miss.headers['x-cache']).toBe('Miss from cloudfront')
    expect(miss.headers.age).toBeUndefined()
    // The origin's clock, two minutes behind the runner's: not the edge's.
    expect(secondsAgo(miss.headers.date)).toBeGreaterThan(115)
    const hit = await get(`${edge.url}/a.html`)
    expect(hit.headers['x-cache']).toBe('Hit from cloudfront')
    expect(hit.headers.date).toBe(miss.headers.date)
    expect(hit.headers.age).toMatch(/^\d+$/)

    // A copy fetched an hour ago: its Date is the origin's then, and Age the hour.
    await edge.warm('/b.html', 3600)
    const old = await get(`${edge.url}/b.html`, { 'accept-encoding': BROWSER_ACCEPT_ENCODING })
    expect(old.headers['x-cache']).toBe('Hit from cloudfront')
    expect(Number(old.headers.age)).toBeGreaterThanOrEqual(3600)
    expect(Number(old.headers.age)).toBeLessThan(3603)
    expect(secondsAgo(old.headers.date)).toBeGreaterThan(3600 + 115)
  })

  it('refreshes an expired copy the origin still holds: RefreshHit, the Date kept, Age from the fetch', async () => {
    origin.put('/short.html', 'v1', { 'cache-control': 'max-age=1' })
    const edge = await startEdge()
    await edge.warm('/short.html', 30)
    const refreshed = await get(`${edge.url}/short.html`, { 'accept-encoding': BROWSER_ACCEPT_ENCODING })
    expect(refreshed.headers['x-cache']).toBe('RefreshHit from cloudfront')
    expect(Number(refreshed.headers.age)).toBeGreaterThanOrEqual(30)
    expect(secondsAgo(refreshed.headers.date)).toBeGreaterThan(29)
    // A changed object is a miss.
    origin.put('/short.html', 'v2', { 'cache-control': 'max-age=1' })
    await edge.warm('/short.html', 30)
    origin.put('/short.html', 'v3', { 'cache-control': 'max-age=1' })
    const changed = await get(`${edge.url}/short.html`, { 'accept-encoding': BROWSER_ACCEPT_ENCODING })
    expect(changed.headers['x-cache']).toBe('Miss from cloudfront')
    expect(changed.body.toString()).toBe('v3')
  })

  it('serves a cached error as an Error with an Age', async () => {
    const edge = await startEdge()
    await edge.warm('/gone.html', 3)
    const cached = await get(`${edge.url}/gone.html`, { 'accept-encoding': BROWSER_ACCEPT_ENCODING })
    expect(cached.status).toBe(404)
    expect(cached.headers['x-cache']).toBe('Error from cloudfront')
    expect(Number(cached.headers.age)).toBeGreaterThanOrEqual(3)
  })

  it('redirects http to https itself under redirect-to-https: 301, its own Date, no Age', async () => {
    origin.put('/page.html', 'v1')
    const edge = await startEdge({ viewerProtocolPolicy: 'redirect-to-https' })
    const got = await get(`${edge.url}/page.html`)
    const captured = capturedAnswer('redirect-to-https-2025')
    expect(got.status).toBe(captured.status)
    expect(got.headers.location).toBe(`https://${new URL(edge.url).host}/page.html`)
    expect(got.headers['x-cache']).toBe(captured.headers['x-cache'])
    expect(got.headers.server).toBe('CloudFront')
    expect(got.headers['content-length']).toBe(captured.headers['content-length'])
    expect(got.headers.age).toBeUndefined()
    expect(Math.abs(secondsAgo(got.headers.date))).toBeLessThan(3)
    expect(origin.seen).toEqual([])
  })

  it('answers for a viewer-request function or Lambda@Edge without cache or origin', async () => {
    const edge = await startEdge()
    edge.functionAnswers.set('/fn', { status: 302, headers: { location: 'https://example.com/' } })
    edge.lambdaAnswers.set('/lambda', { status: 200, body: 'made at the edge' })
    const fn = await get(`${edge.url}/fn`)
    expect(fn.status).toBe(302)
    expect(fn.headers['x-cache']).toBe(capturedAnswer('function-generated-2021').headers['x-cache'])
    expect(fn.headers.age).toBeUndefined()
    const lambda = await get(`${edge.url}/lambda`)
    expect(lambda.headers['x-cache']).toBe(capturedAnswer('lambda-generated-2021').headers['x-cache'])
    expect(lambda.body.toString()).toBe('made at the edge')
    expect(Math.abs(secondsAgo(lambda.headers.date))).toBeLessThan(3)
    expect(origin.seen).toEqual([])
  })

  it('compresses what CloudFront compresses, and turns a strong ETag weak with the same value inside', async () => {
    const text = 'console.log("a changed file");\n'.repeat(40)
    origin.put('/app.js', text).put('/tiny.js', 'x()').put('/logo.png', text)
    const edge = await startEdge()
    const strong = origin.objects.get('/app.js')?.headers.etag ?? ''
    const gzip = await get(`${edge.url}/app.js`, { 'accept-encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gzip.headers.etag).toBe(`W/${strong}`)
    expect(gunzipSync(gzip.body).toString()).toBe(text)
    // Brotli when the viewer takes both; nothing for a viewer that takes neither.
    const both = await get(`${edge.url}/app.js`, { 'accept-encoding': BROWSER_ACCEPT_ENCODING })
    expect(both.headers['content-encoding']).toBe('br')
    expect(both.headers.etag).toBe(`W/${strong}`)
    const plain = await get(`${edge.url}/app.js`)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.etag).toBe(strong)
    // Under 1,000 bytes, or a type CloudFront does not compress: as the origin sent it.
    expect((await get(`${edge.url}/tiny.js`, { 'accept-encoding': 'gzip' })).headers.etag).toMatch(/^"/)
    expect((await get(`${edge.url}/logo.png`, { 'accept-encoding': 'gzip' })).headers.etag).toMatch(/^"/)
    // Each Accept-Encoding is a cache entry of its own: the first request of each was a miss.
    expect(gzip.headers['x-cache']).toBe('Miss from cloudfront')
    expect(both.headers['x-cache']).toBe('Miss from cloudfront')
  })

  it('passes on S3’s answers: the bucket’s ETag, and a 403 AccessDenied for a missing key without ListBucket', async () => {
    const s3 = await startS3(false)
    await s3.put('a.html', '<p>v1</p>')
    const edge = await startEdge({ origin: s3 })
    const got = await get(`${edge.url}/a.html`)
    expect(got.headers.etag).toBe(await s3.etag('a.html'))
    expect(got.headers.server).toBe('AmazonS3')
    expect(got.headers['content-type']).toBe('text/html')
    expect(got.headers.date).toMatch(HTTP_DATE)

    const missing = await get(`${edge.url}/old.html`)
    const captured = capturedAnswer('s3-403-missing-key-2025')
    expect(missing.status).toBe(captured.status)
    expect(missing.headers.server).toBe(captured.headers.server)
    expect(missing.headers['content-type']).toBe(captured.headers['content-type'])
    expect(missing.headers['x-cache']).toBe(captured.headers['x-cache'])
    expect(missing.body.toString()).toContain('<Code>AccessDenied</Code>')
    expect(s3.seen).toEqual(['a.html', 'old.html'])
  })

  it('passes on S3’s 404 NoSuchKey when the reader may list the bucket, under the origin path', async () => {
    const s3 = await new S3Origin({ endpoint: emulator.moto.url, bucket: 'site', originPath: '/www' }).start()
    s3Origins.push(s3)
    await s3.put('www/a b.html', 'v1')
    const edge = await startEdge({ origin: s3 })
    expect((await get(`${edge.url}/a%20b.html`)).body.toString()).toBe('v1')
    const missing = await get(`${edge.url}/old.html`)
    expect(missing.status).toBe(404)
    expect(missing.body.toString()).toContain('<Code>NoSuchKey</Code>')
    expect(s3.seen).toEqual(['www/a b.html', 'www/old.html'])
  })

  it('answers a custom error response with the page, its status, and X-Cache Error', async () => {
    origin.put('/index.html', '<div id="app"></div>')
    const edge = await startEdge({
      customErrorResponses: [{ errorCode: 404, responsePagePath: '/index.html', responseCode: 200 }]
    })
    const got = await get(`${edge.url}/missing.js`)
    expect(got.status).toBe(200)
    expect(got.body.toString()).toBe('<div id="app"></div>')
    expect(got.headers['x-cache']).toBe('Error from cloudfront')
  })

  it('clears an invalidation at Completed, or as soon as it is listed with earlyClear', async () => {
    emulator.front.holdInProgress(60_000)
    origin.put('/a.html', 'v1')
    const late = await startEdge()
    const early = await startEdge({ earlyClear: true })
    await late.warm('/a.html', 60)
    await early.warm('/a.html', 60)
    origin.put('/a.html', 'v2')
    const client = cloudFront(emulator.front.url)
    await client.send(
      new CreateInvalidationCommand({
        DistributionId: emulator.distributionId,
        InvalidationBatch: {
          CallerReference: `edge-${Date.now()}`,
          Paths: { Quantity: 1, Items: ['/a.html'] }
        }
      })
    )
    client.destroy()
    const accept = { 'accept-encoding': BROWSER_ACCEPT_ENCODING }
    expect((await get(`${late.url}/a.html`, accept)).body.toString()).toBe('v1')
    const refetched = await get(`${early.url}/a.html`, accept)
    expect(refetched.body.toString()).toBe('v2')
    expect(refetched.headers['x-cache']).toBe('Miss from cloudfront')
  })

  it('keeps a copy that visitors fetched after an early clear: a hit whose Date is after the invalidation', async () => {
    emulator.front.holdInProgress(60_000)
    origin.put('/', 'v1')
    const edge = await startEdge({ earlyClear: true })
    await edge.warm('/', 3600)
    origin.put('/', 'v2')
    const client = cloudFront(emulator.front.url)
    const made = await client.send(
      new CreateInvalidationCommand({
        DistributionId: emulator.distributionId,
        InvalidationBatch: { CallerReference: `edge-${Date.now()}`, Paths: { Quantity: 1, Items: ['/'] } }
      })
    )
    client.destroy()
    const createdAt = made.Invalidation?.CreateTime?.getTime() ?? 0
    const visitors = edge.visitors(['/'], 50)
    await new Promise(done => setTimeout(done, 1300))
    expect(await visitors.stop()).toBeGreaterThan(3)
    const got = await get(`${edge.url}/`, { 'accept-encoding': BROWSER_ACCEPT_ENCODING })
    expect(got.body.toString()).toBe('v2')
    expect(got.headers['x-cache']).toBe('Hit from cloudfront')
    expect(Number(got.headers.age)).toBeGreaterThanOrEqual(1)
    expect(Date.parse(String(got.headers.date))).toBeGreaterThanOrEqual(createdAt - 1000)
  })

  it('lets a viewer-response function set Date to now and remove Age, as the published one does', async () => {
    origin.put('/a.html', 'v1')
    const edge = await startEdge()
    edge.viewerResponse = setDateRemoveAge
    await edge.warm('/a.html', 7200)
    const got = await get(`${edge.url}/a.html`, { 'accept-encoding': BROWSER_ACCEPT_ENCODING })
    expect(got.headers['x-cache']).toBe('Hit from cloudfront')
    expect(got.headers.age).toBeUndefined()
    expect(Math.abs(secondsAgo(got.headers.date))).toBeLessThan(3)
  })

  it('sends two Date headers for a misbehaving proxy, which Node’s client joins into one value', async () => {
    origin.put('/a.html', 'v1')
    const edge = await startEdge()
    edge.doubleDate.add('/a.html')
    const got = await get(`${edge.url}/a.html`)
    expect(got.raw.filter((_, i) => i % 2 === 0 && got.raw[i]?.toLowerCase() === 'date')).toHaveLength(2)
    expect(got.headers.date).toMatch(/^\w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT, \w{3}, /)
  })
})
