import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const
const NO_PROXY_VARIABLES = ['NO_PROXY', 'no_proxy'] as const

/**
 * Options for the AWS SDK's Node HTTP handler, shared by every client of the action: timeouts per
 * attempt (the step's deadline bounds the whole call), and the proxy of a self-hosted runner. The SDK
 * ignores HTTPS_PROXY / HTTP_PROXY / NO_PROXY by itself; Node 24's agents honour them through
 * `proxyEnv`, so no proxy library is bundled.
 */
export function requestHandlerOptions(env: NodeJS.ProcessEnv = process.env) {
  // throwOnRequestTimeout: without it the SDK only logs a warning when requestTimeout passes, and waits on.
  const timeouts = { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true }
  if (!PROXY_VARIABLES.some(name => env[name])) return timeouts
  const proxyEnv = Object.fromEntries(
    [...PROXY_VARIABLES, ...NO_PROXY_VARIABLES].flatMap(name => (env[name] ? [[name, env[name]]] : []))
  )
  return {
    ...timeouts,
    httpAgent: new HttpAgent({ keepAlive: true, proxyEnv }),
    httpsAgent: new HttpsAgent({ keepAlive: true, proxyEnv })
  }
}

/**
 * What the log says about the proxy, if one is configured. AWS APIs are HTTPS, which Node sends through
 * HTTPS_PROXY only: a runner with just HTTP_PROXY set reaches AWS directly, and is told so.
 */
export function describeProxy(
  env: NodeJS.ProcessEnv = process.env
): { warning: boolean; message: string } | undefined {
  const https = env.HTTPS_PROXY || env.https_proxy
  if (https) {
    return {
      warning: false,
      message: `AWS requests go through the proxy ${withoutCredentials(https)} (HTTPS_PROXY; hosts in NO_PROXY go direct).`
    }
  }
  const http = env.HTTP_PROXY || env.http_proxy
  if (!http) return undefined
  return {
    warning: true,
    message: `HTTP_PROXY is set (${withoutCredentials(http)}) but HTTPS_PROXY is not: AWS APIs are HTTPS, so AWS requests go direct. Set HTTPS_PROXY to send them through the proxy.`
  }
}

/** A proxy URL for the log: without any user:password it may carry. */
function withoutCredentials(raw: string): string {
  try {
    const url = new URL(raw)
    return `${url.protocol}//${url.host}`
  } catch {
    return '(unparsable proxy URL)'
  }
}
