#!/usr/bin/env node
// npm run bench: how fast the bundled action is, measured side by side. Not a test: it reports, it never
// fails on a number. Runs under Node 24 (the npm script puts it first on PATH) against moto_server.
//
//   1. Whole-process time of one invalidation without waiting, alternating fresh processes of
//      (a) the action, `node dist/index.js` with the runner's environment,
//      (b) a bare baseline that only creates a CloudFrontClient and sends one CreateInvalidation, bundled
//          with ncc here exactly as the action is (so both pay the same to load the SDK),
//      (c) `aws cloudfront create-invalidation`, when the AWS CLI is on PATH.
//   2. Completion-detection lag and polls: the action with wait: true against a small front that holds an
//      invalidation InProgress for a known time, then the same schedule simulated for long invalidations
//      with src/send/wait.ts itself (imported: Node 24 strips its types) on a virtual clock.
//   3. Bundle sizes.
//   4. The changes action (scripts/bench-changes.mjs: 20,000 files, 2 GiB) against aws s3 sync --dryrun.
//   5. Fleets: the wall time to invalidate and wait for N distributions through a front that holds
//      CloudFront's account-wide API rates (CreateInvalidation 0.5/s, burst 5; GetInvalidation 5/s, burst
//      10), against the floor the create quota sets (N / 0.5 s), and the calls it throttled.
//   6. The end-to-end scale tests (__tests__/e2e/fleet.test.ts, fleet-tenants.test.ts: 30 distributions,
//      200 tenants) at CloudFront's own rates (E2E_TIME_SCALE=1), side by side with the scaled run npm test
//      makes (time 20 times as fast for the front and the action): the same assertions, at full scale.
//   8. Matrix jobs: N processes of the action started at once, each invalidating and waiting for M
//      distributions of its own, through one such front (one account's quotas shared by jobs that know
//      nothing of each other), against the floor of N x M creates at 0.5/s.
//
// Options: --rounds N (15), --wait-rounds N (2), --holds 3,10 (seconds), --skip-wait, --skip-cli,
// --action FILE (another build of the action instead of dist/index.js), --skip-changes,
// --fleets 10,30,100 (targets), --fleet-hold S (5), --fleet-compare FILE (another build, run side by side
// on each fleet), --skip-fleets, --fleets-only (section 5 alone), --skip-full-scale, --full-scale-only
// (section 6 alone), --skip-verify (section 7: verify's cost, scripts/bench-verify.mjs, also npm run
// bench:verify), --matrix 6x5,3x10,1x30 (jobs x distributions), --matrix-rounds N (1), --skip-matrix,
// --matrix-only (section 8 alone; --fleet-compare and --fleet-hold apply to it too).
import { spawn, spawnSync } from 'node:child_process'
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'

const root = resolve(import.meta.dirname, '..')
const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '15' },
    'wait-rounds': { type: 'string', default: '2' },
    holds: { type: 'string', default: '3,10' },
    'skip-wait': { type: 'boolean', default: false },
    'skip-cli': { type: 'boolean', default: false },
    'skip-changes': { type: 'boolean', default: false },
    fleets: { type: 'string', default: '10,30,100' },
    'fleet-hold': { type: 'string', default: '5' },
    'fleet-compare': { type: 'string' },
    'skip-fleets': { type: 'boolean', default: false },
    'skip-verify': { type: 'boolean', default: false },
    'fleets-only': { type: 'boolean', default: false },
    'skip-full-scale': { type: 'boolean', default: false },
    'full-scale-only': { type: 'boolean', default: false },
    matrix: { type: 'string', default: '6x5,3x10,1x30' },
    'matrix-rounds': { type: 'string', default: '1' },
    'skip-matrix': { type: 'boolean', default: false },
    'matrix-only': { type: 'boolean', default: false },
    // Another build of the action to measure instead of dist/index.js, to compare a change before committing it.
    action: { type: 'string', default: join(root, 'dist', 'index.js') }
  }
})
const rounds = positive(options.rounds, '--rounds')
const waitRounds = positive(options['wait-rounds'], '--wait-rounds')
const holdsMs = options.holds.split(',').map(seconds => positive(seconds, '--holds') * 1000)
const fleets = options.fleets.split(',').map(count => positive(count, '--fleets'))
const fleetHoldMs = positive(options['fleet-hold'], '--fleet-hold') * 1000
const fullScaleOnly = options['full-scale-only']
const matrixOnly = options['matrix-only']
const fleetsOnly = options['fleets-only'] || fullScaleOnly || matrixOnly
const matrices = options.matrix.split(',').map(shape => {
  const [jobs, targets, extra] = shape.split('x')
  if (extra !== undefined || targets === undefined) fatal(`--matrix: "${shape}" is not JOBSxDISTRIBUTIONS`)
  return { jobs: positive(jobs, '--matrix'), targets: positive(targets, '--matrix') }
})
const matrixRounds = positive(options['matrix-rounds'], '--matrix-rounds')

function positive(text, name) {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) fatal(`${name}: "${text}" is not a positive whole number`)
  return value
}

function fatal(message) {
  console.error(`bench: ${message}`)
  process.exit(1)
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK)
      return join(dir, command)
    } catch {
      // not in this directory
    }
  }
  return undefined
}

if (process.versions.node.split('.')[0] !== '24') {
  fatal(`runs under Node 24, like the action (runs.using: node24), not ${process.version}: use npm run bench`)
}
// Shared with the end-to-end tests and the demo; Node 24 strips its types.
const {
  EMULATED_QUOTAS,
  MOTO_MISSING,
  createDistribution,
  inputEnv,
  runnerEnv,
  startHoldingFront,
  startMoto
} = await import('./lib/local-aws.ts')
if (!onPath('moto_server')) fatal(MOTO_MISSING)
const DIST = resolve(options.action)
try {
  accessSync(DIST)
} catch {
  fatal(`${DIST} is missing: npm run build`)
}
const aws = options['skip-cli'] ? undefined : onPath('aws')

const work = mkdtempSync(join(tmpdir(), 'cf-bench-'))
const cleanups = [() => rmSync(work, { recursive: true, force: true })]
const cleanUp = () => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
}
process.on('exit', cleanUp)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp()
    process.exit(130)
  })
}

// The baseline, bundled the way `npm run build` bundles the action.
const baselineDir = join(work, 'baseline')
const ncc = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'),
    'build',
    join(root, 'scripts', 'bench', 'baseline.mjs'),
    '-o',
    baselineDir,
    '--minify',
    '--target',
    'es2022',
    '--quiet'
  ],
  { encoding: 'utf8' }
)
if (ncc.status !== 0) fatal(`could not bundle the baseline with ncc:\n${ncc.stderr}${ncc.stdout}`)
const BASELINE = join(
  baselineDir,
  readdirSync(baselineDir).find(name => /^index\.m?js$/.test(name))
)

// moto_server on a free loopback port, and one distribution.
const moto = await startMoto()
cleanups.push(() => void moto.stop())
const motoUrl = moto.url
const distributionId = await createDistribution(motoUrl, 'bench')

/** The environment the runner gives a node24 action step, with action.yml's input defaults applied. */
function benchEnv(dir, round, endpoint, inputs) {
  return {
    ...runnerEnv(dir, dir, {
      GITHUB_RUN_ID: String(8_000_000_000 + round),
      // Each process a fresh temporary directory, as on a GitHub-hosted runner, where every job starts on
      // a new VM: nothing cached there (a V8 compile cache, say) survives from an earlier round.
      TMPDIR: dir,
      AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK0001',
      AWS_SECRET_ACCESS_KEY: 'benchmark-secret-key',
      AWS_ENDPOINT_URL_CLOUDFRONT: endpoint
    }),
    ...inputEnv(inputs)
  }
}

let runCounter = 0
/** One fresh process; wall time from spawn to exit. */
async function timed(kind, endpoint, extraInputs = {}, { allowFailure = false, action = DIST } = {}) {
  runCounter++
  const dir = join(work, `run-${runCounter}`)
  mkdirSync(dir)
  writeFileSync(join(dir, 'github_output'), '')
  writeFileSync(join(dir, 'step_summary'), '')
  const paths = [`/bench/${runCounter}/index.html`, `/bench/${runCounter}/assets/*`]
  const env = benchEnv(dir, runCounter, endpoint, {
    'distribution-id': distributionId,
    paths: paths.join('\n'),
    ...extraInputs
  })
  let command, args
  if (kind === 'action') {
    command = process.execPath
    args = [action]
  } else if (kind === 'baseline') {
    command = process.execPath
    args = [BASELINE]
    Object.assign(env, {
      BENCH_DISTRIBUTION_ID: distributionId,
      BENCH_PATHS: paths.join('\n'),
      BENCH_CALLER_REFERENCE: `bench-${runCounter}`
    })
  } else {
    command = aws
    args = ['cloudfront', 'create-invalidation', '--distribution-id', distributionId, '--paths', ...paths]
    // The CLI signs CloudFront in us-east-1 either way; it only refuses to start without a region.
    Object.assign(env, { AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' })
  }
  const started = performance.now()
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', chunk => (output += chunk))
  child.stderr.on('data', chunk => (output += chunk))
  const code = await new Promise(done => child.on('exit', done))
  const ms = performance.now() - started
  await new Promise(done => setImmediate(done))
  if (code !== 0 && !allowFailure) fatal(`${kind} exited with ${code}:\n${output}`)
  return { ms, code, endedAt: Date.now(), output, dir }
}

if (!fleetsOnly) await startUp()
if (!fleetsOnly && !options['skip-wait']) await waits()
if (!fleetsOnly) bundleSizes()
if (!options['skip-fleets'] && !fullScaleOnly && !matrixOnly) await fleetRuns()
if (!options['skip-full-scale'] && !matrixOnly && (fullScaleOnly || !options['fleets-only'])) fullScaleRuns()
if (!options['skip-matrix'] && !fullScaleOnly && (matrixOnly || !options['fleets-only'])) await matrixRuns()
// 7. verify: 100 URLs at a local edge answering in 50 ms, with and without verify (scripts/bench-verify.mjs).
if (!fleetsOnly && !fullScaleOnly && !options['skip-verify']) {
  const verify = spawnSync(process.execPath, [join(root, 'scripts', 'bench-verify.mjs')], {
    stdio: 'inherit'
  })
  if (verify.status !== 0) fatal('scripts/bench-verify.mjs failed')
}

// 1. Start-up and one invalidation, alternating, order rotated every round.
async function startUp() {
  const kinds = ['action', 'baseline', ...(aws ? ['cli'] : [])]
  const times = Object.fromEntries(kinds.map(kind => [kind, []]))
  console.log(
    `Node ${process.version}; moto_server on ${motoUrl}; ${rounds} rounds of ${kinds.join(', ')}${aws ? '' : ' (no AWS CLI on PATH)'}`
  )
  for (const kind of kinds) await timed(kind, motoUrl) // warm-up, not counted: file cache, moto's first answers
  for (let round = 0; round < rounds; round++) {
    const order = kinds.map((_, index) => kinds[(index + round) % kinds.length])
    for (const kind of order) times[kind].push((await timed(kind, motoUrl)).ms)
    process.stdout.write('.')
  }
  process.stdout.write('\n')

  const stats = Object.fromEntries(kinds.map(kind => [kind, summary(times[kind])]))
  const lines = ['| Process | Median | p90 | Min |', '| --- | ---: | ---: | ---: |']
  const label = {
    action: '`node dist/index.js` (the action)',
    baseline: 'bare CreateInvalidation (baseline)',
    cli: '`aws cloudfront create-invalidation`'
  }
  for (const kind of kinds) {
    const { median, p90, min } = stats[kind]
    lines.push(`| ${label[kind]} | ${ms(median)} | ${ms(p90)} | ${ms(min)} |`)
  }
  console.log(`\n${lines.join('\n')}\n`)
  console.log(`action / baseline (medians): ${(stats.action.median / stats.baseline.median).toFixed(2)}x`)
  if (aws) console.log(`CLI / action (medians): ${(stats.cli.median / stats.action.median).toFixed(2)}x`)
}

// 2. Completion-detection lag and polls.
async function waits() {
  const front = await startHoldingFront(motoUrl)
  cleanups.push(() => front.close())
  console.log(`\n| Held InProgress | Polls | Completing poll after completion | Exit after completion |`)
  console.log('| ---: | ---: | ---: | ---: |')
  for (const holdMs of holdsMs) {
    for (let round = 0; round < waitRounds; round++) {
      front.hold(holdMs)
      const run = await timed('action', front.url, { wait: 'true' })
      const { createdAt, polls } = front.result()
      const completedAt = createdAt + holdMs
      const completingPoll = polls.find(poll => poll.completed)
      if (!completingPoll) fatal(`the action exited without seeing Completed:\n${run.output}`)
      console.log(
        `| ${holdMs / 1000} s | ${polls.length} | ${ms(completingPoll.at - completedAt)} | ${ms(run.endedAt - completedAt)} |`
      )
    }
  }
  // No round trip before the create: a run without wait sends CreateInvalidation and nothing else.
  front.hold(0)
  await timed('action', front.url)
  const sent = front.result().requests
  console.log(`\nRequests of one run without wait: ${sent.length} (${sent.join(', ')})`)
  await simulate()
}

// 3. Bundle sizes.
function bundleSizes() {
  console.log('\n| File | Bytes | MiB | gzip |')
  console.log('| --- | ---: | ---: | ---: |')
  const bundles = [
    ...readdirSync(join(root, 'dist'))
      .filter(name => name.endsWith('.js'))
      .map(name => [`dist/${name}`, join(root, 'dist', name)]),
    ['baseline bundle', BASELINE]
  ]
  for (const [name, file] of bundles) {
    const bytes = statSync(file).size
    const gzip = gzipSync(readFileSync(file)).length
    console.log(`| ${name} | ${bytes.toLocaleString('en')} | ${(bytes / 2 ** 20).toFixed(2)} | ${kb(gzip)} |`)
  }
}

// 5. Fleets under CloudFront's account-wide API rates.
async function fleetRuns() {
  const front = await startHoldingFront(motoUrl)
  cleanups.push(() => front.close())
  const ids = [distributionId]
  while (ids.length < Math.max(...fleets)) ids.push(await createDistribution(motoUrl, `fleet-${ids.length}`))
  const builds = [
    ['this build', DIST],
    ...(options['fleet-compare'] ? [['compared', resolve(options['fleet-compare'])]] : [])
  ]
  console.log(
    `\nFleets through a front holding CreateInvalidation ${EMULATED_QUOTAS.CreateInvalidation.perSecond}/s (burst ${EMULATED_QUOTAS.CreateInvalidation.burst}) and GetInvalidation ${EMULATED_QUOTAS.GetInvalidation.perSecond}/s (burst ${EMULATED_QUOTAS.GetInvalidation.burst}), each invalidation InProgress for ${fleetHoldMs / 1000} s, wait: true:`
  )
  console.log(
    '| Build | Targets | Wall time | Floor (N / 0.5 s) | Wall / floor | Exit | Throttled | Creates sent | Polls sent |'
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const count of fleets) {
    for (const [name, build] of builds) {
      // The buckets start full, as after a quiet spell in the account.
      front.hold(fleetHoldMs, EMULATED_QUOTAS)
      const run = await timed(
        'action',
        front.url,
        { 'distribution-id': ids.slice(0, count).join('\n'), wait: 'true' },
        { allowFailure: true, action: build }
      )
      const { requests, throttled } = front.result()
      const creates = requests.filter(line => line.startsWith('POST')).length
      const polls = requests.filter(line => line.startsWith('GET') && /\/invalidation\//.test(line)).length
      const floorMs = (count / EMULATED_QUOTAS.CreateInvalidation.perSecond) * 1000
      console.log(
        `| ${name} | ${count} | ${seconds(run.ms)} | ${seconds(floorMs)} | ${(run.ms / floorMs).toFixed(2)} | ${run.code} | ${throttled} | ${creates} | ${polls} |`
      )
    }
  }
}

// 6. The end-to-end scale tests at CloudFront's own rates and at npm test's scale, one file at a time.
function fullScaleRuns() {
  const files = ['__tests__/e2e/fleet.test.ts', '__tests__/e2e/fleet-tenants.test.ts']
  console.log(
    "\nThe end-to-end scale tests (jest, one file at a time), at CloudFront's own rates (scale 1) and as npm test runs them (scale 20):"
  )
  console.log('| Test file | Scale | Result | Test time | Whole jest run |')
  console.log('| --- | ---: | --- | ---: | ---: |')
  for (const file of files) {
    for (const scale of [20, 1]) {
      const report = join(mkdtempSync(join(tmpdir(), 'bench-e2e-')), 'jest.json')
      const started = performance.now()
      const run = spawnSync(
        join(root, 'node_modules', '.bin', 'jest'),
        ['--selectProjects', 'e2e', '--runInBand', '--json', `--outputFile=${report}`, file],
        {
          cwd: root,
          env: { ...process.env, E2E_TIME_SCALE: String(scale), NODE_OPTIONS: '--experimental-vm-modules' },
          encoding: 'utf8'
        }
      )
      const wholeMs = performance.now() - started
      let result = 'no report'
      let testMs = NaN
      try {
        const json = JSON.parse(readFileSync(report, 'utf8'))
        const [suite] = json.testResults
        result = json.success ? 'passed' : 'failed'
        testMs = suite.assertionResults.reduce((sum, test) => sum + (test.duration ?? 0), 0)
      } catch {
        result = `exit ${run.status}: ${(run.stderr ?? '').split('\n').slice(-5).join(' ')}`
      }
      console.log(`| \`${file}\` | ${scale} | ${result} | ${seconds(testMs)} | ${seconds(wholeMs)} |`)
    }
  }
}

// 8. Matrix jobs sharing one account's quotas: N processes at once, M distributions each.
async function matrixRuns() {
  const front = await startHoldingFront(motoUrl)
  cleanups.push(() => front.close())
  const most = Math.max(...matrices.map(({ jobs, targets }) => jobs * targets))
  const ids = [distributionId]
  while (ids.length < most) ids.push(await createDistribution(motoUrl, `matrix-${ids.length}`))
  const builds = [
    ['this build', DIST],
    ...(options['fleet-compare'] ? [['compared', resolve(options['fleet-compare'])]] : [])
  ]
  const { perSecond } = EMULATED_QUOTAS.CreateInvalidation
  console.log(
    `\nMatrix jobs started at once, each a process of its own with M distributions, wait: true, through one front holding CreateInvalidation ${perSecond}/s (burst ${EMULATED_QUOTAS.CreateInvalidation.burst}) and GetInvalidation ${EMULATED_QUOTAS.GetInvalidation.perSecond}/s (burst ${EMULATED_QUOTAS.GetInvalidation.burst}) for them all, each invalidation InProgress for ${fleetHoldMs / 1000} s:`
  )
  console.log(
    '| Build | Jobs x distributions | Wall time (all jobs) | Floor (N x M / 0.5 s) | Wall / floor | Goal (1.3 x floor + 10 s) | Slowest job | Failed jobs | Throttled | Creates sent | Polls sent | Load average |'
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
  for (const { jobs, targets } of matrices) {
    for (let round = 0; round < matrixRounds; round++) {
      for (const [name, build] of builds) {
        front.hold(fleetHoldMs, EMULATED_QUOTAS)
        const started = performance.now()
        const runs = await Promise.all(
          Array.from({ length: jobs }, (_, job) =>
            timed(
              'action',
              front.url,
              {
                'distribution-id': ids.slice(job * targets, (job + 1) * targets).join('\n'),
                wait: 'true'
              },
              { allowFailure: true, action: build }
            )
          )
        )
        const wallMs = performance.now() - started
        const { requests, throttled } = front.result()
        const creates = requests.filter(line => line.startsWith('POST')).length
        const polls = requests.filter(line => line.startsWith('GET') && /\/invalidation\//.test(line)).length
        const floorMs = ((jobs * targets) / perSecond) * 1000
        const failed = runs.filter(run => run.code !== 0).length
        const slowest = Math.max(...runs.map(run => run.ms))
        const load = loadavg()
          .map(value => value.toFixed(2))
          .join(' ')
        console.log(
          `| ${name} | ${jobs} x ${targets} | ${seconds(wallMs)} | ${seconds(floorMs)} | ${(wallMs / floorMs).toFixed(2)} | ${seconds(1.3 * floorMs + 10_000)} | ${seconds(slowest)} | ${failed} | ${throttled} | ${creates} | ${polls} | ${load} |`
        )
        for (const run of runs.filter(run => run.code !== 0)) console.log(run.output.slice(-2000))
      }
    }
  }
}

// 4. The changes action, in its own process (its own moto_server and data set of 2 GiB).
cleanUp()
if (!options['skip-changes'] && !fleetsOnly) {
  const changes = spawnSync(process.execPath, [join(root, 'scripts', 'bench-changes.mjs')], {
    stdio: 'inherit'
  })
  if (changes.status !== 0) fatal('scripts/bench-changes.mjs failed')
}
// moto_server and the front would keep the process alive.
process.exit(0)

/** The polling schedule of src/send/wait.ts on a virtual clock, for invalidations too long to wait for here. */
async function simulate() {
  // Node 24 strips the types of src/send/wait.ts: the schedule simulated is the one the action runs.
  const { waitForCompletion } = await import('../src/send/wait.ts')
  const roundTripMs = 150
  /** Polls, and how long after completedAt the completing answer arrived. */
  async function once(completedAt) {
    let clock = 0
    const result = await waitForCompletion({
      timeoutMs: 6 * 3600 * 1000,
      isTransient: () => false,
      now: () => clock,
      sleep: async delay => {
        clock += delay
      },
      poll: async () => {
        clock += roundTripMs
        return clock - roundTripMs / 2 >= completedAt // CloudFront answers mid-trip
      }
    })
    return { polls: result.polls, lagMs: clock - completedAt }
  }
  console.log(
    `\nSimulated with src/send/wait.ts's waitForCompletion on a virtual clock (each GetInvalidation ${roundTripMs} ms; worst case over completion times within ±10 %):`
  )
  console.log('| Invalidation takes | Polls | Noticed after completion | Worst lag within ±10 % |')
  console.log('| ---: | ---: | ---: | ---: |')
  for (const seconds of [3, 10, 60, 300, 600, 1800]) {
    const exact = await once(seconds * 1000)
    let worst = 0
    for (let step = 0; step <= 200; step++) {
      const { lagMs } = await once(seconds * 1000 * (0.9 + (0.2 * step) / 200))
      worst = Math.max(worst, lagMs)
    }
    const took = seconds < 60 ? `${seconds} s` : `${seconds / 60} min`
    console.log(`| ${took} | ${exact.polls} | ${ms(exact.lagMs)} | ${ms(worst)} |`)
  }
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = fraction => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]
  const middle = sorted.length / 2
  const median = sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, p90: at(0.9), min: sorted[0] }
}

function seconds(value) {
  return `${(value / 1000).toFixed(1)} s`
}

function ms(value) {
  return `${Math.round(value)} ms`
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(0)} KiB`
}
