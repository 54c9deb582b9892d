/**
 * What the end-to-end tests, `npm run demo` and `npm run bench` share to run the action as the GitHub
 * runner does against a local CloudFront: Node 24, moto_server on a free loopback port, a distribution,
 * and the environment the runner gives a node24 action step (INPUT_* with action.yml's defaults).
 *
 * Erasable TypeScript only: the scripts load it with Node 24's type stripping, the tests through ts-jest.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { join, resolve } from 'node:path'
import {
  CloudFrontClient,
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  type DistributionConfig
} from '@aws-sdk/client-cloudfront'
import { parse } from 'yaml'

export const ROOT = resolve(import.meta.dirname, '../..')
export const DIST = join(ROOT, 'dist', 'index.js')
/** The second action's bundle (changes/action.yml). */
export const CHANGES_DIST = join(ROOT, 'changes', 'dist', 'index.js')

/** The Node 24 binary the runner would use for `runs.using: node24`. */
export function node24(): string {
  if (process.versions.node.startsWith('24.')) return process.execPath
  const dir = execFileSync('bash', [join(ROOT, 'scripts', 'node24.sh')], { encoding: 'utf8' }).trim()
  return join(dir, 'node')
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  await new Promise<void>(done =>
    server.close(() => {
      done()
    })
  )
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

export const MOTO_MISSING =
  'moto_server is not on PATH. It is the local CloudFront emulator the action runs against here; npm test and npm run demo install it (scripts/moto.sh), or run: PATH="$(scripts/moto.sh):$PATH" <command>'

export interface Moto {
  url: string
  reset(): Promise<void>
  stop(): Promise<void>
}

/** Starts moto_server on a free loopback port. Fails (never skips) when moto_server is not installed. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr?.on('data', chunk => (stderr += String(chunk)))
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', error => {
      reject(new Error(`${MOTO_MISSING}\n(${error.message})`))
    })
  )
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const response = await Promise.race([fetch(`${url}/moto-api/`), spawnError])
      if (response.ok) break
    } catch (error) {
      if (String(error).includes(MOTO_MISSING)) throw error
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`moto_server did not start on ${url}: ${stderr.slice(-2000)}`)
      }
      await new Promise(done => setTimeout(done, 100))
    }
  }
  return {
    url,
    reset: async () => {
      await fetch(`${url}/moto-api/reset`, { method: 'POST' })
    },
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise(done => child.once('exit', done))
      child.kill('SIGTERM')
      await exited
    }
  }
}

/** A client straight to the emulator, for setting up and checking (not the action's own client). */
export function cloudFront(endpoint: string): CloudFrontClient {
  return new CloudFrontClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDLOCALSETUP', secretAccessKey: 'local-setup-secret' }
  })
}

export interface DistributionOptions {
  /** Alternate domain names (CNAMEs). */
  aliases?: string[]
  /** Created with CreateDistributionWithTags when set. */
  tags?: Record<string, string>
}

export async function createDistribution(
  endpoint: string,
  name = 'site',
  options: DistributionOptions = {}
): Promise<string> {
  const config: DistributionConfig = {
    CallerReference: `${name}-${Date.now()}-${Math.random()}`,
    Comment: name,
    Enabled: true,
    ...(options.aliases ? { Aliases: { Quantity: options.aliases.length, Items: options.aliases } } : {}),
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: 'origin',
          DomainName: `${name}.s3.amazonaws.com`,
          S3OriginConfig: { OriginAccessIdentity: '' }
        }
      ]
    },
    DefaultCacheBehavior: {
      TargetOriginId: 'origin',
      ViewerProtocolPolicy: 'redirect-to-https',
      ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } },
      TrustedSigners: { Enabled: false, Quantity: 0 },
      MinTTL: 0
    }
  }
  const tags = Object.entries(options.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
  const client = cloudFront(endpoint)
  try {
    const response = options.tags
      ? await client.send(
          new CreateDistributionWithTagsCommand({
            DistributionConfigWithTags: { DistributionConfig: config, Tags: { Items: tags } }
          })
        )
      : await client.send(new CreateDistributionCommand({ DistributionConfig: config }))
    const id = response.Distribution?.Id
    if (!id) throw new Error('moto created no distribution')
    return id
  } finally {
    client.destroy()
  }
}

export const ACTION_INPUTS = (
  parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }
).inputs

export const CHANGES_INPUTS = (
  parse(readFileSync(join(ROOT, 'changes', 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
).inputs

/**
 * The INPUT_* variables the runner sets for a step's `with:`: every input given, and every other input
 * that has a default in action.yml (or in `declared`, another action's inputs). An input the action does
 * not declare is a mistake in the caller.
 */
export function inputEnv(
  inputs: Record<string, string>,
  declared: Record<string, { default?: string }> = ACTION_INPUTS
): Record<string, string> {
  for (const name of Object.keys(inputs)) {
    if (!(name in declared)) throw new Error(`input ${name} is not declared in action.yml`)
  }
  const env: Record<string, string> = {}
  for (const [name, spec] of Object.entries(declared)) {
    const value = inputs[name] ?? spec.default
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  return env
}

/**
 * The variables the runner gives an action step (the GITHUB_* context and the command files live in
 * `dir`), with no AWS credentials, no shared AWS files and no instance metadata lookups.
 */
export function runnerEnv(
  workspace: string,
  dir: string,
  overrides: Record<string, string> = {}
): Record<string, string> {
  const home = join(dir, 'home')
  mkdirSync(home, { recursive: true })
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo-org/website',
    GITHUB_RUN_ID: '9000000001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_JOB: 'deploy',
    GITHUB_ACTION: '__octo-org_cloudfront-invalidate',
    GITHUB_WORKFLOW: 'Deploy',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_OUTPUT: join(dir, 'github_output'),
    GITHUB_STEP_SUMMARY: join(dir, 'step_summary'),
    GITHUB_STATE: join(dir, 'github_state'),
    GITHUB_ENV: join(dir, 'github_env'),
    RUNNER_TEMP: join(dir, 'tmp'),
    RUNNER_OS: 'Linux',
    // Never look for credentials outside what the caller gives: no shared files, no EC2 metadata service.
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...overrides
  }
}

export interface HoldingFront {
  url: string
  /**
   * From now on, each new invalidation reports InProgress for `ms` after its own creation, then
   * Completed; with `limits`, calls over an account-wide rate are answered Throttling. Clears the records.
   */
  hold(ms: number, limits?: Partial<Record<'CreateInvalidation' | 'GetInvalidation', EmulatedQuota>>): void
  /** When the last CreateInvalidation passed, each GetInvalidation since, and every request. */
  result(): {
    createdAt: number
    polls: { at: number; completed: boolean }[]
    requests: string[]
    throttled: number
  }
  close(): Promise<void>
}

/**
 * A front before moto_server, which completes invalidations at once, that reports each invalidation
 * InProgress until `hold` ms after its CreateInvalidation passed through, as CloudFront does, and records
 * each poll. (The tests' FaultFront does this and much more; this is the small one the scripts need.)
 */
export async function startHoldingFront(upstream: string): Promise<HoldingFront> {
  let holdMs = 0
  let createdAt = 0
  let polls: { at: number; completed: boolean }[] = []
  let requests: string[] = []
  let buckets: { create?: EmulatedBucket; get?: EmulatedBucket } = {}
  /** Each invalidation's creation, by ID. */
  const created = new Map<string, number>()
  const server = createServer((request, response) => void relay(request, response))
  async function relay(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const target = new URL(request.url ?? '/', upstream)
    const isCreate = request.method === 'POST' && /\/invalidation$/.test(target.pathname)
    const isGet = request.method === 'GET' && /\/invalidation\/[^/]+$/.test(target.pathname)
    const bucket = isCreate ? buckets.create : isGet ? buckets.get : undefined
    if (bucket && !bucket.take()) {
      requests.push(`${request.method} ${target.pathname.replace(/^\/2020-05-31/, '')} (throttled)`)
      response.writeHead(400, { 'content-type': 'text/xml' }).end(THROTTLING_XML)
      return
    }
    const answer = await new Promise<{ status: number; type: string; text: string }>((done, fail) => {
      const outgoing = httpRequest(
        target,
        { method: request.method, headers: { ...request.headers, host: target.host } },
        incoming => {
          const parts: Buffer[] = []
          incoming.on('data', (part: Buffer) => parts.push(part))
          incoming.on('error', fail)
          incoming.on('end', () => {
            done({
              status: incoming.statusCode ?? 502,
              type: incoming.headers['content-type'] ?? 'text/xml',
              text: Buffer.concat(parts).toString()
            })
          })
        }
      )
      outgoing.on('error', fail)
      outgoing.end(Buffer.concat(chunks))
    })
    let text = answer.text
    const now = Date.now()
    requests.push(`${request.method} ${target.pathname.replace(/^\/2020-05-31/, '')}`)
    if (isCreate) createdAt = now
    if (/\/invalidation(\/[^/]+)?$/.test(target.pathname)) {
      const id = /<Invalidation[^>]*>\s*<Id>([^<]+)<\/Id>/.exec(text)?.[1] ?? ''
      if (isCreate && !created.has(id)) created.set(id, now)
      const completed = now - (created.get(id) ?? createdAt) >= holdMs
      text = text.replace(
        /<Status>[^<]*<\/Status>/,
        `<Status>${completed ? 'Completed' : 'InProgress'}</Status>`
      )
      if (request.method === 'GET') polls.push({ at: now, completed })
    }
    response.writeHead(answer.status, { 'content-type': answer.type }).end(text)
  }
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    hold(ms, limits = {}) {
      holdMs = ms
      createdAt = 0
      polls = []
      requests = []
      created.clear()
      buckets = {
        ...(limits.CreateInvalidation ? { create: new EmulatedBucket(limits.CreateInvalidation) } : {}),
        ...(limits.GetInvalidation ? { get: new EmulatedBucket(limits.GetInvalidation) } : {})
      }
    },
    result: () => ({
      createdAt,
      polls,
      requests,
      throttled: (buckets.create?.throttled ?? 0) + (buckets.get?.throttled ?? 0)
    }),
    close: () => {
      server.closeAllConnections()
      return new Promise<void>(done =>
        server.close(() => {
          done()
        })
      )
    }
  }
}

/** A token bucket of an emulated account-wide API quota: `perSecond` calls a second, up to `burst` at once. */
export interface EmulatedQuota {
  perSecond: number
  burst: number
}

/**
 * CloudFront's account-wide API rates as the emulators hold them. CloudFront publishes no API call rates
 * (its Quotas page lists entities and invalidations in progress only); the AWS SDK team relayed from
 * CloudFront that "the default CreateInvalidation rate limit is 0.5" per account (aws/aws-sdk-js#3983),
 * where users were throttled after 6 or 7 calls in a row: a burst of about 5. GetInvalidation's rate is
 * not published; 5 a second with a burst of 10 is the figure issue 17 tests against.
 */
export const EMULATED_QUOTAS = {
  CreateInvalidation: { perSecond: 0.5, burst: 5 },
  GetInvalidation: { perSecond: 5, burst: 10 }
} as const satisfies Record<string, EmulatedQuota>

/** One account-wide token bucket: take() is false when the call must be answered with Throttling. */
export class EmulatedBucket {
  readonly quota: EmulatedQuota
  private readonly now: () => number
  private tokens: number
  private at: number
  /** Calls answered with Throttling. */
  throttled = 0
  /** `start`: tokens at first, the burst, or fewer when another caller of the account just spent them. */
  constructor(quota: EmulatedQuota, now: () => number = Date.now, start = quota.burst) {
    // No parameter properties: the scripts load this file with Node's type stripping.
    this.quota = quota
    this.now = now
    this.tokens = start
    this.at = now()
  }
  take(): boolean {
    const now = this.now()
    this.tokens = Math.min(this.quota.burst, this.tokens + ((now - this.at) / 1000) * this.quota.perSecond)
    this.at = now
    if (this.tokens >= 1) {
      this.tokens -= 1
      return true
    }
    this.throttled++
    return false
  }
}

/**
 * CloudFront's answer to a call over the rate: 400, code Throttling, "Rate exceeded", Type Sender (as
 * spacecatninja/craft-imager-x#19 and mdn/kuma#6177 show it).
 */
export const THROTTLING_XML =
  '<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>emulated-throttling</RequestId></ErrorResponse>'
