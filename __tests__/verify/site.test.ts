/**
 * The site client against a real HTTP server on 127.0.0.1: what it sends, what it keeps of the answer,
 * how it names a request that got no answer, and verifyPaths' retries and concurrency on the fake clock.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { fakeTime } from '../../__fixtures__/clock.js'
import type { Clock } from '../../src/common/clock.js'
import type { ChangedObject } from '../../src/types.js'
import type { BucketAnswer, BucketReader } from '../../src/verify/bucket.js'
import type { Answer } from '../../src/verify/headers.js'
import {
  BODY_LIMIT,
  CONCURRENCY,
  factOf,
  siteClient,
  verifyPaths,
  type SiteClient
} from '../../src/verify/site.js'
import type { Site } from '../../src/types.js'

type Handler = (request: IncomingMessage, response: ServerResponse) => void

let server: Server
let handler: Handler
let connections = 0
let site: Site
const createTime = Date.parse('2026-12-04T20:00:00.000Z')
const at = (seconds: number) => new Date(createTime + seconds * 1000).toUTCString()
const never = () => new AbortController().signal

/** True when the server's end of the connection closes within `ms`; false when it stays open. */
function closedWithin(socket: Socket | undefined, ms: number): Promise<boolean> {
  if (!socket || socket.destroyed) return Promise.resolve(Boolean(socket))
  return new Promise(resolve => {
    const timer = setTimeout(() => {
      resolve(false)
    }, ms)
    socket.once('close', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

beforeAll(async () => {
  server = createServer((request, response) => {
    handler(request, response)
  })
  server.on('connection', () => {
    connections++
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  site = { origin: `http://127.0.0.1:${port}`, hostname: '127.0.0.1' }
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

const clients: SiteClient[] = []
beforeEach(() => {
  connections = 0
  for (const client of clients.splice(0)) client.close()
})
function client(timeoutMs?: number): SiteClient {
  const made = siteClient({}, timeoutMs)
  clients.push(made)
  return made
}
const get = (path: string, made = client(), signal = never()) =>
  made.get(new URL(`${site.origin}${path}`), signal)

describe('siteClient', () => {
  it('asks as a browser would, without credentials, and never for a cached copy', async () => {
    let asked: IncomingMessage['headers'] = {}
    handler = (request, response) => {
      asked = request.headers
      response.end('ok')
    }
    await get('/a.html')
    expect(asked).toMatchObject({
      'user-agent': expect.stringMatching(/^Mozilla\/5\.0 \(compatible; .+\/.+; verify\)$/) as unknown,
      accept: '*/*',
      'accept-encoding': 'gzip, deflate, br, zstd',
      'cache-control': 'no-cache'
    })
    expect(asked.authorization).toBeUndefined()
    expect(asked.cookie).toBeUndefined()
  })

  it('keeps the status and only the headers judging reads, each cut to 512 characters', async () => {
    handler = (_request, response) => {
      response.writeHead(301, {
        date: at(5),
        age: '12',
        'x-cache': `Hit from cloudfront ${'x'.repeat(1000)}`,
        'cache-control': 'max-age=60',
        expires: at(65),
        location: 'https://elsewhere.example/',
        'set-cookie': ['a=1', 'b=2'],
        server: 'CloudFront'
      })
      response.end()
    }
    const answer = await get('/a.html')
    expect(answer).toEqual({
      status: 301,
      headers: {
        date: at(5),
        age: '12',
        'x-cache': `Hit from cloudfront ${'x'.repeat(1000)}`.slice(0, 512),
        'cache-control': 'max-age=60',
        expires: at(65),
        server: 'CloudFront'
      }
    })
  })

  it('reuses the connection after a short body', async () => {
    handler = (_request, response) => response.end('ok')
    const made = client()
    await get('/a.html', made)
    await get('/b.html', made)
    expect(connections).toBe(1)
  })

  it('drops the connection after a body over the limit, whether its length is declared or not', async () => {
    let socket: Socket | undefined
    handler = (request, response) => {
      socket = request.socket
      if (request.url === '/declared') response.setHeader('content-length', BODY_LIMIT + 1)
      // Chunked when not declared: the client counts what it reads.
      response.write(Buffer.alloc(BODY_LIMIT))
      response.end(Buffer.alloc(1024))
    }
    for (const path of ['/declared', '/chunked']) {
      expect(await get(path)).toMatchObject({ status: 200 })
      expect(await closedWithin(socket, 2000)).toBe(true)
    }
  })

  it('names a refused connection', async () => {
    const closed = createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise(resolve => closed.close(resolve))
    expect(await client().get(new URL(`http://127.0.0.1:${port}/`), never())).toEqual({
      kind: 'refused',
      reason: 'the connection was refused'
    })
  })

  it('names a dropped connection', async () => {
    handler = request => {
      request.socket.destroy()
    }
    expect(await get('/a.html')).toEqual({
      kind: 'reset',
      reason: 'the connection was dropped (ECONNRESET)'
    })
  })

  it('names a handshake that fails before any certificate is checked by its code', async () => {
    // https:// to a plain HTTP port: OpenSSL reports EPROTO, which is no certificate error.
    handler = (_request, response) => response.end()
    const answer = await client().get(new URL(`https://127.0.0.1:${new URL(site.origin).port}/`), never())
    expect(answer).toEqual({ kind: 'other', reason: 'the request failed (EPROTO)' })
  })

  it('gives up on a request at its own timeout', async () => {
    handler = () => undefined
    expect(await get('/slow', client(50))).toEqual({
      kind: 'timeout',
      reason: 'no answer in time (timed out after 10 s)'
    })
  })

  it("stops at the step's deadline, before or during a request", async () => {
    handler = () => undefined
    const passed = new AbortController()
    passed.abort()
    const stopped = { kind: 'deadline', reason: 'not answered before wait-timeout' }
    expect(await get('/a.html', client(), passed.signal)).toEqual(stopped)
    const deadline = new AbortController()
    const answer = get('/a.html', client(), deadline.signal)
    await new Promise(resolve => setTimeout(resolve, 20))
    deadline.abort()
    expect(await answer).toEqual(stopped)
  })

  it('goes through the proxy the AWS calls go through', async () => {
    let asked: string | undefined
    handler = (request, response) => {
      asked = request.url
      response.writeHead(200, { 'x-cache': 'Miss from cloudfront' })
      response.end()
    }
    const proxied = siteClient({ http: { url: site.origin, variable: 'HTTP_PROXY' } })
    clients.push(proxied)
    const answer = await proxied.get(new URL('http://www.example.invalid/a.html'), never())
    expect(asked).toBe('http://www.example.invalid/a.html')
    expect(answer).toMatchObject({ status: 200, headers: { 'x-cache': 'Miss from cloudfront' } })
  })
})

describe('verifyPaths', () => {
  const fresh = { 'x-cache': 'Miss from cloudfront', date: at(9) }

  it('judges each answer of the site, in the order of the paths', async () => {
    handler = (request, response) => {
      if (request.url === '/old.html') {
        response.writeHead(200, { 'x-cache': 'Hit from cloudfront', date: at(-7200), age: '7260' })
      } else response.writeHead(200, fresh)
      response.end()
    }
    const urls = await verifyPaths(site, ['/new.html', '/old.html'], createTime, {
      client: client(),
      clock: fakeTime().clock,
      signal: never()
    })
    expect(urls).toEqual([
      expect.objectContaining({
        path: '/new.html',
        url: `${site.origin}/new.html`,
        verdict: 'live',
        attempts: 1
      }),
      expect.objectContaining({
        path: '/old.html',
        verdict: 'stale',
        reason: 'fetched from the origin 2 h before the invalidation was created, cached 2 h 1 min ago'
      })
    ])
  })

  it('asks a dropped connection again after a pause, and judges what the last try got', async () => {
    let tries = 0
    handler = (request, response) => {
      if (++tries === 1) {
        request.socket.destroy()
        return
      }
      response.writeHead(200, fresh)
      response.end()
    }
    const time = fakeTime()
    const [url] = await verifyPaths(site, ['/a.html'], createTime, {
      client: client(),
      clock: time.clock,
      signal: never()
    })
    expect(url).toMatchObject({ verdict: 'live', attempts: 2 })
    expect(time.sleeps).toEqual([500])
  })

  it('never requests a path that would leave the site', async () => {
    let requests = 0
    handler = (_request, response) => {
      requests++
      response.end()
    }
    const urls = await verifyPaths(site, ['a.html'], createTime, {
      client: client(),
      clock: fakeTime().clock,
      signal: never()
    })
    expect(urls).toEqual([
      {
        path: 'a.html',
        url: `${site.origin}a.html`,
        attempts: 0,
        rule: 'answer',
        verdict: 'unchecked',
        reason: 'not requested: the path would leave 127.0.0.1'
      }
    ])
    expect(requests).toBe(0)
  })

  it('judges the last answer when the deadline passes during the pause', async () => {
    handler = (_request, response) => {
      response.writeHead(503)
      response.end()
    }
    const deadline = new AbortController()
    const clock: Clock = {
      ...fakeTime().clock,
      sleep: () => {
        deadline.abort()
        return Promise.reject(new DOMException('deadline', 'TimeoutError'))
      }
    }
    const [url] = await verifyPaths(site, ['/a.html'], createTime, {
      client: client(),
      clock,
      signal: deadline.signal
    })
    expect(url).toMatchObject({
      verdict: 'unchecked',
      status: 503,
      attempts: 1,
      reason: '503 Service Unavailable after retries'
    })
  })

  it(`asks ${CONCURRENCY} URLs at a time`, async () => {
    const paths = Array.from({ length: 2 * CONCURRENCY + 3 }, (_, i) => `/p${i}.html`)
    const held: ServerResponse[] = []
    let most = 0
    let quiet: NodeJS.Timeout | undefined
    // Answers once no request has come for 20 ms, so that all the requests in flight wait together.
    handler = (_request, response) => {
      held.push(response)
      most = Math.max(most, held.length)
      clearTimeout(quiet)
      quiet = setTimeout(() => {
        for (const waiting of held.splice(0)) {
          waiting.writeHead(200, fresh)
          waiting.end()
        }
      }, 20)
    }
    const urls = await verifyPaths(site, paths, createTime, {
      client: client(),
      clock: fakeTime().clock,
      signal: never()
    })
    expect(most).toBe(CONCURRENCY)
    expect(urls.map(url => url.path)).toEqual(paths)
    expect(urls.every(url => url.verdict === 'live')).toBe(true)
  })

  it('asks a 5xx again after a pause on the injected clock, then judges the last answer', async () => {
    const time = fakeTime()
    // A site client that answers each path from a queue (its last answer for ever after); what was asked is kept.
    const answers: Record<string, Answer[]> = {
      '/a.html': [
        { status: 503, headers: {} },
        { status: 200, headers: fresh }
      ],
      '/b.html': [{ status: 502, headers: {} }]
    }
    const asked: string[] = []
    const queued: SiteClient = {
      get: url => {
        asked.push(url.pathname)
        const queue = answers[url.pathname] ?? []
        return Promise.resolve(queue.length > 1 ? (queue.shift() as Answer) : (queue[0] as Answer))
      },
      close: () => undefined
    }
    const urls = await verifyPaths(site, ['/a.html', '/b.html'], createTime, {
      client: queued,
      clock: time.clock,
      signal: never()
    })
    expect(urls.map(url => [url.path, url.verdict, url.attempts])).toEqual([
      ['/a.html', 'live', 2],
      ['/b.html', 'unchecked', 3]
    ])
    expect(asked.filter(path => path === '/b.html')).toHaveLength(3)
    expect(time.sleeps).toEqual([500, 500, 1500])
  })
})

describe('verifyPaths with the bucket known', () => {
  const etag = '"5d41402abc4b2a76b9719d911017c592"'
  /** A bucket that answers HeadObject from a table, keyed by key; what was asked is kept. */
  function fakeBucket(answers: Record<string, BucketAnswer>) {
    const asked: string[] = []
    const bucket: BucketReader = {
      head: object => {
        asked.push(`${object.bucket}/${object.key}`)
        return Promise.resolve(answers[object.key] ?? { kind: 'failed', reason: 'unknown key' })
      },
      close: () => undefined
    }
    return { bucket, asked }
  }
  const objects = new Map<string, ChangedObject>([
    ['/same.html', { s3: { bucket: 'site', key: 'same.html' } }],
    ['/other.html', { s3: { bucket: 'site', key: 'other.html' } }],
    ['/gone.html', { s3: { bucket: 'site', key: 'gone.html' } }],
    ['/denied.html', { s3: { bucket: 'site', key: 'denied.html' } }],
    ['/synced-away.html', { s3: { bucket: 'site', key: 'synced-away.html' }, deleted: 'a delete: line' }]
  ])

  it('judges by content where HeadObject answers, as a deleted file where the bucket lacks it, else by Date', async () => {
    handler = (request, response) => {
      const old = { 'x-cache': 'Hit from cloudfront', date: at(-7200), age: '7200' }
      if (request.url === '/same.html') response.writeHead(200, { ...old, etag: `W/${etag}` })
      else if (request.url === '/other.html')
        response.writeHead(200, { 'x-cache': 'Hit from cloudfront', date: at(9), age: '3', etag: '"abc"' })
      else if (request.url === '/denied.html') response.writeHead(200, { ...old, etag })
      else response.writeHead(403, { 'x-cache': 'Error from cloudfront', server: 'AmazonS3', date: at(9) })
      response.end()
    }
    const { bucket, asked } = fakeBucket({
      'same.html': { kind: 'present', etag },
      'other.html': { kind: 'present', etag },
      'gone.html': { kind: 'absent' },
      'denied.html': { kind: 'denied' },
      'synced-away.html': { kind: 'denied' }
    })
    const paths = [
      '/same.html',
      '/other.html',
      '/gone.html',
      '/denied.html',
      '/synced-away.html',
      '/url.html'
    ]
    const urls = await verifyPaths(site, paths, createTime, {
      client: client(),
      clock: fakeTime().clock,
      signal: never(),
      objects,
      bucket
    })
    expect(urls.map(url => [url.path, url.verdict, url.rule, url.bucket])).toEqual([
      ['/same.html', 'live', 'etag', 'present'],
      ['/other.html', 'stale', 'etag', 'present'],
      ['/gone.html', 'live', 'deleted', 'absent'],
      ['/denied.html', 'stale', 'date', 'denied'],
      ['/synced-away.html', 'live', 'deleted', 'denied'],
      ['/url.html', 'unchecked', 'answer', undefined]
    ])
    expect(urls[0]?.object).toBe('s3://site/same.html')
    expect(urls[2]?.reason).toContain('(deleted: the bucket no longer holds it)')
    expect(urls[4]?.reason).toContain('(deleted: a delete: line)')
    // Only the paths read from keys are asked of the bucket.
    expect(asked.sort()).toEqual(
      ['denied.html', 'gone.html', 'other.html', 'same.html', 'synced-away.html'].map(key => `site/${key}`)
    )
  })

  it('asks a hit without Age once more a moment later, and gives up if Age is still missing', async () => {
    let tries = 0
    handler = (_request, response) => {
      tries++
      response.writeHead(200, {
        'x-cache': 'Hit from cloudfront',
        date: at(30),
        ...(tries === 2 ? { age: '31' } : {})
      })
      response.end()
    }
    const time = fakeTime()
    const deps = { client: client(), clock: time.clock, signal: never() }
    const [second] = await verifyPaths(site, ['/a.html'], createTime, deps)
    expect(second).toMatchObject({ verdict: 'live', rule: 'date', attempts: 2, ageSeconds: 31 })
    expect(time.sleeps).toEqual([1000])
    const [never2] = await verifyPaths(site, ['/b.html'], createTime, deps)
    expect(never2).toMatchObject({ verdict: 'unchecked', attempts: 2 })
    expect(never2?.reason).toContain('a hit without an Age header')
  })
})

describe('factOf', () => {
  it('takes the bucket as the truth, then the sources', () => {
    expect(factOf({ deleted: 'x' }, { kind: 'present', etag: '"e"' })).toEqual({ kind: 'present', etag: 'e' })
    expect(factOf({}, { kind: 'absent' })).toEqual({ kind: 'deleted', from: 'the bucket no longer holds it' })
    expect(factOf({ deleted: 'x' }, { kind: 'denied' })).toEqual({ kind: 'deleted', from: 'x' })
    expect(factOf(undefined, undefined)).toEqual({ kind: 'unknown' })
  })
})
