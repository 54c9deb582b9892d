/**
 * The HTTP client for the site: GETs a changed URL as a browser would (no credentials, no cookies, the
 * encodings browsers accept), reads the status and the headers judging needs, and reads no more of the
 * body than a keep-alive connection needs to be reused. Redirects are not followed: judged as served.
 * Proxies are honoured as the AWS calls honour them (http.ts: Node's proxyEnv agents), and each request
 * ends at its own timeout or at the step's deadline, whichever is first.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { errorName } from '../aws/sdk-error.js'
import { CancelledError, type Clock } from '../common/clock.js'
import type { ProxySettings } from '../common/http.js'
import { ACTION_NAME, ACTION_VERSION } from '../common/version.js'
import type { ChangedObject } from '../types.js'
import type { BucketAnswer, BucketReader } from './bucket.js'
import { entityTag, type Answer } from './headers.js'
import { isRetryable, judgeAnswer, judgeNoAnswer } from './judge.js'
import { UNKNOWN, type Judgement, type NoAnswer, type ObjectFact } from './verdict.js'
import { urlOf } from './urls.js'
import type { Site } from '../types.js'

/** Requests in flight at once per site: a few, about what a browser opens per host over HTTP/1.1. */
export const CONCURRENCY = 8
/** The longest one request may take (the step's deadline may cut it shorter). */
const REQUEST_TIMEOUT_MS = 10_000
/** A 5xx, a 429 or a dropped connection is asked again after these pauses. */
const RETRY_DELAYS_MS: readonly number[] = [500, 1500]
/** A hit without Age is asked once more after this pause (judge.ts: askAgain). */
const ASK_AGAIN_MS = 1000
/** Body bytes read, at most, so that the connection can be reused; a longer body ends the connection. */
export const BODY_LIMIT = 64 * 1024
/** Header values longer than this are cut: they are untrusted and only shown, escaped. */
const HEADER_LIMIT = 512

/** The headers judging reads (the summary shows X-Cache); nothing else of the answer is kept. */
const KEPT = ['date', 'age', 'x-cache', 'cache-control', 'expires', 'etag', 'server'] as const

export interface SiteClient {
  get(url: URL, signal: AbortSignal): Promise<Answer | NoAnswer>
  close(): void
}

/** The agents the site's requests go through: keep-alive, and the proxy as http.ts read it. */
export function siteClient(proxy: ProxySettings, timeoutMs = REQUEST_TIMEOUT_MS): SiteClient {
  const proxyEnv =
    proxy.https || proxy.http
      ? {
          ...(proxy.https ? { HTTPS_PROXY: proxy.https.url } : {}),
          ...(proxy.http ? { HTTP_PROXY: proxy.http.url } : {}),
          ...(proxy.noProxy ? { NO_PROXY: proxy.noProxy.url } : {})
        }
      : undefined
  const options = { keepAlive: true, maxSockets: CONCURRENCY, ...(proxyEnv ? { proxyEnv } : {}) }
  const http = new HttpAgent(options)
  const https = new HttpsAgent(options)
  return {
    get: (url, signal) =>
      get(url, url.protocol === 'https:' ? https : http, signal, AbortSignal.timeout(timeoutMs)),
    close: () => {
      http.destroy()
      https.destroy()
    }
  }
}

/** `step` is the step's deadline (wait-timeout, or the job cancelled); `own` the request's own timeout. */
function get(url: URL, agent: HttpAgent, step: AbortSignal, own: AbortSignal): Promise<Answer | NoAnswer> {
  const signal = AbortSignal.any([step, own])
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve(noAnswer(signal.reason, step))
      return
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const request = send(
      url,
      {
        method: 'GET',
        agent,
        signal,
        // Browsers take far longer headers than Node's 16 KiB default (a long Content-Security-Policy).
        maxHeaderSize: 256 * 1024,
        headers: {
          'user-agent': `Mozilla/5.0 (compatible; ${ACTION_NAME}/${ACTION_VERSION}; verify)`,
          accept: '*/*',
          'accept-encoding': 'gzip, deflate, br, zstd',
          'cache-control': 'no-cache'
        }
      },
      response => {
        resolve(answerOf(response))
        drain(response)
      }
    )
    request.on('error', error => {
      resolve(noAnswer(error, step))
    })
    request.end()
  })
}

/** Reads at most BODY_LIMIT bytes and drops the rest with the connection. */
function drain(response: IncomingMessage): void {
  let read = 0
  const length = Number(response.headers['content-length'] ?? NaN)
  if (length > BODY_LIMIT) {
    response.destroy()
    return
  }
  response.on('data', (chunk: Buffer) => {
    read += chunk.length
    if (read > BODY_LIMIT) response.destroy()
  })
  response.on('error', () => undefined)
}

function answerOf(response: IncomingMessage): Answer {
  const headers: Record<string, string | undefined> = {}
  for (const name of KEPT) {
    // A header sent twice (two Date headers from a proxy in front) is read as its first value.
    const value = response.headersDistinct[name]?.[0]
    if (value !== undefined) headers[name] = value.slice(0, HEADER_LIMIT)
  }
  return { status: response.statusCode ?? 0, headers }
}

/** Why a request got no answer; `step` tells a cancelled job and the step's deadline from the rest. */
function noAnswer(error: unknown, step: AbortSignal): NoAnswer {
  const code = (error as { code?: string } | undefined)?.code ?? ''
  const name = errorName(error)
  if (step.aborted) {
    return step.reason instanceof CancelledError
      ? { kind: 'cancelled', reason: 'not answered before the job was cancelled' }
      : { kind: 'deadline', reason: 'not answered before wait-timeout' }
  }
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'timeout', reason: `no answer in time (timed out after ${REQUEST_TIMEOUT_MS / 1000} s)` }
  }
  if (code === 'ECONNREFUSED') return { kind: 'refused', reason: 'the connection was refused' }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { kind: 'dns', reason: 'the host name does not resolve (DNS)' }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'ERR_PROXY_TUNNEL') {
    return { kind: 'reset', reason: `the connection was dropped (${code})` }
  }
  if (/CERT|SSL|TLS/i.test(code)) return { kind: 'tls', reason: `the TLS handshake failed (${code})` }
  return { kind: 'other', reason: `the request failed (${code || name || 'no answer'})` }
}

function isNoAnswer(value: Answer | NoAnswer): value is NoAnswer {
  return 'kind' in value
}

/** One URL's verdict, with what was asked. */
export interface VerifiedUrl extends Omit<Judgement, 'askAgain'> {
  path: string
  url: string
  /** Requests made for it (retries included). */
  attempts: number
  /** The S3 object behind it, as `s3://bucket/key`, when the step knows it. */
  object?: string
  /** What HeadObject said of that object, when it was asked. */
  bucket?: BucketAnswer['kind']
  /** Why HeadObject gave no answer, when it failed. */
  bucketFailure?: string
}

export interface VerifyDeps {
  client: SiteClient
  clock: Clock
  /** The step's deadline: every request ends there. */
  signal: AbortSignal
  /** What the step's sources say of the object behind a path (its S3 key, a deletion). */
  objects?: ReadonlyMap<string, ChangedObject>
  /** HeadObject, for paths whose S3 object is known: the content check. */
  bucket?: BucketReader
}

/**
 * Requests each path on the site, CONCURRENCY at a time, and judges each answer against the
 * invalidation's CreateTime (epoch ms). A path that would leave the site's host is never requested.
 */
export async function verifyPaths(
  site: Site,
  paths: readonly string[],
  createdAt: number,
  deps: VerifyDeps
): Promise<VerifiedUrl[]> {
  const results: VerifiedUrl[] = new Array<VerifiedUrl>(paths.length)
  let next = 0
  const worker = async () => {
    while (next < paths.length) {
      const index = next++
      const path = paths[index] as string
      results[index] = await verifyOne(site, path, createdAt, deps)
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, paths.length) }, worker))
  return results
}

async function verifyOne(
  site: Site,
  path: string,
  createdAt: number,
  deps: VerifyDeps
): Promise<VerifiedUrl> {
  const url = urlOf(site, path)
  if (!url) {
    return {
      path,
      url: `${site.origin}${path}`,
      attempts: 0,
      verdict: 'unchecked',
      rule: 'answer',
      reason: `not requested: the path would leave ${site.hostname}`
    }
  }
  const object = deps.objects?.get(path)
  // The bucket is asked while the edge is: the content check adds no round trip.
  const headed = object?.s3 && deps.bucket ? deps.bucket.head(object.s3, deps.signal) : undefined
  const first = await ask(url, deps)
  const bucket = await headed
  const fact = factOf(object, bucket)
  const about = {
    path,
    url: url.href,
    ...(object?.s3 ? { object: `s3://${object.s3.bucket}/${object.s3.key}` } : {}),
    ...(bucket ? { bucket: bucket.kind } : {}),
    ...(bucket?.kind === 'failed' ? { bucketFailure: bucket.reason } : {})
  }
  let judged = judge(first.answer, createdAt, fact)
  let attempts = first.attempts
  if (judged.askAgain && !deps.signal.aborted) {
    try {
      await deps.clock.sleep(ASK_AGAIN_MS, deps.signal)
      const again = await ask(url, deps)
      attempts += again.attempts
      judged = judge(again.answer, createdAt, fact)
    } catch {
      // The deadline passed while pausing: the first answer's verdict stands.
    }
  }
  delete judged.askAgain
  return { ...judged, ...about, attempts }
}

function judge(answer: Answer | NoAnswer, createdAt: number, fact: ObjectFact): Judgement {
  return isNoAnswer(answer) ? judgeNoAnswer(answer) : judgeAnswer(answer, createdAt, fact)
}

/** One answer of the site, asked again after a 5xx, a 429 or a dropped connection. */
async function ask(url: URL, deps: VerifyDeps): Promise<{ answer: Answer | NoAnswer; attempts: number }> {
  let attempts = 0
  for (;;) {
    attempts++
    const answer = await deps.client.get(url, deps.signal)
    const retry = isNoAnswer(answer) ? answer.kind === 'reset' : isRetryable(answer.status)
    const delay = RETRY_DELAYS_MS[attempts - 1]
    if (retry && delay !== undefined && !deps.signal.aborted) {
      try {
        await deps.clock.sleep(delay, deps.signal)
        continue
      } catch {
        // The deadline passed while pausing: judge the last answer.
      }
    }
    return { answer, attempts }
  }
}

/**
 * What is known of the object: the bucket's answer first (it is the current truth), else what the step's
 * sources said (a `delete:` line, an inventory that lacks it).
 */
export function factOf(object: ChangedObject | undefined, bucket: BucketAnswer | undefined): ObjectFact {
  const derived = object?.derived ? { derived: object.derived } : {}
  if (bucket?.kind === 'present') {
    // The bucket's ETag read as the edge's is, so the two compare alike.
    return { kind: 'present', etag: entityTag(bucket.etag) ?? bucket.etag, ...derived }
  }
  if (bucket?.kind === 'absent') return { kind: 'deleted', from: 'the bucket no longer holds it', ...derived }
  if (object?.deleted) return { kind: 'deleted', from: object.deleted, ...derived }
  if (bucket?.kind === 'denied') return { kind: 'denied', ...derived }
  return { ...UNKNOWN, ...derived }
}
