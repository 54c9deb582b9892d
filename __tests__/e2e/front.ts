/**
 * A small HTTP front between the action and moto_server. It forwards every request, records what the
 * action sent (headers included, to check signing and session tokens), and adds what moto does not do:
 * CloudFront's CallerReference rules (the same reference and batch answer with the existing
 * invalidation; with another batch, 409 InvalidationBatchAlreadyExists), injected errors, dropped
 * connections, hung responses, and invalidations that stay InProgress for a while. It refuses, as
 * CloudFront does, a batch with a path CloudFront refuses (a raw ~, a raw space or non-ASCII character,
 * a * inside a path: see __fixtures__/cloudfront-rules.ts for the evidence). On request, it also
 * fills in what moto's ListDistributions leaves out (each distribution's Aliases) and pages it, and holds
 * account-wide API rates as token buckets, answering Throttling when one is empty (see EMULATED_QUOTAS).
 *
 * moto has no CloudFront SaaS Manager, so the front itself plays the tenant API for the tenants a test
 * adds (addTenants): CreateInvalidationForDistributionTenant, GetInvalidationForDistributionTenant,
 * ListDistributionTenants and GetDistributionTenantByDomain, with the paths, XML and errors of AWS's API
 * reference (docs.aws.amazon.com/cloudfront/latest/APIReference/API_<operation>.html; the SDK's
 * serializers in @aws-sdk/client-cloudfront send exactly those), and a multi-tenant distribution that
 * answers CreateInvalidation with NoSuchDistribution, as CloudFront does (domits1/Domits#3250: "that
 * distribution has ConnectionMode tenant-only ... so CloudFront answers NoSuchDistribution").
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
import { EmulatedBucket, THROTTLING_XML, type EmulatedQuota } from '../../scripts/lib/local-aws.js'

export type Operation =
  | 'CreateInvalidation'
  | 'GetInvalidation'
  | 'ListInvalidations'
  | 'ListDistributions'
  | 'GetResources'
  | 'AssumeRoleWithWebIdentity'
  | 'CreateInvalidationForDistributionTenant'
  | 'GetInvalidationForDistributionTenant'
  | 'ListInvalidationsForDistributionTenant'
  | 'ListDistributionTenants'
  | 'GetDistributionTenantByDomain'
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
  /**
   * Forward to moto (so the effect happens), then never answer: CloudFront slow to confirm a create. A
   * request the service received acts whatever becomes of its answer; CloudFront's CallerReference exists
   * for that case, "to prevent you from accidentally resubmitting an identical request" (API_InvalidationBatch),
   * and the hostile sweep of issue 33 saw an invalidation made by a create the step had given up on.
   */
  | { kind: 'hang-after-forward' }
  /** Cut the connection before moto sees the request (a dropped connection: nothing happens). */
  | { kind: 'reset' }

export interface FaultRule {
  operation: Operation
  fault: Fault
  /** How many matching requests get the fault; Infinity for all. */
  times: number
}

/** A distribution tenant the front serves (moto has none). */
export interface FrontTenant {
  /** dt_… */
  id: string
  name: string
  domains: string[]
}

interface TenantInvalidation {
  id: string
  callerReference: string
  paths: string[]
  createdAt: number
}

/** CloudFront's quotas on invalidations in progress (Developer Guide, "Quotas on invalidations"). */
const MAX_PATHS_IN_PROGRESS = 3000
const MAX_WILDCARDS_IN_PROGRESS = 15

export class FaultFront {
  readonly requests: RecordedRequest[] = []
  /** Requests whose effect happened and whose answer the front holds (the hang-after-forward fault). */
  heldAfterForward = 0
  /** Paths of batches the front refused as CloudFront would, to show in a failing test. */
  readonly refusedPaths: string[] = []
  private readonly rules: FaultRule[] = []
  private readonly createdAt = new Map<string, number>()
  /** `distribution/CallerReference` -> the batch sent with it and the invalidation it created. */
  private readonly references = new Map<string, { batch: string; id: string }>()
  private readonly sockets = new Set<Socket>()
  private holdMs = 0
  private scale = 1
  /** Account-wide rate limits: each operation named takes a token from its bucket, or is throttled. */
  private readonly buckets = new Map<Operation, EmulatedBucket>()
  private fillAliases = false
  private pageSize = 0
  /** Multi-tenant distribution ID -> its tenants, in creation order. */
  private readonly tenantsOf = new Map<string, (FrontTenant & { distributionId: string })[]>()
  private readonly tenantInvalidations = new Map<string, TenantInvalidation[]>()
  private tenantPageSize = 100
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

  /**
   * Time runs `scale` times as fast, here and in the action (awsEnv() passes TEST_TIME_SCALE, which the
   * harness turns into preload/fast-clock.mjs): each rate limit allows `scale` times the calls a second,
   * and each InProgress hold lasts a `scale`th as long, so a test states CloudFront's real figures and a
   * 200-tenant run at 0.5 creates a second takes seconds. Session lifetimes are not scaled (the action reads
   * them against the wall clock, which the preload leaves real). Set it before the rate limits.
   */
  scaleTime(scale: number): this {
    if (this.buckets.size > 0) throw new Error('scaleTime: call it before limitRate')
    this.scale = scale
    return this
  }

  /** How many times as fast time runs (scaleTime); 1 unless a test set it. */
  get timeScale(): number {
    return this.scale
  }

  /** Invalidations report InProgress until this long (scaled) after their creation passed through the front. */
  holdInProgress(ms: number): this {
    this.holdMs = ms
    return this
  }

  /**
   * One account-wide token bucket for these operations (a tenant's calls can share their distribution
   * variant's): a call finding it empty is answered 400 Throttling "Rate exceeded", and moto never sees it.
   * `start` is the tokens at first (fewer than the burst when another caller just spent them).
   */
  limitRate(operations: readonly Operation[], quota: EmulatedQuota, start = quota.burst): this {
    const scaled = { perSecond: quota.perSecond * this.scale, burst: quota.burst }
    const bucket = new EmulatedBucket(scaled, Date.now, start)
    for (const operation of operations) this.buckets.set(operation, bucket)
    return this
  }

  /** Calls the rate limits answered with Throttling, of these operations (each bucket counted once). */
  throttled(...operations: Operation[]): number {
    const buckets = new Set(operations.map(operation => this.buckets.get(operation)))
    return [...buckets].reduce((sum, bucket) => sum + (bucket?.throttled ?? 0), 0)
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
   * A multi-tenant distribution (ConnectionMode tenant-only) with these tenants; with none, one that has
   * no tenant yet. Its ID is the front's alone: moto never hears of it.
   */
  addTenants(distributionId: string, tenants: FrontTenant[] = []): this {
    const list = this.tenantsOf.get(distributionId) ?? []
    list.push(...tenants.map(tenant => ({ ...tenant, distributionId })))
    this.tenantsOf.set(distributionId, list)
    for (const tenant of tenants) this.tenantInvalidations.set(tenant.id, [])
    return this
  }

  /** ListDistributionTenants answers at most this many tenants a page (fewer when MaxItems says so). */
  pageDistributionTenants(size: number): this {
    this.tenantPageSize = size
    return this
  }

  /** The invalidations the front holds for a tenant, oldest first. */
  invalidationsOfTenant(tenantId: string): TenantInvalidation[] {
    return [...(this.tenantInvalidations.get(tenantId) ?? [])]
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
    this.scale = 1
    this.buckets.clear()
    this.fillAliases = false
    this.pageSize = 0
    this.tenantsOf.clear()
    this.tenantInvalidations.clear()
    this.tenantPageSize = 100
    this.sessionMs = 0
    this.issuedAt.clear()
    this.expiredKeys.length = 0
    this.heldAfterForward = 0
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

    if (this.buckets.get(operation)?.take() === false) {
      response
        .writeHead(400, { 'content-type': 'text/xml', 'x-amzn-requestid': `front-${this.requests.length}` })
        .end(THROTTLING_XML)
      return
    }

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

    const tenantAnswer = this.answerTenantApi(operation, path, body.toString('utf8'))
    if (tenantAnswer && fault?.kind === 'hang-after-forward') {
      this.heldAfterForward++
      return
    }
    if (tenantAnswer) {
      response.writeHead(tenantAnswer.status, {
        'content-type': 'text/xml',
        'x-amzn-requestid': `front-${this.requests.length}`,
        ...tenantAnswer.headers
      })
      response.end(tenantAnswer.body)
      return
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
    // CloudFront lists invalidations "in decreasing order from most recent to oldest" (API_ListInvalidations,
    // Marker); moto lists them oldest first. The front asks moto for all and answers CloudFront's page.
    if (operation === 'ListInvalidations' && !known) {
      const url = new URL(path, 'http://front')
      const maxItems = Number(url.searchParams.get('MaxItems') ?? '100')
      url.searchParams.delete('MaxItems')
      const all = await forward(this.upstream, request, body, {
        method: 'GET',
        path: url.pathname + url.search
      })
      const text = newestFirst(all.body.toString('utf8'), maxItems)
      response
        .writeHead(all.status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(text) })
        .end(text)
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
    if (fault?.kind === 'hang-after-forward') {
      this.heldAfterForward++
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

  /**
   * The tenant API, and the distribution calls a multi-tenant distribution refuses; undefined for every
   * other request (moto answers those).
   */
  private answerTenantApi(
    operation: Operation,
    path: string,
    body: string
  ): { status: number; body: string; headers?: Record<string, string> } | undefined {
    const pathname = path.split('?')[0] ?? ''
    const error = (status: number, code: string, message: string) => ({
      status,
      body: errorXml(code, message, status)
    })
    const distribution = /\/distribution\/([^/]+)\/invalidation/.exec(pathname)?.[1]
    if (distribution && this.tenantsOf.has(decodeURIComponent(distribution))) {
      // A tenant-only distribution serves nothing itself (domits1/Domits#3250); the message is
      // CloudFront's NoSuchDistribution text (drone-plugins/drone-s3-sync#72).
      return error(404, 'NoSuchDistribution', 'The specified distribution does not exist.')
    }
    const tenants = [...this.tenantsOf.values()].flat()
    if (operation === 'ListDistributionTenants') {
      // POST /2020-05-31/distribution-tenants with a ListDistributionTenantsRequest: AssociationFilter
      // (DistributionId), Marker, MaxItems (API_ListDistributionTenants).
      const wanted = /<AssociationFilter>[\s\S]*?<DistributionId>([^<]*)<\/DistributionId>/.exec(body)?.[1]
      const marker = /<Marker>([^<]*)<\/Marker>/.exec(body)?.[1] ?? ''
      const maxItems = Number(/<MaxItems>(\d+)<\/MaxItems>/.exec(body)?.[1] ?? '0')
      const matching = wanted === undefined ? tenants : tenants.filter(t => t.distributionId === wanted)
      // The Marker is opaque to callers; here it is the ID of the first tenant of the next page.
      const start = marker ? matching.findIndex(tenant => tenant.id === marker) : 0
      if (start < 0) return error(400, 'InvalidArgument', 'The marker is not valid.')
      const size = Math.min(this.tenantPageSize, maxItems > 0 ? maxItems : Infinity)
      const page = matching.slice(start, start + size)
      const next = matching[start + size]?.id
      return { status: 200, body: tenantListXml(page, next) }
    }
    if (operation === 'GetDistributionTenantByDomain') {
      // GET /2020-05-31/distribution-tenant?domain=... answers the DistributionTenant, or EntityNotFound
      // (404) when no tenant has the domain (API_GetDistributionTenantByDomain). Domains are DNS names:
      // compared without regard to case.
      const domain = (new URL(path, 'http://front').searchParams.get('domain') ?? '').toLowerCase()
      const tenant = tenants.find(candidate => candidate.domains.some(d => d.toLowerCase() === domain))
      if (!tenant) return error(404, 'EntityNotFound', 'The entity was not found.')
      return {
        status: 200,
        body: xmlHeader + tenantXml('DistributionTenant', tenant, true),
        headers: { etag: 'E2FRONTETAG' }
      }
    }
    const tenantId = decodeURIComponent(
      /\/distribution-tenant\/([^/]+)\/invalidation/.exec(pathname)?.[1] ?? ''
    )
    if (operation === 'CreateInvalidationForDistributionTenant') {
      // POST /2020-05-31/distribution-tenant/{Id}/invalidation with an InvalidationBatch; 201 with the
      // Invalidation and a Location header (API_CreateInvalidationForDistributionTenant).
      const held = this.tenantInvalidations.get(tenantId)
      if (!held) return error(404, 'EntityNotFound', 'The entity was not found.')
      const paths = batchPaths(body)
      const refused = paths.filter(item => refusalOf(item) !== undefined)
      if (refused.length > 0) {
        this.refusedPaths.push(...refused)
        return error(400, 'InvalidArgument', INVALID_PATHS_MESSAGE)
      }
      const quantity = Number(/<Quantity>(\d+)<\/Quantity>/.exec(body)?.[1] ?? '-1')
      if (quantity !== paths.length) {
        return error(400, 'InconsistentQuantities', 'Quantity does not match the number of paths.')
      }
      const callerReference = /<CallerReference>([^<]*)<\/CallerReference>/.exec(body)?.[1] ?? ''
      const same = held.find(invalidation => invalidation.callerReference === callerReference)
      const key = (list: readonly string[]) => [...list].sort().join('\n')
      if (same && key(same.paths) !== key(paths)) {
        return error(
          409,
          'InvalidationBatchAlreadyExists',
          'The CallerReference was used with a different batch'
        )
      }
      // The same reference and batch answer with the invalidation they created, as for distributions.
      if (same) return { status: 201, body: xmlHeader + this.invalidationXml(same) }
      // The quotas on invalidations in progress, counted per tenant here (AWS documents them per
      // distribution; a tenant has its own invalidations). The message is the API reference's
      // description of TooManyInvalidationsInProgress.
      const inProgress = held.filter(invalidation => this.tenantStatus(invalidation) === 'InProgress')
      const wildcards = (list: readonly string[]) => list.filter(item => item.endsWith('*')).length
      const pathsInProgress = inProgress.reduce((sum, invalidation) => sum + invalidation.paths.length, 0)
      const wildcardsInProgress = inProgress.reduce(
        (sum, invalidation) => sum + wildcards(invalidation.paths),
        0
      )
      if (
        pathsInProgress + paths.length > MAX_PATHS_IN_PROGRESS ||
        wildcardsInProgress + wildcards(paths) > MAX_WILDCARDS_IN_PROGRESS
      ) {
        return error(
          400,
          'TooManyInvalidationsInProgress',
          'You have exceeded the maximum number of allowable InProgress invalidation batch requests, or invalidation objects.'
        )
      }
      const invalidation = { id: invalidationId(), callerReference, paths, createdAt: Date.now() }
      held.push(invalidation)
      return {
        status: 201,
        body: xmlHeader + this.invalidationXml(invalidation),
        headers: {
          location: `https://cloudfront.amazonaws.com/2020-05-31/distribution-tenant/${tenantId}/invalidation/${invalidation.id}`
        }
      }
    }
    if (operation === 'ListInvalidationsForDistributionTenant') {
      // GET /2020-05-31/distribution-tenant/{Id}/invalidation?MaxItems=: an InvalidationList of
      // InvalidationSummary (Id, CreateTime, Status), newest first, as ListInvalidations answers
      // (API_ListInvalidationsForDistributionTenant; ListInvalidations' Marker: "in decreasing order from
      // most recent to oldest").
      const held = this.tenantInvalidations.get(tenantId)
      if (!held) return error(404, 'EntityNotFound', 'The entity was not found.')
      const maxItems = Number(new URL(path, 'http://front').searchParams.get('MaxItems') ?? '100')
      const page = [...held].reverse().slice(0, maxItems)
      const items = page
        .map(
          invalidation =>
            `<InvalidationSummary><Id>${invalidation.id}</Id><CreateTime>${new Date(invalidation.createdAt).toISOString()}</CreateTime><Status>${this.tenantStatus(invalidation)}</Status></InvalidationSummary>`
        )
        .join('')
      return {
        status: 200,
        body: `${xmlHeader}<InvalidationList xmlns="${XMLNS}"><Marker></Marker><MaxItems>${maxItems}</MaxItems><IsTruncated>${held.length > maxItems}</IsTruncated><Quantity>${page.length}</Quantity>${page.length > 0 ? `<Items>${items}</Items>` : ''}</InvalidationList>`
      }
    }
    if (operation === 'GetInvalidationForDistributionTenant') {
      // GET /2020-05-31/distribution-tenant/{DistributionTenantId}/invalidation/{Id}: the Invalidation,
      // EntityNotFound for an unknown tenant, NoSuchInvalidation for an unknown ID
      // (API_GetInvalidationForDistributionTenant).
      const held = this.tenantInvalidations.get(tenantId)
      if (!held) return error(404, 'EntityNotFound', 'The entity was not found.')
      const id = decodeURIComponent(pathname.split('/').at(-1) ?? '')
      const invalidation = held.find(candidate => candidate.id === id)
      if (!invalidation) return error(404, 'NoSuchInvalidation', 'The specified invalidation does not exist.')
      return { status: 200, body: xmlHeader + this.invalidationXml(invalidation) }
    }
    return undefined
  }

  private tenantStatus(invalidation: TenantInvalidation): 'InProgress' | 'Completed' {
    return Date.now() - invalidation.createdAt < this.holdMs / this.scale ? 'InProgress' : 'Completed'
  }

  private invalidationXml(invalidation: TenantInvalidation): string {
    const items = invalidation.paths.map(item => `<Path>${escapeXml(item)}</Path>`).join('')
    return `<Invalidation xmlns="${XMLNS}"><Id>${invalidation.id}</Id><Status>${this.tenantStatus(invalidation)}</Status><CreateTime>${new Date(invalidation.createdAt).toISOString()}</CreateTime><InvalidationBatch><Paths><Quantity>${invalidation.paths.length}</Quantity><Items>${items}</Items></Paths><CallerReference>${escapeXml(invalidation.callerReference)}</CallerReference></InvalidationBatch></Invalidation>`
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
    const status = age < this.holdMs / this.scale ? 'InProgress' : 'Completed'
    return xml.replace(/<Status>[^<]*<\/Status>/, `<Status>${status}</Status>`)
  }
}

const XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/'
const xmlHeader = '<?xml version="1.0" encoding="UTF-8"?>'

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** CloudFront's invalidation IDs: I and upper-case letters and digits. */
function invalidationId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  return (
    'I' + Array.from({ length: 13 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('')
  )
}

/** A DistributionTenant or DistributionTenantSummary element (API_DistributionTenantSummary). */
function tenantXml(
  element: string,
  tenant: FrontTenant & { distributionId: string },
  namespaced = false
): string {
  const domains = tenant.domains
    .map(
      domain => `<DomainResult><Domain>${escapeXml(domain)}</Domain><Status>active</Status></DomainResult>`
    )
    .join('')
  const at = '2025-05-06T15:42:28.542Z'
  return `<${element}${namespaced ? ` xmlns="${XMLNS}"` : ''}><Id>${tenant.id}</Id><DistributionId>${tenant.distributionId}</DistributionId><Name>${escapeXml(tenant.name)}</Name><Arn>arn:aws:cloudfront::123456789012:distribution-tenant/${tenant.id}</Arn><Domains>${domains}</Domains><CreatedTime>${at}</CreatedTime><LastModifiedTime>${at}</LastModifiedTime>${element === 'DistributionTenantSummary' ? '<ETag>E2FRONTETAG</ETag>' : ''}<Enabled>true</Enabled><Status>Deployed</Status></${element}>`
}

/** ListDistributionTenantsResult: NextMarker when more follow, then the DistributionTenantList. */
function tenantListXml(
  page: readonly (FrontTenant & { distributionId: string })[],
  next: string | undefined
): string {
  const items = page.map(tenant => tenantXml('DistributionTenantSummary', tenant)).join('')
  return `${xmlHeader}<ListDistributionTenantsResult xmlns="${XMLNS}">${next ? `<NextMarker>${next}</NextMarker>` : ''}<DistributionTenantList>${items}</DistributionTenantList></ListDistributionTenantsResult>`
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

/** moto's InvalidationList, newest first and cut to maxItems, as CloudFront pages it. */
function newestFirst(xml: string, maxItems: number): string {
  const items = [...xml.matchAll(/<InvalidationSummary>[\s\S]*?<\/InvalidationSummary>/g)].map(
    match => match[0]
  )
  const at = (item: string) => Date.parse(/<CreateTime>([^<]*)<\/CreateTime>/.exec(item)?.[1] ?? '') || 0
  const page = items.sort((a, b) => at(b) - at(a)).slice(0, maxItems)
  const list = xml.replace(
    /<Items>[\s\S]*<\/Items>/,
    page.length > 0 ? `<Items>${page.join('')}</Items>` : ''
  )
  return list
    .replace(/<Quantity>\d+<\/Quantity>/, `<Quantity>${page.length}</Quantity>`)
    .replace(/<IsTruncated>[^<]*<\/IsTruncated>/, `<IsTruncated>${items.length > maxItems}</IsTruncated>`)
}

export function operationOf(method: string, path: string, body: string, target = ''): Operation {
  const pathname = path.split('?')[0] ?? ''
  if (/\/distribution-tenants$/.test(pathname) && method === 'POST') return 'ListDistributionTenants'
  if (/\/distribution-tenant$/.test(pathname) && method === 'GET') return 'GetDistributionTenantByDomain'
  if (/\/distribution-tenant\/[^/]+\/invalidation$/.test(pathname))
    return method === 'POST'
      ? 'CreateInvalidationForDistributionTenant'
      : 'ListInvalidationsForDistributionTenant'
  if (/\/distribution-tenant\/[^/]+\/invalidation\/[^/]+$/.test(pathname) && method === 'GET')
    return 'GetInvalidationForDistributionTenant'
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
