/**
 * A small HTTP front between the action and moto_server. It forwards every request, records what the
 * action sent (headers included, to check signing and session tokens), and adds what moto does not do:
 * CloudFront's CallerReference rules (the same reference and batch answer with the existing
 * invalidation; with another batch, 409 InvalidationBatchAlreadyExists), injected errors, dropped
 * connections, hung responses, and invalidations that stay InProgress for a while. It refuses, as
 * CloudFront does, a batch with a path CloudFront refuses (a raw ~, a raw space or non-ASCII character,
 * a * inside a path: see __fixtures__/cloudfront-rules.ts for the evidence). On request, it also
 * fills in what moto's ListDistributions leaves out (each distribution's Aliases) and pages it.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { Socket } from 'node:net'
import { INVALID_PATHS_MESSAGE, batchPaths, refusalOf } from '../../__fixtures__/cloudfront-rules.js'

export type Operation =
  | 'CreateInvalidation'
  | 'GetInvalidation'
  | 'ListInvalidations'
  | 'ListDistributions'
  | 'GetResources'
  | 'AssumeRoleWithWebIdentity'
  | 'AssumeRole'
  | 'Other'

export interface RecordedRequest {
  operation: Operation
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
  at: number
}

export type Fault =
  /** Answer with a CloudFront-style XML error, moto never sees the request. */
  | { kind: 'error'; status: number; code: string; message?: string }
  /** Forward to moto (so the effect happens), then cut the connection before the answer. */
  | { kind: 'drop-after-forward' }
  /** Never answer. */
  | { kind: 'hang' }
  /** Cut the connection before moto sees the request (a dropped connection: nothing happens). */
  | { kind: 'reset' }

export interface FaultRule {
  operation: Operation
  fault: Fault
  /** How many matching requests get the fault; Infinity for all. */
  times: number
}

export class FaultFront {
  readonly requests: RecordedRequest[] = []
  /** Paths of batches the front refused as CloudFront would, to show in a failing test. */
  readonly refusedPaths: string[] = []
  private readonly rules: FaultRule[] = []
  private readonly createdAt = new Map<string, number>()
  /** `distribution/CallerReference` -> the batch sent with it and the invalidation it created. */
  private readonly references = new Map<string, { batch: string; id: string }>()
  private readonly sockets = new Set<Socket>()
  private holdMs = 0
  private fillAliases = false
  private pageSize = 0
  private sessionMs = 0
  /** Access key -> when the front first saw it (STS's answer for role sessions, the first request for others). */
  private readonly issuedAt = new Map<string, number>()
  /** Access keys the front answered ExpiredToken for, in order. */
  readonly expiredKeys: string[] = []

  private readonly server: Server
  private constructor(private readonly upstream: string) {
    this.server = createServer((request, response) => void this.handle(request, response))
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  /** Listening on a free loopback port. */
  url = ''

  static async start(upstream: string): Promise<FaultFront> {
    const front = new FaultFront(upstream)
    await new Promise<void>(done => front.server.listen(0, '127.0.0.1', done))
    const address = front.server.address()
    if (!address || typeof address === 'string') throw new Error('no port')
    front.url = `http://127.0.0.1:${address.port}`
    return front
  }

  /** Faults are used in the order they were added, each for its number of times. */
  inject(operation: Operation, fault: Fault, times = 1): this {
    this.rules.push({ operation, fault, times })
    return this
  }

  /** Invalidations report InProgress until this long after their creation passed through the front. */
  holdInProgress(ms: number): this {
    this.holdMs = ms
    return this
  }

  /**
   * ListDistributions answers carry each distribution's Aliases, as CloudFront's do (moto's summaries
   * omit them): the front reads them from moto's GetDistributionConfig, so the action makes no extra call.
   */
  fillListDistributionAliases(): this {
    this.fillAliases = true
    return this
  }

  /** ListDistributions answers at most this many distributions a page, with Marker and NextMarker. */
  pageListDistributions(size: number): this {
    this.pageSize = size
    return this
  }

  /**
   * Session credentials last `ms`: STS's answers (AssumeRoleWithWebIdentity, AssumeRole) say their
   * Expiration is `ms` after they passed through, and any other request signed with an access key older
   * than that is answered 403 ExpiredToken, as AWS answers a request with an expired session token
   * ("An error occurred (ExpiredToken) ...: The security token included in the request is expired", as
   * users quote it, e.g. aws-samples/aws-iot-twinmaker-samples#147). Keys that did not come from the
   * front's STS (exported by an earlier step) count from the first request signed with them.
   */
  expireSessionsAfter(ms: number): this {
    this.sessionMs = ms
    return this
  }

  calls(operation: Operation): RecordedRequest[] {
    return this.requests.filter(request => request.operation === operation)
  }

  reset(): void {
    this.requests.length = 0
    this.refusedPaths.length = 0
    this.rules.length = 0
    this.createdAt.clear()
    this.references.clear()
    this.holdMs = 0
    this.fillAliases = false
    this.pageSize = 0
    this.sessionMs = 0
    this.issuedAt.clear()
    this.expiredKeys.length = 0
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(done =>
      this.server.close(() => {
        done()
      })
    )
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const path = request.url ?? '/'
    const target = String(request.headers['x-amz-target'] ?? '')
    const operation = operationOf(request.method ?? 'GET', path, body.toString('utf8'), target)
    this.requests.push({
      operation,
      method: request.method ?? '',
      path,
      headers: request.headers,
      body: body.toString('utf8'),
      at: Date.now()
    })

    const rule = this.rules.find(candidate => candidate.operation === operation && candidate.times > 0)
    if (rule) rule.times--
    const fault = rule?.fault
    if (fault?.kind === 'hang') return
    if (fault?.kind === 'reset') {
      request.socket.destroy()
      return
    }
    if (fault?.kind === 'error') {
      const xml = errorXml(fault.code, fault.message ?? fault.code, fault.status)
      response
        .writeHead(fault.status, {
          'content-type': 'text/xml',
          'x-amzn-requestid': `front-${this.requests.length}`
        })
        .end(xml)
      return
    }

    const sts = operation === 'AssumeRoleWithWebIdentity' || operation === 'AssumeRole'
    if (this.sessionMs > 0 && !sts) {
      const key = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1]
      if (key) {
        if (!this.issuedAt.has(key)) this.issuedAt.set(key, Date.now())
        if (Date.now() - (this.issuedAt.get(key) ?? 0) > this.sessionMs) {
          this.expiredKeys.push(key)
          const xml = errorXml('ExpiredToken', 'The security token included in the request is expired', 403)
          response.writeHead(403, { 'content-type': 'text/xml' }).end(xml)
          return
        }
      }
    }

    // CloudFront answers InvalidArgument to a batch with one path it refuses (aws/aws-sdk-js-v3#4042 shows
    // the answer for a raw ~, apancutt/deploy-aws-s3-cloudfront#6 the same); moto accepts anything.
    if (operation === 'CreateInvalidation') {
      const refused = batchPaths(body.toString('utf8')).filter(item => refusalOf(item) !== undefined)
      if (refused.length > 0) {
        this.refusedPaths.push(...refused)
        const xml = errorXml('InvalidArgument', INVALID_PATHS_MESSAGE, 400)
        response.writeHead(400, { 'content-type': 'text/xml' }).end(xml)
        return
      }
    }

    const sent = operation === 'CreateInvalidation' ? batchOf(path, body.toString('utf8')) : undefined
    const known = sent && this.references.get(sent.key)
    if (sent && known && known.batch !== sent.batch) {
      const xml = errorXml(
        'InvalidationBatchAlreadyExists',
        'The CallerReference was used with a different batch',
        409
      )
      response.writeHead(409, { 'content-type': 'text/xml' }).end(xml)
      return
    }
    // CloudFront answers a repeated request with the invalidation the first one created.
    const upstream = known
      ? await forward(this.upstream, request, Buffer.alloc(0), {
          method: 'GET',
          path: `${path.split('?')[0]}/${known.id}`
        })
      : await forward(this.upstream, request, body)
    if (known) upstream.status = 201
    if (sent && !known) {
      const id = /<Invalidation[^>]*>\s*<Id>([^<]+)<\/Id>/.exec(upstream.body.toString('utf8'))?.[1]
      if (id) this.references.set(sent.key, { batch: sent.batch, id })
    }
    if (fault?.kind === 'drop-after-forward') {
      request.socket.destroy()
      return
    }
    let text = upstream.body.toString('utf8')
    if (operation === 'CreateInvalidation' || operation === 'GetInvalidation') text = this.applyHold(text)
    if (sts && this.sessionMs > 0 && upstream.status === 200) {
      const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(text)?.[1]
      if (key) this.issuedAt.set(key, Date.now())
      const expiration = new Date(Date.now() + this.sessionMs).toISOString()
      text = text.replace(/<Expiration>[^<]*<\/Expiration>/, `<Expiration>${expiration}</Expiration>`)
    }
    if (operation === 'ListDistributions' && upstream.status === 200) {
      text = await this.rewriteDistributionList(text, request, path)
    }
    const headers = { ...upstream.headers }
    delete headers['content-length']
    delete headers['transfer-encoding']
    response.writeHead(upstream.status, { ...headers, 'content-length': Buffer.byteLength(text) }).end(text)
  }

  private async rewriteDistributionList(
    xml: string,
    request: IncomingMessage,
    path: string
  ): Promise<string> {
    let summaries = [...xml.matchAll(/<DistributionSummary>[\s\S]*?<\/DistributionSummary>/g)].map(
      match => match[0]
    )
    const idOf = (summary: string) => /<Id>([^<]+)<\/Id>/.exec(summary)?.[1] ?? ''
    if (this.fillAliases) {
      summaries = await Promise.all(
        summaries.map(async summary => {
          const config = await forward(this.upstream, request, Buffer.alloc(0), {
            method: 'GET',
            path: `/2020-05-31/distribution/${idOf(summary)}/config`
          })
          const aliases = /<Aliases>[\s\S]*?<\/Aliases>/.exec(config.body.toString('utf8'))?.[0] ?? ''
          return summary
            .replace(/<Aliases>[\s\S]*?<\/Aliases>/, '')
            .replace(/<\/DomainName>/, `</DomainName>${aliases}`)
        })
      )
    }
    let truncated = false
    let nextMarker = ''
    if (this.pageSize > 0) {
      // CloudFront's Marker is opaque; here it is the ID of the first distribution of the page.
      const marker = new URL(path, 'http://front').searchParams.get('Marker') ?? ''
      const start = marker
        ? Math.max(
            0,
            summaries.findIndex(summary => idOf(summary) === marker)
          )
        : 0
      const rest = summaries.slice(start)
      summaries = rest.slice(0, this.pageSize)
      truncated = rest.length > this.pageSize
      nextMarker = truncated ? idOf(rest[this.pageSize] ?? '') : ''
    }
    const items = summaries.length > 0 ? `<Items>${summaries.join('')}</Items>` : ''
    return xml
      .replace(/<IsTruncated>[^<]*<\/IsTruncated>/, `<IsTruncated>${truncated}</IsTruncated>`)
      .replace(/<Quantity>\d+<\/Quantity>/, `<Quantity>${summaries.length}</Quantity>`)
      .replace(/<Items>[\s\S]*<\/Items>|<Items\/>/, items)
      .replace(
        /<\/IsTruncated>/,
        `</IsTruncated>${nextMarker ? `<NextMarker>${nextMarker}</NextMarker>` : ''}`
      )
  }

  private applyHold(xml: string): string {
    const id = /<Invalidation[^>]*>\s*<Id>([^<]+)<\/Id>/.exec(xml)?.[1]
    if (!id) return xml
    if (!this.createdAt.has(id)) this.createdAt.set(id, Date.now())
    const age = Date.now() - (this.createdAt.get(id) ?? 0)
    const status = age < this.holdMs ? 'InProgress' : 'Completed'
    return xml.replace(/<Status>[^<]*<\/Status>/, `<Status>${status}</Status>`)
  }
}

function errorXml(code: string, message: string, status: number): string {
  const type = status >= 500 ? 'Receiver' : 'Sender'
  return `<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>front-${Date.now()}</RequestId></ErrorResponse>`
}

/** The CallerReference of a CreateInvalidation, keyed by distribution, and its batch of paths. */
function batchOf(path: string, xml: string): { key: string; batch: string } | undefined {
  const distribution = /\/distribution\/([^/]+)\/invalidation/.exec(path)?.[1]
  const reference = /<CallerReference>([^<]*)<\/CallerReference>/.exec(xml)?.[1]
  if (!distribution || reference === undefined) return undefined
  const paths = [...xml.matchAll(/<Path>([^<]*)<\/Path>/g)].map(match => match[1]).sort()
  return { key: `${distribution}/${reference}`, batch: paths.join('\n') }
}

export function operationOf(method: string, path: string, body: string, target = ''): Operation {
  const pathname = path.split('?')[0] ?? ''
  if (/\/distribution$/.test(pathname) && method === 'GET') return 'ListDistributions'
  if (target.endsWith('.GetResources')) return 'GetResources'
  if (/\/distribution\/[^/]+\/invalidation$/.test(pathname))
    return method === 'POST' ? 'CreateInvalidation' : 'ListInvalidations'
  if (/\/distribution\/[^/]+\/invalidation\/[^/]+$/.test(pathname)) return 'GetInvalidation'
  if (/Action=AssumeRoleWithWebIdentity(&|$)/.test(body)) return 'AssumeRoleWithWebIdentity'
  if (/Action=AssumeRole(&|$)/.test(body)) return 'AssumeRole'
  return 'Other'
}

function forward(
  upstream: string,
  request: IncomingMessage,
  body: Buffer,
  instead?: { method: string; path: string }
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const target = new URL(instead?.path ?? request.url ?? '/', upstream)
    const headers = { ...request.headers, host: target.host, 'content-length': String(body.length) }
    const outgoing = httpRequest(target, { method: instead?.method ?? request.method, headers }, incoming => {
      const chunks: Buffer[] = []
      incoming.on('data', chunk => chunks.push(chunk as Buffer))
      incoming.on('end', () => {
        resolve({
          status: incoming.statusCode ?? 502,
          headers: incoming.headers,
          body: Buffer.concat(chunks)
        })
      })
      incoming.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}
