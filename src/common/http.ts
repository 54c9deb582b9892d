import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { UserError } from './errors.js'

/** Where one kind of request (http: or https:) is sent, as Node 24's proxyEnv agents decide it. */
export interface ProxyChoice {
  /** A URL Node accepts: scheme-less values get http://, as curl and @actions/http-client read them. */
  url: string
  /** The variable it came from, for the log and for errors. */
  variable: string
}

export interface ProxySettings {
  https?: ProxyChoice
  http?: ProxyChoice
  /** NO_PROXY's list, and the variable it came from. */
  noProxy?: ProxyChoice
}

/**
 * Reads the proxy variables the way Node 24 does (lib/internal/http.js, parseProxyUrl): for https: URLs
 * `https_proxy`, then `HTTPS_PROXY`; for http: URLs `http_proxy`, then `HTTP_PROXY` (lower case wins);
 * `no_proxy`, then `NO_PROXY`. Node ignores, silently, a value without http:// or https://, so a value
 * without any scheme (`127.0.0.1:3128`, as curl accepts it) is read as http://; any other scheme, or a
 * value that is no URL, fails here, naming the variable, before any AWS call.
 */
export function readProxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (names: readonly string[]) => {
    const variable = names.find(name => env[name])
    return variable === undefined ? undefined : { variable, value: env[variable] as string }
  }
  const proxy = (names: readonly string[]): ProxyChoice | undefined => {
    const found = pick(names)
    if (!found) return undefined
    return { variable: found.variable, url: proxyUrl(found.variable, found.value) }
  }
  const https = proxy(['https_proxy', 'HTTPS_PROXY'])
  const http = proxy(['http_proxy', 'HTTP_PROXY'])
  const noProxy = pick(['no_proxy', 'NO_PROXY'])
  return {
    ...(https ? { https } : {}),
    ...(http ? { http } : {}),
    ...(noProxy ? { noProxy: { variable: noProxy.variable, url: noProxy.value } } : {})
  }
}

function proxyUrl(variable: string, raw: string): string {
  const value = raw.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  let url: URL | undefined
  try {
    url = /[\r\n]/.test(value) ? undefined : new URL(withScheme)
  } catch {
    url = undefined
  }
  if (!url || !url.hostname) {
    throw new UserError(
      `${variable}: the proxy is not a URL Node can use. Set it to http://host:port (for example http://proxy.internal:3128), or unset it.`
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(
      `${variable}: ${url.protocol.slice(0, -1)} proxies are not supported; Node, which runs this action, sends requests only through http:// or https:// proxies. Set ${variable} to an http:// proxy, or unset it.`
    )
  }
  return withScheme
}

/** Node's NO_PROXY matching (lib/internal/http.js, ProxyConfig.shouldUseProxy), IPv4 ranges included. */
export function bypassesProxy(noProxy: string, hostname: string, port: string): boolean {
  const host = hostname.toLowerCase()
  const hostWithPort = port ? `${host}:${port}` : host
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase()
    if (entry === '*' || entry === host || entry === hostWithPort) return true
    if (entry.startsWith('.')) {
      const suffix = entry.slice(1)
      if (host === suffix || (host.endsWith(suffix) && host[host.length - suffix.length - 1] === '.'))
        return true
    }
    if (entry.startsWith('*.') && host.endsWith(entry.slice(1))) return true
    const [start, end] = entry.split('-').map(part => part.trim())
    if (start && end && [host, start, end].every(isIPv4)) {
      const value = ipv4(host)
      if (value >= ipv4(start) && value <= ipv4(end)) return true
    }
  }
  return false
}

function isIPv4(text: string): boolean {
  return (
    /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text) && text.split('.').every(n => Number(n) < 256)
  )
}

function ipv4(text: string): number {
  return text.split('.').reduce((sum, part) => sum * 256 + Number(part), 0)
}

/** The proxy a request to `endpoint` goes through, or undefined when it goes direct. */
export function proxyFor(proxy: ProxySettings, endpoint: URL): ProxyChoice | undefined {
  const choice =
    endpoint.protocol === 'https:' ? proxy.https : endpoint.protocol === 'http:' ? proxy.http : undefined
  if (!choice) return undefined
  // URL drops a scheme's default port: Node compares host:port with the port as given.
  if (
    proxy.noProxy &&
    bypassesProxy(proxy.noProxy.url, endpoint.hostname.replace(/^\[|\]$/g, ''), endpoint.port)
  )
    return undefined
  return choice
}

/** Node 24.5 added the agents' proxyEnv option; older versions ignore it without a word. */
export function supportsProxyEnv(nodeVersion: string): boolean {
  const [major = 0, minor = 0] = nodeVersion.split('.').map(Number)
  return major > 24 || (major === 24 && minor >= 5)
}

/**
 * Options for the AWS SDK's Node HTTP handler, shared by every client of the action: timeouts per
 * attempt (the step's deadline bounds the whole call), and the proxy of a self-hosted runner. The SDK
 * ignores the proxy variables by itself; Node 24's agents honour them through `proxyEnv`, given here as
 * this module read them (so that what the log says is what Node does), and no proxy library is bundled.
 */
export function requestHandlerOptions(proxy: ProxySettings = {}) {
  // throwOnRequestTimeout: without it the SDK only logs a warning when requestTimeout passes, and waits on.
  const timeouts = { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true }
  if (!proxy.https && !proxy.http) return timeouts
  const proxyEnv = {
    ...(proxy.https ? { HTTPS_PROXY: proxy.https.url } : {}),
    ...(proxy.http ? { HTTP_PROXY: proxy.http.url } : {}),
    ...(proxy.noProxy ? { NO_PROXY: proxy.noProxy.url } : {})
  }
  return {
    ...timeouts,
    httpAgent: new HttpAgent({ keepAlive: true, proxyEnv }),
    httpsAgent: new HttpsAgent({ keepAlive: true, proxyEnv })
  }
}

/** One line of the log about how the step reaches AWS. */
export interface ProxyNote {
  warning: boolean
  message: string
}

/**
 * What the log says about the proxy, for each AWS endpoint the step calls; nothing when no proxy variable
 * is set. Says "through the proxy" only for requests Node will send through it.
 */
export function describeProxy(
  proxy: ProxySettings,
  endpoints: readonly { service: string; url: string }[],
  nodeVersion: string = process.versions.node
): ProxyNote[] {
  if (!proxy.https && !proxy.http) return []
  if (!supportsProxyEnv(nodeVersion)) {
    return [
      {
        warning: true,
        message: `A proxy is set (${[proxy.https?.variable, proxy.http?.variable].filter(Boolean).join(', ')}), but Node ${nodeVersion} ignores it: proxy support in Node's agents (proxyEnv) needs Node 24.5 or later, so AWS requests go direct. Update the runner (it brings its own Node 24), or allow direct access to AWS.`
      }
    ]
  }
  return endpoints.map(({ service, url }) => {
    const endpoint = new URL(url)
    const host = `${service} (${endpoint.host})`
    const through = proxyFor(proxy, endpoint)
    if (through) {
      return {
        warning: false,
        message: `${host} is reached through the proxy ${withoutCredentials(through.url)} (${through.variable}).`
      }
    }
    if (proxy.noProxy && (endpoint.protocol === 'https:' ? proxy.https : proxy.http)) {
      return { warning: false, message: `${host} is reached directly: ${proxy.noProxy.variable} lists it.` }
    }
    const missing = endpoint.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'
    return {
      warning: true,
      message: `${host} is reached directly: it is an ${endpoint.protocol.slice(0, -1)} endpoint and ${missing} is not set (${endpoint.protocol === 'https:' ? 'HTTP_PROXY only applies to http:// URLs' : 'HTTPS_PROXY only applies to https:// URLs'}). Set ${missing} to send it through the proxy.`
    }
  })
}

/** A proxy URL for the log: without any user:password it may carry. */
function withoutCredentials(raw: string): string {
  const url = new URL(raw)
  return `${url.protocol}//${url.host}`
}
