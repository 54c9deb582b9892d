/**
 * End-to-end harness: runs the bundled dist/index.js the way the GitHub runner runs a node24 action
 * (INPUT_* variables with action.yml's defaults applied, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files,
 * the runner's GITHUB_* variables) against moto_server, optionally through a FaultFront.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  CloudFrontClient,
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  GetInvalidationCommand,
  type DistributionConfig,
  ListInvalidationsCommand
} from '@aws-sdk/client-cloudfront'
import { parse } from 'yaml'

export const ROOT = resolve(import.meta.dirname, '../..')
export const DIST = join(ROOT, 'dist', 'index.js')

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
  await new Promise<void>(done => server.close(() => done()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

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
    child.once('error', error =>
      reject(
        new Error(`moto_server could not start (${error.message}); install it: pip install 'moto[server]'`)
      )
    )
  )
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const response = await Promise.race([fetch(`${url}/moto-api/`), spawnError])
      if (response.ok) break
    } catch (error) {
      if (String(error).includes('moto_server could not start')) throw error
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

export function cloudFront(endpoint: string): CloudFrontClient {
  return new CloudFrontClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDTESTHARNESS', secretAccessKey: 'harness-secret' }
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
}

/** Every invalidation moto holds for a distribution, with its paths. */
export async function invalidationsOf(
  endpoint: string,
  distributionId: string
): Promise<{ id: string; paths: string[]; callerReference: string }[]> {
  const client = cloudFront(endpoint)
  const list = await client.send(new ListInvalidationsCommand({ DistributionId: distributionId }))
  const items = list.InvalidationList?.Items ?? []
  return Promise.all(
    items.map(async item => {
      const got = await client.send(
        new GetInvalidationCommand({ DistributionId: distributionId, Id: item.Id })
      )
      return {
        id: item.Id ?? '',
        paths: got.Invalidation?.InvalidationBatch?.Paths?.Items ?? [],
        callerReference: got.Invalidation?.InvalidationBatch?.CallerReference ?? ''
      }
    })
  )
}

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  /** Parsed from GITHUB_OUTPUT; a name set twice keeps its last value, as the runner does. */
  outputs: Record<string, string>
  /** Every value each output took, in order, to check what was written before waiting. */
  outputHistory: Record<string, string[]>
  summary: string
  durationMs: number
  workspace: string
  /** The ::error:: annotations, decoded. */
  errors: string[]
  /** When each output first appeared in GITHUB_OUTPUT (epoch ms), watched while the action ran. */
  outputSeenAt: Record<string, number>
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string | undefined>
  /** Files to write into the workspace first (e.g. a paths-file). */
  files?: Record<string, string>
  timeoutMs?: number
}

const actionYml = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}

/** The env the runner gives an action step, with no AWS credentials and no instance metadata lookups. */
export function runnerEnv(workspace: string): Record<string, string> {
  const home = join(workspace, '..', 'home')
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
    RUNNER_TEMP: join(workspace, '..', 'tmp'),
    RUNNER_OS: 'Linux',
    // Never look for credentials outside what a test gives: no shared files, no EC2 metadata service.
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true'
  }
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const base = mkdtempSync(join(tmpdir(), 'cf-e2e-'))
  const workspace = join(base, 'workspace')
  mkdirSync(workspace)
  mkdirSync(join(base, 'tmp'))
  const outputFile = join(base, 'github_output')
  const summaryFile = join(base, 'step_summary')
  for (const file of [outputFile, summaryFile, join(base, 'github_state'), join(base, 'github_env')]) {
    writeFileSync(file, '')
  }
  for (const [name, content] of Object.entries(options.files ?? {}))
    writeFileSync(join(workspace, name), content)

  const env: Record<string, string | undefined> = {
    ...runnerEnv(workspace),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_STATE: join(base, 'github_state'),
    GITHUB_ENV: join(base, 'github_env')
  }
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    const value = options.inputs[name] ?? spec.default
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const name of Object.keys(options.inputs)) {
    if (!(name in actionYml.inputs))
      throw new Error(`test uses input ${name}, which action.yml does not declare`)
  }
  Object.assign(env, options.env)
  // An env value of undefined removes the variable, as if the job never set it.
  const childEnv = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined))

  const started = Date.now()
  const child = spawn(node24(), [DIST], { cwd: workspace, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += String(chunk)))
  child.stderr.on('data', chunk => (stderr += String(chunk)))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const outputSeenAt: Record<string, number> = {}
  const watcher = setInterval(() => {
    for (const name of Object.keys(parseOutputs(readFileSync(outputFile, 'utf8'))))
      outputSeenAt[name] ??= Date.now()
  }, 20)
  const code = await new Promise<number | null>(done => child.on('close', exitCode => done(exitCode)))
  clearTimeout(timer)
  clearInterval(watcher)
  const durationMs = Date.now() - started

  const outputHistory = parseOutputs(readFileSync(outputFile, 'utf8'))
  const outputs = Object.fromEntries(
    Object.entries(outputHistory).map(([name, values]) => [name, values.at(-1) ?? ''])
  )
  const errors = stdout
    .split('\n')
    .filter(line => line.startsWith('::error'))
    .map(line => decodeCommand(line.slice(line.indexOf('::', 2) + 2)))
  for (const name of Object.keys(outputHistory)) outputSeenAt[name] ??= Date.now()
  return {
    code,
    stdout,
    stderr,
    outputs,
    outputHistory,
    summary: readFileSync(summaryFile, 'utf8'),
    durationMs,
    workspace,
    errors,
    outputSeenAt
  }
}

/** The GITHUB_OUTPUT file format: `name<<DELIMITER`, value lines, `DELIMITER`. */
export function parseOutputs(text: string): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name = '', delimiter] = match
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
    ;(result[name] ??= []).push(value.join('\n'))
  }
  return result
}

function decodeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** A stand-in for the runner's OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN). */
export interface OidcServer {
  url: string
  requestToken: string
  idToken: string
  audiences: string[]
  env(): Record<string, string>
  stop(): Promise<void>
}

export async function startOidcServer(): Promise<OidcServer> {
  const requestToken = 'runner-request-token-1234567890'
  const payload = Buffer.from(
    JSON.stringify({ sub: 'repo:octo-org/website:ref:refs/heads/main', aud: 'sts.amazonaws.com' })
  )
  const idToken = `eyJhbGciOiJSUzI1NiJ9.${payload.toString('base64url')}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`
  const audiences: string[] = []
  const server: Server = createServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${requestToken}`) {
      response.writeHead(401).end()
      return
    }
    audiences.push(new URL(request.url ?? '/', 'http://x').searchParams.get('audience') ?? '')
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: idToken }))
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  const url = `http://127.0.0.1:${address.port}/token?api-version=2.0`
  return {
    url,
    requestToken,
    idToken,
    audiences,
    env: () => ({ ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken }),
    stop: () => new Promise<void>(done => server.close(() => done()))
  }
}
