/**
 * A local CloudFront edge, for verify's end-to-end tests and benchmark: a real HTTP server that caches
 * objects from a real local origin server, and clears what an invalidation names once CloudFront (the
 * moto front) reports it Completed, as an edge does. Plain, erasable TypeScript: the benchmark imports
 * it under Node 24 as it is.
 *
 * What it answers, as CloudFront does:
 * - `X-Cache`: `Hit from cloudfront`, `RefreshHit from cloudfront`, `Miss from cloudfront`, or
 *   `Error from cloudfront` for a 4xx or 5xx (the x-edge-result-type values of the Developer Guide's
 *   "Standard logging reference": Hit, RefreshHit, Miss, Error; the header as captured from CloudFront,
 *   e.g. gist.github.com/andyparsons/563c7e4dab956b1c85af: `X-Cache:Hit from cloudfront`, `Age:1350`).
 * - `Age`: whole seconds since the copy was fetched from the origin, on hits only (a miss has none).
 * - `Date`: the edge's own clock (which a test can set apart from the runner's, as `skewMs`).
 * - the origin's other headers as they are (Cache-Control, Expires, Location): CloudFront passes them on.
 * - 4xx answers are cached for the error caching minimum TTL, 10 s by default (Developer Guide, "How
 *   CloudFront processes HTTP 4xx and 5xx status codes from your origin"); 401/403/5xx are not cached here.
 * - A viewer's Cache-Control: no-cache does not bypass the cache (CloudFront ignores it, Developer Guide
 *   "Managing how long content stays in the cache"; the viewer cannot force a fetch from the origin).
 * - A viewer-request function can rewrite the URI before the cache lookup (`rewrite`), so that the cache
 *   key is the rewritten path, and an invalidation of the requested path does not clear it: AWS's guide
 *   says to invalidate the URI the function produces.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { Socket } from 'node:net'
import {
  CloudFrontClient,
  GetInvalidationCommand,
  ListInvalidationsCommand
} from '@aws-sdk/client-cloudfront'

export interface OriginObject {
  status: number
  body: string
  headers: Record<string, string>
}

/** A local origin: what the site's bucket holds, served over HTTP. */
export class Origin {
  readonly objects = new Map<string, OriginObject>()
  /** Answers for paths not in `objects` (a prefix and a maker), for sites of many files. */
  readonly prefixes: { prefix: string; make: (path: string) => OriginObject }[] = []
  readonly seen: string[] = []
  server: Server
  url = ''

  constructor() {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/'
      this.seen.push(path)
      const object =
        this.objects.get(path) ?? this.prefixes.find(entry => path.startsWith(entry.prefix))?.make(path)
      const answer = object ?? { status: 404, body: 'NoSuchKey', headers: {} }
      response.writeHead(answer.status, {
        'content-length': Buffer.byteLength(answer.body),
        ...answer.headers
      })
      response.end(answer.body)
    })
  }

  async start(): Promise<this> {
    this.url = await listen(this.server)
    return this
  }

  /** Puts an object, 200 unless told (an ETag from its body, as S3 gives one). */
  put(path: string, body: string, headers: Record<string, string> = {}, status = 200): this {
    this.objects.set(path, { status, body, headers: { etag: `"${hash(body)}"`, ...headers } })
    return this
  }

  delete(path: string): this {
    this.objects.delete(path)
    return this
  }

  stop(): Promise<void> {
    return close(this.server)
  }
}

interface Cached {
  status: number
  body: string
  headers: Record<string, string>
  /** When it was fetched from the origin, on the edge's clock (epoch ms). */
  fetchedAt: number
  /** How long it stays fresh at the edge, ms. */
  ttlMs: number
}

export interface EdgeOptions {
  origin: Origin
  /** The CloudFront endpoint whose invalidations the edge honours (the moto front), and the distribution. */
  endpoint: string
  distributionId: string
  /** Each answer waits this long first: the round trip to a real edge. */
  latencyMs?: number
  /** The edge's clock minus the runner's: AWS's clocks are its own. */
  skewMs?: number
  /**
   * False: never look at the invalidations (the benchmark, whose every URL is new, so a miss anyway):
   * each look is a call to moto, which would time the emulator rather than the action.
   */
  honourInvalidations?: boolean
}

/** Default TTL when the origin says nothing: 24 hours, CloudFront's default. */
const DEFAULT_TTL_MS = 86_400_000
const ERROR_TTL_MS = 10_000

export class Edge {
  readonly cache = new Map<string, Cached>()
  /** Requests as received: `GET /path`, with their headers. */
  readonly requests: { path: string; headers: IncomingMessage['headers'] }[] = []
  /** A viewer-request function: the URI the cache (and the origin) sees. */
  rewrite: (uri: string) => string = uri => uri
  /** Paths that never get an answer. */
  readonly hang = new Set<string>()
  /** Headers the edge adds to the answer for a path, over everything else (a misbehaving proxy in front). */
  readonly extraHeaders = new Map<string, Record<string, string>>()
  url = ''
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private readonly client: CloudFrontClient
  private readonly applied = new Set<string>()
  private syncing: { startedAt: number; done: Promise<void> } | undefined
  private readonly options: EdgeOptions

  constructor(options: EdgeOptions) {
    this.options = options
    this.client = new CloudFrontClient({
      region: 'us-east-1',
      endpoint: options.endpoint,
      credentials: { accessKeyId: 'AKIDEDGE', secretAccessKey: 'edge-secret' }
    })
    this.server = createServer((request, response) => void this.handle(request, response))
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  async start(host = '127.0.0.1'): Promise<this> {
    this.url = await listen(this.server, host)
    return this
  }

  /** The edge's clock. */
  now(): number {
    return Date.now() + (this.options.skewMs ?? 0)
  }

  /**
   * Caches what the origin serves now for a path (through the rewrite), as if a visitor had requested it
   * `ageSeconds` ago: the old copy a deploy leaves at the edge.
   */
  async warm(path: string, ageSeconds: number): Promise<void> {
    const key = this.rewrite(path)
    const fetched = await this.fetchOrigin(key)
    this.cache.set(key, { ...fetched, fetchedAt: this.now() - ageSeconds * 1000, ttlMs: ttlOf(fetched) })
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    this.client.destroy()
    await close(this.server)
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrived = Date.now()
    const path = request.url ?? '/'
    this.requests.push({ path, headers: request.headers })
    if (this.hang.has(path)) return
    // The round trip and the look at the invalidations at once: the edge answers in latencyMs.
    const latency = this.options.latencyMs
    await Promise.all([
      this.options.honourInvalidations === false ? undefined : this.syncInvalidations(arrived),
      latency ? new Promise(done => setTimeout(done, latency)) : undefined
    ])
    const key = this.rewrite(path)
    const now = this.now()
    const cached = this.cache.get(key)
    let served: Cached
    let result: string
    if (cached && now - cached.fetchedAt < cached.ttlMs) {
      served = cached
      result = 'Hit'
    } else {
      const fetched = await this.fetchOrigin(key)
      const same = cached && cached.status === fetched.status && cached.headers.etag === fetched.headers.etag
      served = { ...fetched, fetchedAt: now, ttlMs: ttlOf(fetched) }
      result = same ? 'RefreshHit' : fetched.status >= 400 ? 'Error' : 'Miss'
      if (served.ttlMs > 0) this.cache.set(key, served)
      else this.cache.delete(key)
    }
    const age =
      result === 'Hit' || result === 'RefreshHit' ? Math.floor((now - served.fetchedAt) / 1000) : undefined
    const headers: Record<string, string> = {
      ...served.headers,
      date: new Date(now).toUTCString(),
      'x-cache': `${result} from cloudfront`,
      via: '1.1 local-edge.cloudfront.net (CloudFront)',
      ...(age !== undefined && result === 'Hit' ? { age: String(age) } : {}),
      ...this.extraHeaders.get(path),
      'content-length': String(Buffer.byteLength(served.body))
    }
    response.writeHead(served.status, headers)
    response.end(served.body)
  }

  private fetchOrigin(path: string): Promise<OriginObject> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${this.options.origin.url}${path}`, answer => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () => {
          const headers: Record<string, string> = {}
          for (const [name, value] of Object.entries(answer.headers)) {
            if (
              typeof value === 'string' &&
              !['content-length', 'date', 'connection', 'keep-alive'].includes(name)
            )
              headers[name] = value
          }
          resolve({ status: answer.statusCode ?? 502, body: Buffer.concat(chunks).toString('utf8'), headers })
        })
      })
      request.on('error', reject)
      request.end()
    })
  }

  /**
   * Applies every invalidation CloudFront reports Completed, once: what its paths name leaves the cache
   * (a `*` at the end matches every key it starts). A request waits for a look started after it arrived,
   * so it never misses an invalidation completed before it; requests at once share one look.
   */
  private syncInvalidations(arrived: number): Promise<void> {
    const current = this.syncing
    if (current && current.startedAt >= arrived) return current.done
    const startedAt = Date.now()
    const done = (current?.done ?? Promise.resolve()).then(() => this.applyCompleted())
    this.syncing = { startedAt, done }
    return done
  }

  private async applyCompleted(): Promise<void> {
    const { distributionId } = this.options
    const list = await this.client.send(new ListInvalidationsCommand({ DistributionId: distributionId }))
    for (const item of list.InvalidationList?.Items ?? []) {
      if (!item.Id || this.applied.has(item.Id) || !/^completed$/i.test(item.Status ?? '')) continue
      const got = await this.client.send(
        new GetInvalidationCommand({ DistributionId: distributionId, Id: item.Id })
      )
      // GetInvalidation answers COMPLETED at once from moto; the front holds it InProgress when told.
      if (!/^completed$/i.test(got.Invalidation?.Status ?? '')) continue
      this.applied.add(item.Id)
      for (const path of got.Invalidation?.InvalidationBatch?.Paths?.Items ?? []) {
        for (const key of [...this.cache.keys()]) {
          if (path.endsWith('*') ? key.startsWith(path.slice(0, -1)) : key === path) this.cache.delete(key)
        }
      }
    }
  }
}

/** How long the edge keeps an answer: s-maxage, else max-age, else 24 h; 4xx for 10 s; 401/403/5xx not at all. */
function ttlOf(object: OriginObject): number {
  if (object.status === 401 || object.status === 403 || object.status >= 500) return 0
  if (object.status >= 400) return ERROR_TTL_MS
  const control = object.headers['cache-control'] ?? ''
  const shared = /s-maxage=(\d+)/.exec(control)?.[1] ?? /max-age=(\d+)/.exec(control)?.[1]
  if (/no-store|private/.test(control)) return 0
  return shared === undefined ? DEFAULT_TTL_MS : Number(shared) * 1000
}

function hash(text: string): string {
  let value = 0
  for (let i = 0; i < text.length; i++) value = (value * 31 + text.charCodeAt(i)) >>> 0
  return value.toString(16)
}

async function listen(server: Server, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>(done => server.listen(0, host, done))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return `http://${host}:${address.port}`
}

function close(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise<void>(done =>
    server.close(() => {
      done()
    })
  )
}
