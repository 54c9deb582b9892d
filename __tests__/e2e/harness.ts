/**
 * End-to-end harness: runs the bundled dist/index.js the way the GitHub runner runs a node24 action
 * (INPUT_* variables with action.yml's defaults applied, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files,
 * the runner's GITHUB_* variables) against moto_server, optionally through a FaultFront.
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { GetInvalidationCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront'
import {
  CHANGES_DIST,
  CHANGES_INPUTS,
  DIST,
  cloudFront,
  inputEnv,
  node24,
  runnerEnv
} from '../../scripts/lib/local-aws.js'
import { tempDir } from '../../__fixtures__/temp.js'

/** Makes the action's clock and timers run TEST_TIME_SCALE times as fast. */
const FAST_CLOCK = join(import.meta.dirname, 'preload', 'fast-clock.mjs')

export {
  cloudFront,
  createDistribution,
  freePort,
  startMoto,
  type DistributionOptions,
  type Moto
} from '../../scripts/lib/local-aws.js'

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
  /** The GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files the step was given. */
  outputFile: string
  summaryFile: string
  /** When each output first appeared in GITHUB_OUTPUT (epoch ms), watched while the action ran. */
  outputSeenAt: Record<string, number>
  /** With signalWhen: from the signal to the end of the process, in ms; absent when none was sent. */
  stopMs?: number
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string | undefined>
  /** Files to write into the workspace first (e.g. a paths-file). */
  files?: Record<string, string | Uint8Array>
  timeoutMs?: number
  /**
   * Sends the process a signal (the runner cancelling the job) once its stdout matches `pattern`, or once
   * `when` is true (asked every 20 ms: a request a front holds).
   */
  signalWhen?: { pattern?: RegExp; when?: () => boolean; signal: NodeJS.Signals }
  /**
   * A module Node loads before the action (NODE_OPTIONS=--import, as a runner's environment could set
   * it), to change what the process sees of its machine: its wall clock, its disk.
   */
  preload?: string
  /** Reads nothing of the action's stdout for this long, as a busy runner may not. */
  pauseStdoutMs?: number
  /** Which action of the repository to run: the invalidate action (dist/) or changes/dist/. */
  action?: 'invalidate' | 'changes'
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const base = tempDir('cf-e2e-')
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
    ...runnerEnv(workspace, base),
    ...inputEnv(options.inputs, options.action === 'changes' ? CHANGES_INPUTS : undefined)
  }
  Object.assign(env, options.env)
  // A front whose time runs fast (FaultFront.scaleTime) puts TEST_TIME_SCALE into awsEnv(): the action's
  // clock and timers then run as fast (preload/fast-clock.mjs).
  const preloads = [
    ...(Number(env.TEST_TIME_SCALE ?? 1) !== 1 ? [FAST_CLOCK] : []),
    ...(options.preload ? [options.preload] : [])
  ]
  if (preloads.length > 0)
    env.NODE_OPTIONS = preloads.map(preload => `--import=${pathToFileURL(preload).href}`).join(' ')
  // An env value of undefined removes the variable, as if the job never set it.
  const childEnv = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined))

  const started = Date.now()
  const bundle = options.action === 'changes' ? CHANGES_DIST : DIST
  const child = spawn(node24(), [bundle], {
    cwd: workspace,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  let signalledAt: number | undefined
  const signalIf = (due: boolean) => {
    if (!options.signalWhen || signalledAt !== undefined || !due) return
    signalledAt = Date.now()
    child.kill(options.signalWhen.signal)
  }
  child.stdout.on('data', chunk => {
    stdout += String(chunk)
    signalIf(options.signalWhen?.pattern?.test(stdout) === true)
  })
  const asking = setInterval(() => {
    signalIf(options.signalWhen?.when?.() === true)
  }, 20)
  child.stderr.on('data', chunk => (stderr += String(chunk)))
  if (options.pauseStdoutMs) {
    child.stdout.pause()
    setTimeout(() => child.stdout.resume(), options.pauseStdoutMs)
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const outputSeenAt: Record<string, number> = {}
  const watcher = setInterval(() => {
    for (const name of Object.keys(parseOutputs(readFileSync(outputFile, 'utf8'))))
      outputSeenAt[name] ??= Date.now()
  }, 20)
  const code = await new Promise<number | null>(done =>
    child.on('close', exitCode => {
      done(exitCode)
    })
  )
  const endedAt = Date.now()
  clearTimeout(timer)
  clearInterval(watcher)
  clearInterval(asking)
  const durationMs = endedAt - started

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
    outputFile,
    summaryFile,
    outputSeenAt,
    ...(signalledAt === undefined ? {} : { stopMs: endedAt - signalledAt })
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
  /** The HTTP status of every token request answered, in order. */
  statuses: number[]
  /** While true, token requests are never answered (a runner's token service that hangs). */
  hang: boolean
  /** The next this many token requests are answered with this HTTP status and no token. */
  failNext(times: number, status: number): void
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
  const statuses: number[] = []
  const state = { hang: false, failures: 0, status: 500 }
  const server: Server = createServer((request, response) => {
    if (state.hang) return
    if (state.failures > 0) {
      state.failures--
      statuses.push(state.status)
      response
        .writeHead(state.status, { 'content-type': 'application/json' })
        .end('{"message":"token service fault"}')
      return
    }
    if (request.headers.authorization !== `Bearer ${requestToken}`) {
      response.writeHead(401).end()
      return
    }
    statuses.push(200)
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
    statuses,
    get hang() {
      return state.hang
    },
    set hang(value: boolean) {
      state.hang = value
    },
    failNext: (times, status) => {
      state.failures = times
      state.status = status
    },
    env: () => ({ ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken }),
    stop: () => {
      server.closeAllConnections()
      return new Promise<void>(done =>
        server.close(() => {
          done()
        })
      )
    }
  }
}
