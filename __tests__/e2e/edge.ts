/**
 * A local CloudFront edge, for verify's end-to-end tests and benchmark: a real HTTP server that caches
 * objects from a real origin (a local HTTP server, or a bucket in moto's S3), and clears what an
 * invalidation names when CloudFront (the moto front) reports it, as an edge location does. Plain,
 * erasable TypeScript: the benchmark imports it under Node 24 as it is.
 *
 * A double encodes beliefs about CloudFront; each behaviour a verdict depends on cites its evidence beside
 * it. "Captured" means a published answer of CloudFront's, kept verbatim in __fixtures__/cloudfront-answers.ts
 * under the name given. The Developer Guide is cited from awsdocs/amazon-cloudfront-developer-guide
 * (commit ca7e91c, doc_source/<page>.md), the last public copy of its sources; the pages live on at
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/.
 */
import { createHash } from 'node:crypto'
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { Socket } from 'node:net'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import {
  CloudFrontClient,
  GetInvalidationCommand,
  ListInvalidationsCommand
} from '@aws-sdk/client-cloudfront'
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException
} from '@aws-sdk/client-s3'

/** What an origin answered the edge: status, lower-case headers (its Date among them), the bytes. */
export interface OriginAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** Where the edge fetches a cache key from. */
export interface EdgeOrigin {
  fetch(path: string): Promise<OriginAnswer>
}

export interface OriginObject {
  status: number
  body: string
  headers: Record<string, string>
}

/** What `aws s3 sync` sets as Content-Type (Python's mimetypes), for the extensions tests use. */
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  json: 'application/json',
  txt: 'text/plain',
  svg: 'image/svg+xml',
  xml: 'application/xml',
  png: 'image/png'
}

function contentTypeOf(path: string): string | undefined {
  return CONTENT_TYPES[/\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '']
}

/**
 * A local origin server: what the site's files are, served over HTTP, with a Date on its own clock
 * (`skewMs` from the runner's: AWS's clocks are not the runner's). An object's ETag is the MD5 of its
 * body, as S3 gives one for a single-part upload.
 */
export class Origin implements EdgeOrigin {
  readonly objects = new Map<string, OriginObject>()
  /** Answers for paths not in `objects` (a prefix and a maker), for sites of many files. */
  readonly prefixes: { prefix: string; make: (path: string) => OriginObject }[] = []
  readonly seen: string[] = []
  /** The origin's clock minus the runner's, ms. */
  skewMs: number
  server: Server
  url = ''

  constructor(options: { skewMs?: number } = {}) {
    this.skewMs = options.skewMs ?? 0
    this.server = createServer((request, response) => {
      const path = request.url ?? '/'
      this.seen.push(path)
      const object =
        this.objects.get(path) ?? this.prefixes.find(entry => path.startsWith(entry.prefix))?.make(path)
      const answer = object ?? { status: 404, body: 'NoSuchKey', headers: {} }
      // Node would add a Date of the runner's clock; the origin's own is set instead.
      response.sendDate = false
      response.writeHead(answer.status, {
        date: new Date(Date.now() + this.skewMs).toUTCString(),
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

  /** Puts an object, 200 unless told, with an ETag and a Content-Type from its name unless given. */
  put(path: string, body: string, headers: Record<string, string> = {}, status = 200): this {
    const type = contentTypeOf(path)
    this.objects.set(path, {
      status,
      body,
      headers: { etag: `"${md5(body)}"`, ...(type ? { 'content-type': type } : {}), ...headers }
    })
    return this
  }

  delete(path: string): this {
    this.objects.delete(path)
    return this
  }

  fetch(path: string): Promise<OriginAnswer> {
    return get(`${this.url}${path}`)
  }

  stop(): Promise<void> {
    return close(this.server)
  }
}

export interface S3OriginOptions {
  /** moto's endpoint (the S3 API, path-style). */
  endpoint: string
  bucket: string
  /** The distribution's origin path, `/www`: a request for `/a.html` reads the key `www/a.html`. */
  originPath?: string
  /**
   * False: the reader (CloudFront's origin access control) may not list the bucket, so a missing key is
   * 403 AccessDenied, not 404 NoSuchKey (S3 API Reference, GetObject, "Permissions": "If you don't have
   * the s3:ListBucket permission, Amazon S3 returns an HTTP status code 403 Access Denied error";
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, and aws/aws-cli#2041). The AWS
   * knowledge-center article on 403s from an S3 REST origin lists among the causes: "The requested
   * objects must exist in the S3 bucket" (aws.amazon.com/premiumsupport/knowledge-center/
   * s3-rest-api-cloudfront-error-403/). Default true.
   */
  listBucket?: boolean
  /** S3's clock minus the runner's, ms: shifts the Date S3 answers with. */
  skewMs?: number
}

/**
 * An S3 bucket as CloudFront's origin: the objects live in moto's S3, so that the action's own HeadObject
 * (AWS_ENDPOINT_URL_S3 at moto) sees the ETags the edge serves. The edge reads them with a signed
 * GetObject, as origin access control signs CloudFront's requests. Answers carry `Server: AmazonS3`, as
 * S3's do through CloudFront (captured: s3-hit-2025, s3-403-missing-key-2025).
 */
export class S3Origin implements EdgeOrigin {
  readonly options: S3OriginOptions
  /** Keys read, in order. */
  readonly seen: string[] = []
  readonly client: S3Client

  constructor(options: S3OriginOptions) {
    this.options = options
    this.client = new S3Client({
      region: 'us-east-1',
      endpoint: options.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDS3ORIGIN', secretAccessKey: 's3-origin-secret' }
    })
  }

  async start(): Promise<this> {
    await this.client.send(new CreateBucketCommand({ Bucket: this.options.bucket }))
    return this
  }

  /** The key a request path reads: the origin path, then the path decoded (S3 decodes the URI). */
  keyOf(path: string): string {
    const prefix = (this.options.originPath ?? '').replace(/^\/+|\/+$/g, '')
    const rest = decodeURIComponent(path.split('?')[0] ?? '').replace(/^\//, '')
    return prefix ? `${prefix}/${rest}` : rest
  }

  /** Uploads an object under its key, as `aws s3 sync` does (Content-Type from the name unless given). */
  async put(key: string, body: string, headers: Record<string, string> = {}): Promise<void> {
    const type = headers['content-type'] ?? contentTypeOf(key)
    const cacheControl = headers['cache-control']
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: body,
        ...(type ? { ContentType: type } : {}),
        ...(cacheControl ? { CacheControl: cacheControl } : {})
      })
    )
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }))
  }

  /** The ETag the bucket holds for a key, as HeadObject gives it, or undefined when there is none. */
  async etag(key: string): Promise<string | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }))
      return head.ETag
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined
      throw error
    }
  }

  async fetch(path: string): Promise<OriginAnswer> {
    const key = this.keyOf(path)
    this.seen.push(key)
    const skewed = (date: string | undefined) =>
      new Date((date ? Date.parse(date) : Date.now()) + (this.options.skewMs ?? 0)).toUTCString()
    // No object has an empty name or one ending in /: a folder is not an object (a listing, which a
    // distribution's default root object or a function usually keeps visitors from, is not modelled).
    if (key === '' || key.endsWith('/')) return this.missing(key, skewed(undefined))
    const command = new GetObjectCommand({ Bucket: this.options.bucket, Key: key })
    // The raw answer's headers (S3's Date among them), which the SDK's output does not keep.
    let raw: Record<string, string> = {}
    command.middlewareStack.add(
      next => async args => {
        const result = await next(args)
        const response = result.response as { headers?: Record<string, string> } | undefined
        raw = { ...response?.headers }
        return result
      },
      { step: 'deserialize', priority: 'low' }
    )
    try {
      const got = await this.client.send(command)
      const body = Buffer.from((await got.Body?.transformToByteArray()) ?? new Uint8Array())
      const headers: Record<string, string> = {}
      for (const name of ['content-type', 'last-modified', 'etag', 'cache-control', 'expires']) {
        const value = raw[name]
        if (value !== undefined) headers[name] = value
      }
      return {
        status: 200,
        headers: {
          ...headers,
          date: skewed(raw.date),
          'accept-ranges': 'bytes',
          server: 'AmazonS3',
          'x-amz-request-id': raw['x-amzn-requestid']?.slice(0, 16) ?? requestId()
        },
        body
      }
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) {
        return this.missing(key, skewed(raw.date))
      }
      throw error
    }
  }

  /**
   * S3's answer for a key it does not hold: 404 NoSuchKey, or 403 AccessDenied to a reader that may not
   * list the bucket. A REST error answer (S3 API Reference, "Error responses"): XML, Server AmazonS3.
   */
  private missing(key: string, date: string): OriginAnswer {
    const id = requestId()
    const denied = this.options.listBucket === false
    const xml = denied
      ? `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>${id}</RequestId><HostId>${hostId()}</HostId></Error>`
      : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key><RequestId>${id}</RequestId><HostId>${hostId()}</HostId></Error>`
    return {
      status: denied ? 403 : 404,
      headers: { 'content-type': 'application/xml', date, server: 'AmazonS3', 'x-amz-request-id': id },
      body: Buffer.from(xml)
    }
  }

  stop(): void {
    this.client.destroy()
  }
}

/** A custom error response of the distribution (CustomErrorResponse in the API). */
export interface CustomErrorResponse {
  errorCode: number
  responsePagePath: string
  responseCode: number
  /** ErrorCachingMinTTL, seconds; 10 by default. */
  errorCachingMinTtl?: number
}

/** An answer a viewer-request function or Lambda@Edge makes itself. */
export interface MadeAnswer {
  status: number
  headers?: Record<string, string>
  body?: string
}

/** What the viewer gets, before it is sent: a viewer-response function may change the headers. */
export interface ViewerAnswer {
  status: number
  headers: Record<string, string>
}

export interface EdgeOptions {
  origin: EdgeOrigin
  /** The CloudFront endpoint whose invalidations the edge honours (the moto front), and the distribution. */
  endpoint: string
  distributionId: string
  /** Each answer waits this long first: the round trip to a real edge. */
  latencyMs?: number
  /** The edge's clock minus the runner's: the Date of the answers CloudFront makes, and Age. */
  skewMs?: number
  /**
   * False: never look at the invalidations (the benchmark, whose every URL is new, so a miss anyway):
   * each look is a call to moto, which would time the emulator rather than the action.
   */
  honourInvalidations?: boolean
  /**
   * This edge location clears an invalidation's paths as soon as the invalidation is listed, while
   * CloudFront still reports it InProgress: "CloudFront forwards the request to all edge locations within
   * a few seconds, and each edge location starts processing the invalidation immediately"
   * (Invalidation.md, "Canceling invalidations"), and "when the invalidation batch is finished, the
   * status is Completed" (API Reference, Invalidation, Status): the batch is finished when the last
   * location is. So the location nearest a runner may have cleared (and been refilled by visitors) well
   * before Completed. Off: this location is the last one, clearing at Completed.
   */
  earlyClear?: boolean
  /**
   * redirect-to-https: an http request gets CloudFront's own 301 to the https URL (cnames-and-https-procedures.md:
   * "CloudFront returns HTTP status code 301 (Moved Permanently) along with the new HTTPS URL"; captured:
   * redirect-to-https-2021, redirect-to-https-2025). This edge serves http only, so every request is one.
   */
  viewerProtocolPolicy?: 'allow-all' | 'redirect-to-https'
  /**
   * Compress objects automatically, with the managed cache policy CachingOptimized (normalized
   * Accept-Encoding in the cache key, Gzip and Brotli): on unless false.
   */
  compress?: boolean
  customErrorResponses?: readonly CustomErrorResponse[]
}

/** What a visitor's browser sends: what verify's client sends too. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd'

interface Cached {
  status: number
  body: Buffer
  /** The origin's headers as fetched, its Date among them. */
  headers: Record<string, string>
  /** When it was fetched from the origin, on the edge's clock (epoch ms): Age counts from here. */
  fetchedAt: number
  /** When the origin last confirmed it (the fetch, or a refresh): the TTL counts from here. */
  validatedAt: number
  /** How long it stays fresh at the edge, ms. */
  ttlMs: number
}

type CacheResult = 'Hit' | 'RefreshHit' | 'Miss' | 'Error'

/** A copy for a request, what X-Cache calls it, and whether it came from the cache (so has an Age). */
interface Looked {
  copy: Cached
  result: CacheResult
  fromCache: boolean
}

/** Default TTL when the origin says nothing: 24 hours, CloudFront's default (and CachingOptimized's). */
const DEFAULT_TTL_MS = 86_400_000
/** Error caching minimum TTL, 10 s by default (GeneratingCustomErrorResponses.md, HTTPStatusCodes.md). */
const ERROR_TTL_MS = 10_000
const VIA = '1.1 local-edge.cloudfront.net (CloudFront)'
const POP = 'LOCAL50-C1'

/**
 * Content types CloudFront compresses (ServingCompressedFiles.md, "File types that CloudFront
 * compresses"), and the sizes: "between 1,000 bytes and 10,000,000 bytes", known from Content-Length.
 */
const COMPRESSIBLE = new Set(
  [
    'application/dash+xml application/eot application/font application/font-sfnt application/javascript',
    'application/json application/opentype application/otf application/pkcs7-mime application/protobuf',
    'application/rss+xml application/truetype application/ttf application/vnd.apple.mpegurl',
    'application/vnd.mapbox-vector-tile application/vnd.ms-fontobject application/xhtml+xml application/xml',
    'application/x-font-opentype application/x-font-truetype application/x-font-ttf application/x-httpd-cgi',
    'application/x-javascript application/x-mpegurl application/x-opentype application/x-otf application/x-perl',
    'application/x-ttf font/eot font/opentype font/otf font/ttf image/svg+xml text/css text/csv text/html',
    'text/javascript text/js text/plain text/richtext text/tab-separated-values text/xml text/x-component',
    'text/x-java-source text/x-script vnd.apple.mpegurl'
  ]
    .join(' ')
    .split(' ')
)

/**
 * CloudFront's own 301 body: the lines published captures print, each ended by CRLF, 167 bytes as the
 * captured Content-Length (redirect-to-https-2025).
 */
const REDIRECT_BODY = [
  '<html>',
  '<head><title>301 Moved Permanently</title></head>',
  '<body>',
  '<center><h1>301 Moved Permanently</h1></center>',
  '<hr><center>CloudFront</center>',
  '</body>',
  '</html>'
]
  .map(line => `${line}\r\n`)
  .join('')

export interface Visitors {
  /** Stops, waits for the requests under way, and says how many were made. */
  stop(): Promise<number>
}

export class Edge {
  /** The cache: key (after the rewrite), then the normalized Accept-Encoding, to the copy. */
  readonly cache = new Map<string, Map<string, Cached>>()
  /** Requests as received: `GET /path`, with their headers. */
  readonly requests: { path: string; headers: IncomingMessage['headers'] }[] = []
  /** A viewer-request function: the URI the cache (and the origin) sees. */
  rewrite: (uri: string) => string = uri => uri
  /**
   * A viewer-request CloudFront Function that answers these paths itself: "FunctionGeneratedResponse"
   * (the Developer Guide's tutorial capture, function-generated-2021; function-generated-2022/2023):
   * Server CloudFront, the current Date, no Age; the cache and the origin are not consulted.
   */
  readonly functionAnswers = new Map<string, MadeAnswer>()
  /** A viewer-request Lambda@Edge that answers these paths itself (captured: lambda-generated-2021/2022). */
  readonly lambdaAnswers = new Map<string, MadeAnswer>()
  /**
   * A viewer-response function: changes the headers of what the cache or the origin answered, before
   * the viewer gets them. `setDateRemoveAge` is the published one.
   */
  viewerResponse: ((answer: ViewerAnswer, now: number) => void) | undefined
  /** Paths that never get an answer. */
  readonly hang = new Set<string>()
  /** Headers the edge adds to the answer for a path, over everything else (a misbehaving proxy in front). */
  readonly extraHeaders = new Map<string, Record<string, string>>()
  /**
   * Paths whose answer a misbehaving proxy in front gives a second Date header (its own, now). Node's
   * client joins repeated Date headers with ", " (it discards repeats only of the headers its docs list,
   * Date not among them), so the viewer reads one value holding two dates.
   */
  readonly doubleDate = new Set<string>()
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
    this.server = createServer((request, response) => {
      // An origin that fails (moto stopped, a bug here) is a 502, as CloudFront's OriginError would be.
      this.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(502).end()
      })
    })
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
   * `ageSeconds` ago with this Accept-Encoding: the old copy a deploy leaves at the edge. Its Date is the
   * origin's then, `ageSeconds` before the origin's now.
   */
  async warm(path: string, ageSeconds: number, acceptEncoding = BROWSER_ACCEPT_ENCODING): Promise<void> {
    const key = this.rewrite(path)
    const fetched = await this.options.origin.fetch(key)
    const ms = ageSeconds * 1000
    const originDate = Date.parse(fetched.headers.date ?? '')
    const headers = {
      ...fetched.headers,
      date: new Date((Number.isFinite(originDate) ? originDate : Date.now()) - ms).toUTCString()
    }
    const at = this.now() - ms
    this.store(key, this.variantOf(acceptEncoding), {
      status: fetched.status,
      body: fetched.body,
      headers,
      fetchedAt: at,
      validatedAt: at,
      ttlMs: ttlOf(fetched.status, headers, [])
    })
  }

  /**
   * Visitors of a busy site: each path requested through the edge every `everyMs`, as browsers do, until
   * stopped. They refill a location soon after it clears, so the copy verify finds later is a hit.
   */
  visitors(paths: readonly string[], everyMs: number, acceptEncoding = BROWSER_ACCEPT_ENCODING): Visitors {
    let made = 0
    let running: Promise<void> | undefined
    const round = async () => {
      for (const path of paths) {
        made++
        await get(`${this.url}${path}`, { 'accept-encoding': acceptEncoding, 'user-agent': 'visitor' }).catch(
          () => undefined
        )
      }
    }
    // A round still under way when the next is due: that one is skipped, as a slow site sheds visitors.
    const timer = setInterval(() => {
      running ??= round().finally(() => (running = undefined))
    }, everyMs)
    return {
      stop: async () => {
        clearInterval(timer)
        await running
        return made
      }
    }
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
    const made = this.madeByCloudFront(request, path)
    if (made) {
      this.send(response, path, made.status, made.headers, made.body)
      return
    }
    const variant = this.variantOf(request.headers['accept-encoding'])
    const answer = await this.fromCache(this.rewrite(path), variant)
    const viewer: ViewerAnswer = { status: answer.status, headers: answer.headers }
    this.viewerResponse?.(viewer, this.now())
    this.send(response, path, viewer.status, viewer.headers, answer.body)
  }

  /**
   * Answers CloudFront makes without the cache or the origin, in the order it runs them: the viewer
   * protocol policy, then a viewer-request function or Lambda@Edge. Each has CloudFront's current Date
   * and no Age (captured: redirect-to-https-2021, function-generated-2021, lambda-generated-2021).
   */
  private madeByCloudFront(
    request: IncomingMessage,
    path: string
  ): { status: number; headers: Record<string, string>; body: Buffer } | undefined {
    const made = (result: string, status: number, headers: Record<string, string>, body: string) => ({
      status,
      headers: {
        server: 'CloudFront',
        date: new Date(this.now()).toUTCString(),
        ...headers,
        'x-cache': `${result} from cloudfront`,
        via: VIA,
        'x-amz-cf-pop': POP
      },
      body: Buffer.from(body)
    })
    if (this.options.viewerProtocolPolicy === 'redirect-to-https') {
      return made(
        'Redirect',
        301,
        { 'content-type': 'text/html', location: `https://${request.headers.host ?? 'localhost'}${path}` },
        REDIRECT_BODY
      )
    }
    const fn = this.functionAnswers.get(path)
    if (fn) return made('FunctionGeneratedResponse', fn.status, fn.headers ?? {}, fn.body ?? '')
    const lambda = this.lambdaAnswers.get(path)
    if (lambda) return made('LambdaGeneratedResponse', lambda.status, lambda.headers ?? {}, lambda.body ?? '')
    return undefined
  }

  /** The answer for a cache key: from the cache, the origin, or a custom error response. */
  private async fromCache(
    key: string,
    variant: string
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const found = await this.lookUp(key, variant)
    const custom = this.options.customErrorResponses?.find(entry => entry.errorCode === found.copy.status)
    if (custom) {
      // The error page is an object of its own, fetched and cached like any other; CloudFront answers it
      // with ResponseCode, and the result stays Error: "the value in the x-edge-result-type column will
      // be Error" (GeneratingCustomErrorResponses.md, "Changing response codes returned by CloudFront").
      // No published capture shows the X-Cache header of such an answer: it is assumed to follow the
      // result type, as X-Cache does for every other result (AccessLogs.md, x-edge-result-type).
      const page = await this.lookUp(custom.responsePagePath, variant)
      return this.viewerAnswer({ ...page, result: 'Error' }, variant, custom.responseCode)
    }
    return this.viewerAnswer(found, variant, found.copy.status)
  }

  private async lookUp(key: string, variant: string): Promise<Looked> {
    const now = this.now()
    const cached = this.cache.get(key)?.get(variant)
    if (cached && now - cached.validatedAt < cached.ttlMs) {
      // A cached error is served as an Error, with an Age (captured: s3-403-cached-error-page-2021; the
      // guide's x-edge-detailed-result-type Error: "the server serves an error response from the cache").
      return { copy: cached, result: cached.status >= 400 ? 'Error' : 'Hit', fromCache: true }
    }
    const fetched = await this.options.origin.fetch(key)
    const ttlMs = ttlOf(fetched.status, fetched.headers, this.options.customErrorResponses ?? [])
    if (
      cached &&
      fetched.status < 400 &&
      cached.status === fetched.status &&
      cached.headers.etag !== undefined &&
      cached.headers.etag === fetched.headers.etag
    ) {
      // RefreshHit: "found the object in the cache but the object had expired, so the server contacted
      // the origin to verify that the cache had the latest version" (AccessLogs.md). The copy keeps its
      // Date and Age keeps counting from its fetch: captured refresh-hit-2023, where Date + Age is the
      // time of the request. (refresh-hit-fresh-date-2022 shows a fresh Date with Age 20 instead, behind
      // an origin that may be a cache itself; not modelled.)
      cached.validatedAt = now
      cached.ttlMs = ttlMs
      return { copy: cached, result: 'RefreshHit', fromCache: true }
    }
    const copy: Cached = { ...fetched, fetchedAt: now, validatedAt: now, ttlMs }
    if (ttlMs > 0) this.store(key, variant, copy)
    else this.cache.get(key)?.delete(variant)
    return { copy, result: fetched.status >= 400 ? 'Error' : 'Miss', fromCache: false }
  }

  /**
   * The viewer's headers for a copy. The origin's own headers pass on, its Date among them: a hit keeps
   * the Date of the fetch and adds Age, the whole seconds since (captured: s3-miss-2013 and s3-hit-2013,
   * the same Date 24 s apart with Age 24; s3-redirect-object-hit-2021 and s3-hit-2025, where Date + Age
   * is the time of the request; RestKit/RestKit#2337: "Amazon CloudFront delivers the Date header
   * received from the origin"; an answer to stackoverflow.com/questions/37238481: an RFC 7234 cache
   * "must also keep the Date header sent by your server. This approach is used, for example, by Amazon
   * CloudFront"). A miss has no Age of CloudFront's, but an Age the origin sent passes on
   * (miss-with-origin-age-2021). X-Cache names the result (AccessLogs.md, x-edge-result-type).
   */
  private viewerAnswer(
    { copy, result, fromCache }: Looked,
    variant: string,
    status: number
  ): { status: number; headers: Record<string, string>; body: Buffer } {
    const headers: Record<string, string> = { ...copy.headers }
    if (fromCache) {
      const originAge = Number(copy.headers.age ?? 0)
      const age =
        Math.floor((this.now() - copy.fetchedAt) / 1000) + (Number.isFinite(originAge) ? originAge : 0)
      headers.age = String(Math.max(0, age))
    }
    headers.via = copy.headers.via ? `${copy.headers.via}, ${VIA}` : VIA
    headers['x-cache'] = `${result} from cloudfront`
    headers['x-amz-cf-pop'] = POP
    const body = this.compressed(copy, status, variant, headers)
    return { status, headers, body }
  }

  /**
   * CloudFront compresses when the viewer accepts Gzip or Brotli (Brotli preferred), the type is one it
   * compresses, the status is 200, 403 or 404, the origin did not compress it already, and the size is
   * 1,000 to 10,000,000 bytes (ServingCompressedFiles.md). It then turns a strong ETag weak by adding
   * `W/`, keeps a weak one, and removes an invalid one ("ETag header conversion"). (An older version of
   * that page said CloudFront removed the ETag of what it compressed, as quoted in
   * laurilehmijoki/s3_website#205; the page has said W/ since.) No published capture of a
   * CloudFront-weakened ETag was found.
   */
  private compressed(copy: Cached, status: number, variant: string, headers: Record<string, string>): Buffer {
    const type = (copy.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
    const encoding = variant.includes('br') ? 'br' : variant.includes('gzip') ? 'gzip' : undefined
    const size = copy.body.length
    if (
      !encoding ||
      ![200, 403, 404].includes(status) ||
      copy.headers['content-encoding'] !== undefined ||
      !COMPRESSIBLE.has(type) ||
      size < 1000 ||
      size > 10_000_000
    ) {
      return copy.body
    }
    const etag = headers.etag
    if (etag !== undefined) {
      if (etag.startsWith('"')) headers.etag = `W/${etag}`
      else if (!etag.startsWith('W/')) delete headers.etag
    }
    headers['content-encoding'] = encoding
    return encoding === 'br' ? brotliCompressSync(copy.body) : gzipSync(copy.body)
  }

  /**
   * The cache key's Accept-Encoding: with compression on (CachingOptimized), "normalizes the header to
   * Accept-Encoding: br,gzip" (or the one the viewer supports) "and includes the normalized header in
   * the cache key" (controlling-the-cache-key.md, "Compression support"); without either, none.
   */
  private variantOf(acceptEncoding: string | undefined): string {
    if (this.options.compress === false) return ''
    const accepted = (acceptEncoding ?? '')
      .toLowerCase()
      .split(',')
      .map(part => part.split(';')[0]?.trim())
    return [accepted.includes('br') ? 'br' : '', accepted.includes('gzip') ? 'gzip' : '']
      .filter(Boolean)
      .join(',')
  }

  private store(key: string, variant: string, copy: Cached): void {
    const variants = this.cache.get(key) ?? new Map<string, Cached>()
    variants.set(variant, copy)
    this.cache.set(key, variants)
  }

  private send(
    response: ServerResponse,
    path: string,
    status: number,
    headers: Record<string, string>,
    body: Buffer
  ): void {
    const out: Record<string, string | string[]> = { ...headers, ...this.extraHeaders.get(path) }
    delete out['transfer-encoding']
    delete out.connection
    out['content-length'] = String(body.length)
    const date = out.date
    if (this.doubleDate.has(path) && typeof date === 'string') {
      out.date = [date, new Date(this.now()).toUTCString()]
    }
    // Only the Date the answer has: Node would add one of the runner's clock to an answer without.
    response.sendDate = false
    response.writeHead(status, out)
    response.end(body)
  }

  /**
   * Applies what the invalidations name, once each: at Completed, or as soon as listed with earlyClear.
   * What a path names leaves the cache, every Accept-Encoding of it (a `*` at the end matches every key
   * it starts). A request waits for a look started after it arrived, so it never misses an invalidation
   * reported before it; requests at once share one look.
   */
  private syncInvalidations(arrived: number): Promise<void> {
    const current = this.syncing
    if (current && current.startedAt >= arrived) return current.done
    const startedAt = Date.now()
    const done = (current?.done ?? Promise.resolve()).then(() => this.applyInvalidations())
    this.syncing = { startedAt, done }
    return done
  }

  private async applyInvalidations(): Promise<void> {
    const { distributionId } = this.options
    const early = this.options.earlyClear === true
    const list = await this.client.send(new ListInvalidationsCommand({ DistributionId: distributionId }))
    for (const item of list.InvalidationList?.Items ?? []) {
      if (!item.Id || this.applied.has(item.Id)) continue
      if (!early && !/^completed$/i.test(item.Status ?? '')) continue
      const got = await this.client.send(
        new GetInvalidationCommand({ DistributionId: distributionId, Id: item.Id })
      )
      // GetInvalidation answers COMPLETED at once from moto; the front holds it InProgress when told.
      if (!early && !/^completed$/i.test(got.Invalidation?.Status ?? '')) continue
      this.applied.add(item.Id)
      for (const path of got.Invalidation?.InvalidationBatch?.Paths?.Items ?? []) {
        for (const key of [...this.cache.keys()]) {
          if (path.endsWith('*') ? key.startsWith(path.slice(0, -1)) : key === path) this.cache.delete(key)
        }
      }
    }
  }
}

/**
 * The published viewer-response function that sets Date to now and removes Age, so that browsers count
 * max-age from now (satellytes/satellytes.com, blog-posts/cloudfront-cache-efficiency.md, "Improve cache
 * efficiency between CloudFront and the browser", 2022-02-02:
 * https://satellytes.com/blog/cloudfront-cache-efficiency/). Its answers look fetched for the request.
 */
export function setDateRemoveAge(answer: ViewerAnswer, now: number): void {
  answer.headers.date = new Date(now).toUTCString()
  delete answer.headers.age
}

/**
 * How long the edge keeps an answer (Expiration.md; HTTPStatusCodes.md, "HTTP 4xx and 5xx status codes
 * that CloudFront caches"): s-maxage, else max-age, else 24 h, none for no-store or private. 404, 414 and
 * 5xx always, for the longer of the error caching minimum TTL (10 s unless a custom error response says)
 * and max-age; 400, 403, 405, 412 and 415 only when the origin sends max-age or s-maxage. Serving a stale
 * copy when the origin answers 5xx is not modelled.
 */
function ttlOf(
  status: number,
  headers: Record<string, string>,
  customErrors: readonly CustomErrorResponse[]
): number {
  const control = headers['cache-control'] ?? ''
  const shared = /s-maxage=(\d+)/.exec(control)?.[1] ?? /max-age=(\d+)/.exec(control)?.[1]
  const maxAgeMs = shared === undefined ? undefined : Number(shared) * 1000
  if (status < 400) {
    if (/no-store|private/.test(control)) return 0
    return maxAgeMs ?? DEFAULT_TTL_MS
  }
  const custom = customErrors.find(entry => entry.errorCode === status)?.errorCachingMinTtl
  const errorMs = custom === undefined ? ERROR_TTL_MS : custom * 1000
  if (status === 404 || status === 414 || (status >= 500 && status <= 504)) {
    return Math.max(errorMs, maxAgeMs ?? 0)
  }
  if ([400, 403, 405, 412, 415].includes(status) && maxAgeMs !== undefined) return Math.max(errorMs, maxAgeMs)
  return 0
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex')
}

function requestId(): string {
  return createHash('md5').update(String(Math.random())).digest('hex').slice(0, 16).toUpperCase()
}

function hostId(): string {
  return createHash('sha256').update(String(Math.random())).digest('base64')
}

/** GET over plain HTTP: the status, the headers (lower-case, repeated ones joined), the body. */
function get(url: string, headers: Record<string, string> = {}): Promise<OriginAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, answer => {
      const chunks: Buffer[] = []
      answer.on('data', (chunk: Buffer) => chunks.push(chunk))
      answer.on('end', () => {
        const read: Record<string, string> = {}
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value === undefined || ['content-length', 'connection', 'keep-alive'].includes(name)) continue
          read[name] = Array.isArray(value) ? value.join(', ') : value
        }
        resolve({ status: answer.statusCode ?? 502, headers: read, body: Buffer.concat(chunks) })
      })
      answer.on('error', reject)
    })
    request.on('error', reject)
    request.end()
  })
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
