/**
 * The HTTP client for the site: GETs a changed URL as a browser would (no credentials, no cookies, the
 * encodings browsers accept), reads the status and the headers judging needs, and reads no more of the
 * body than a keep-alive connection needs to be reused. Redirects are not followed: judged as served.
 * Proxies are honoured as the AWS calls honour them (http.ts: Node's proxyEnv agents), and each request
 * ends at its own timeout or at the step's deadline, whichever is first.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Clock } from '../clock.js'
import type { ProxySettings } from '../http.js'
import { ACTION_NAME, ACTION_VERSION } from '../version.js'
import {
  isRetryable,
  judgeAnswer,
  judgeNoAnswer,
  type Answer,
  type Judgement,
  type NoAnswer
} from './judge.js'
import { urlOf, type Site } from './urls.js'

/** Requests in flight at once per site: a few, about what a browser opens per host over HTTP/1.1. */
export const CONCURRENCY = 8
/** The longest one request may take (the step's deadline may cut it shorter). */
const REQUEST_TIMEOUT_MS = 10_000
/** A 5xx, a 429 or a dropped connection is asked again after these pauses. */
const RETRY_DELAYS_MS: readonly number[] = [500, 1500]
/** Body bytes read, at most, so that the connection can be reused; a longer body ends the connection. */
export const BODY_LIMIT = 64 * 1024
/** Header values longer than this are cut: they are untrusted and only shown, escaped. */
const HEADER_LIMIT = 512

/** The headers judging reads (the summary shows X-Cache); nothing else of the answer is kept. */
const KEPT = ['date', 'age', 'x-cache', 'cache-control', 'expires'] as const

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
      get(
        url,
        url.protocol === 'https:' ? https : http,
        AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
      ),
    close: () => {
      http.destroy()
      https.destroy()
    }
  }
}

function get(url: URL, agent: HttpAgent, signal: AbortSignal): Promise<Answer | NoAnswer> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve(noAnswer(signal.reason, signal))
      return
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const request = send(
      url,
      {
        method: 'GET',
        agent,
        signal,
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
      resolve(noAnswer(error, signal))
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
    const raw = response.headers[name]
    const value = Array.isArray(raw) ? raw.join(', ') : raw
    if (value !== undefined) headers[name] = value.slice(0, HEADER_LIMIT)
  }
  return { status: response.statusCode ?? 0, headers }
}

function noAnswer(error: unknown, signal: AbortSignal): NoAnswer {
  const code = (error as { code?: string } | undefined)?.code ?? ''
  const name = (error as { name?: string } | undefined)?.name ?? ''
  const reason = signal.aborted ? (signal.reason as { name?: string } | undefined)?.name : undefined
  if (reason === 'TimeoutError' || name === 'TimeoutError') {
    return { kind: 'timeout', reason: 'no answer in time (timed out)' }
  }
  if (signal.aborted) return { kind: 'timeout', reason: 'stopped at wait-timeout, or the job was cancelled' }
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
export interface VerifiedUrl extends Judgement {
  path: string
  url: string
  /** Requests made for it (retries included). */
  attempts: number
}

export interface VerifyDeps {
  client: SiteClient
  clock: Clock
  /** The step's deadline: every request ends there. */
  signal: AbortSignal
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
      reason: `not requested: the path would leave ${site.hostname}`
    }
  }
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
    const judged = isNoAnswer(answer) ? judgeNoAnswer(answer) : judgeAnswer(answer, createdAt)
    return { ...judged, path, url: url.href, attempts }
  }
}
