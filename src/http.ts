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
  if (!proxyUrl(env)) return timeouts
  const proxyEnv = Object.fromEntries(
    [...PROXY_VARIABLES, ...NO_PROXY_VARIABLES].flatMap(name => (env[name] ? [[name, env[name]]] : []))
  )
  return {
    ...timeouts,
    httpAgent: new HttpAgent({ keepAlive: true, proxyEnv }),
    httpsAgent: new HttpsAgent({ keepAlive: true, proxyEnv })
  }
}

/** The proxy AWS calls go through, if any, for the log: without any user:password it may carry. */
export function proxyUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = PROXY_VARIABLES.map(name => env[name]).find(Boolean)
  if (!raw) return undefined
  try {
    const url = new URL(raw)
    return `${url.protocol}//${url.host}`
  } catch {
    return '(unparsable proxy URL)'
  }
}
