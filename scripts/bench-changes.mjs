#!/usr/bin/env node
// npm run bench:changes (also the last part of npm run bench): the changes action against
// `aws s3 sync --dryrun --delete` on the same data, side by side, alternating, in this one process run.
// Not a test: it reports, it never fails on a number. Runs under Node 24 against moto_server.
//
// Data: --files N files (20,000) of --gib G GiB in all (2): a few large files (uploaded with the AWS CLI,
// so their multipart ETags are real) and many small ones (PutObject with the SDK, to keep set-up short).
// Then a "fresh build": every file rewritten or touched (new mtimes), 10 same-size edits, 5 new files,
// 5 deleted. Options: --rounds N (2), --files N, --gib G, --large N (large files: files/100, at most 10),
// --delay MS (two more rows: both through a front that adds MS to every S3 request, as a round trip to
// real S3 does),
// --phases (also times the changes action listing alone and hashing alone, see below), --skip-cli.
// Each changes run reports its peak RSS (process.resourceUsage().maxRSS, worker threads included).
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
  unlinkSync
} from 'node:fs'
import { createServer, request as httpRequest, Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'

const root = resolve(import.meta.dirname, '..')
const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    files: { type: 'string', default: '20000' },
    gib: { type: 'string', default: '2' },
    large: { type: 'string' },
    delay: { type: 'string', default: '0' },
    phases: { type: 'boolean', default: false },
    'skip-cli': { type: 'boolean', default: false }
  }
})
const rounds = Number(options.rounds)
const fileCount = Number(options.files)
const totalBytes = Math.round(Number(options.gib) * 2 ** 30)
const MiB = 2 ** 20

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK)
      return join(dir, command)
    } catch {
      // not here
    }
  }
  return undefined
}
function fatal(message) {
  console.error(`bench:changes: ${message}`)
  process.exit(1)
}
if (process.versions.node.split('.')[0] !== '24')
  fatal(`runs under Node 24, not ${process.version}: use npm run bench:changes`)
const { CHANGES_DIST, CHANGES_INPUTS, MOTO_MISSING, inputEnv, runnerEnv, startMoto } =
  await import('./lib/local-aws.ts')
if (!onPath('moto_server')) fatal(MOTO_MISSING)
try {
  accessSync(CHANGES_DIST)
} catch {
  fatal(`${CHANGES_DIST} is missing: npm run build`)
}
const aws = options['skip-cli'] ? undefined : onPath('aws')
const { S3Client, CreateBucketCommand, PutObjectCommand } = await import('@aws-sdk/client-s3')

const work = mkdtempSync(join(tmpdir(), 'changes-bench-'))
const cleanups = [() => rmSync(work, { recursive: true, force: true })]
const cleanUp = () => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
}
process.on('exit', cleanUp)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (cleanUp(), process.exit(130)))

const moto = await startMoto()
cleanups.push(() => void moto.stop())
const credentials = { AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK0001', AWS_SECRET_ACCESS_KEY: 'benchmark-secret-key' }
const cliEnv = {
  PATH: process.env.PATH,
  HOME: work,
  AWS_CONFIG_FILE: join(work, 'no-config'),
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
  ...credentials
}

// The data: large files take half the bytes (the AWS CLI uploads them in 8 MiB parts), small ones the rest.
const source = join(work, 'site')
const largeCount = options.large
  ? Number(options.large)
  : Math.max(1, Math.min(10, Math.floor(fileCount / 100)))
const largeSize = Math.floor(totalBytes / 2 / largeCount)
const smallCount = fileCount - largeCount
const smallSize = Math.max(1, Math.floor((totalBytes - largeSize * largeCount) / smallCount))
const block = randomBytes(MiB)
/** Pseudo-random content: a repeated random block, with the file's name at the start of each MiB. */
function writeData(path, size, salt) {
  const fd = openSync(path, 'w')
  for (let offset = 0; offset < size; offset += MiB) {
    const chunk = Buffer.from(block.subarray(0, Math.min(MiB, size - offset)))
    chunk.write(`${salt}:${offset}`.slice(0, chunk.length))
    writeSync(fd, chunk)
  }
  closeSync(fd)
}
const names = []
for (let i = 0; i < fileCount; i++) {
  const large = i < largeCount
  const name = large ? `media/large-${i}.bin` : `pages/${Math.floor(i / 200)}/page-${i}.html`
  names.push({ name, size: large ? largeSize : smallSize + (i % 97), large })
}
console.log(
  `Node ${process.version}; moto_server on ${moto.url}; ${fileCount.toLocaleString('en')} files, ${(totalBytes / 2 ** 30).toFixed(2)} GiB (${largeCount} of ${(largeSize / MiB).toFixed(0)} MiB, the rest about ${(smallSize / 1024).toFixed(0)} KiB)`
)
let started = performance.now()
for (const { name, size } of names) {
  mkdirSync(join(source, name, '..'), { recursive: true })
  writeData(join(source, name), size, name)
}
console.log(`Wrote the data in ${((performance.now() - started) / 1000).toFixed(1)} s`)

// Upload: small objects with PutObject (their ETag is their MD5), large ones with the AWS CLI (multipart).
started = performance.now()
const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: moto.url,
  forcePathStyle: true,
  credentials: {
    accessKeyId: credentials.AWS_ACCESS_KEY_ID,
    secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY
  }
})
await s3.send(new CreateBucketCommand({ Bucket: 'bench' }))
const small = names.filter(file => !file.large)
let next = 0
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next < small.length) {
      const { name } = small[next++]
      await s3.send(
        new PutObjectCommand({ Bucket: 'bench', Key: `www/${name}`, Body: readFileSync(join(source, name)) })
      )
    }
  })
)
s3.destroy()
for (const { name } of names.filter(file => file.large)) {
  if (!aws) fatal('the AWS CLI is needed to upload the large files with real multipart ETags')
  execFileSync(aws, ['--endpoint-url', moto.url, 's3', 'cp', join(source, name), `s3://bench/www/${name}`], {
    env: cliEnv
  })
}
console.log(`Uploaded in ${((performance.now() - started) / 1000).toFixed(1)} s`)

// The fresh build: every mtime new, 10 same-size edits, 5 new files, 5 deleted.
const now = new Date()
for (const { name } of names) utimesSync(join(source, name), now, now)
for (let i = 0; i < 10; i++) {
  const file = names[largeCount + i * 7]
  const path = join(source, file.name)
  const data = readFileSync(path)
  data[0] ^= 0xff
  writeFileSync(path, data)
}
for (let i = 0; i < 5; i++) writeFileSync(join(source, 'pages', `new-${i}.html`), `new page ${i}\n`)
for (let i = 0; i < 5; i++) unlinkSync(join(source, names[fileCount - 1 - i].name))

/**
 * A front before moto_server for the timed runs: waits `delayMs` before passing each request on (a round
 * trip to real S3 is tens of milliseconds; moto on loopback answers in under one), and in `replay` mode
 * answers each ListObjectsV2 it has answered before from memory, so a run spends no time listing.
 */
async function startFront(upstream, delayMs, replay) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const answers = new Map()
  const server = createServer(async (request, response) => {
    const chunks = []
    for await (const chunk of request) chunks.push(chunk)
    const listing = request.method === 'GET' && /[?&]list-type=2/.test(request.url ?? '')
    const cached = replay && listing ? answers.get(request.url) : undefined
    if (cached) {
      response.writeHead(200, { 'content-type': 'application/xml' }).end(cached)
      return
    }
    if (delayMs) await new Promise(done => setTimeout(done, delayMs))
    const target = new URL(request.url ?? '/', upstream)
    const outgoing = httpRequest(
      target,
      { method: request.method, headers: { ...request.headers, host: target.host }, agent },
      incoming => {
        const parts = []
        incoming.on('data', part => parts.push(part))
        incoming.on('end', () => {
          const body = Buffer.concat(parts)
          if (listing && incoming.statusCode === 200) answers.set(request.url, body)
          const headers = { ...incoming.headers }
          delete headers['transfer-encoding']
          delete headers.connection
          headers['content-length'] = String(body.length)
          response.writeHead(incoming.statusCode ?? 502, headers).end(body)
        })
      }
    )
    outgoing.on('error', error => response.destroy(error))
    outgoing.end(Buffer.concat(chunks))
  })
  await new Promise(done => server.listen(0, '127.0.0.1', done))
  cleanups.push(() => {
    server.closeAllConnections()
    server.close()
    agent.destroy()
  })
  return `http://127.0.0.1:${server.address().port}`
}
const delayMs = Number(options.delay)
const delayFront = delayMs ? await startFront(moto.url, delayMs, false) : undefined
// Hashing alone: the listing answered from memory (after one run through the front to fill it).
const replayFront = options.phases ? await startFront(moto.url, 0, true) : undefined
// Listing alone: a source with every name but no content (each file 0 bytes: sizes differ, nothing is read).
const placeholders = join(work, 'placeholders')
if (options.phases) {
  for (const { name } of names) {
    mkdirSync(join(placeholders, name, '..'), { recursive: true })
    writeFileSync(join(placeholders, name), '')
  }
}

/** Reports the process's peak RSS at exit (worker threads included) on stderr. */
const rssProbe = `--import=data:text/javascript,process.on('exit',()=>process.stderr.write('bench-maxrss:'+process.resourceUsage().maxRSS+'\\n'))`

let runs = 0
/** One fresh process, timed from spawn to exit. */
async function timed(kind) {
  runs++
  const dir = join(work, `run-${runs}`)
  mkdirSync(join(dir, 'tmp'), { recursive: true })
  writeFileSync(join(dir, 'github_output'), '')
  writeFileSync(join(dir, 'step_summary'), '')
  let command, args, env
  const endpoint = kind.endsWith('-delay') ? delayFront : moto.url
  if (!kind.startsWith('cli')) {
    const url = kind === 'hashing' ? replayFront : endpoint
    command = process.execPath
    args = [CHANGES_DIST]
    env = {
      ...runnerEnv(dir, dir, {
        TMPDIR: dir,
        AWS_ENDPOINT_URL_S3: url,
        NODE_OPTIONS: rssProbe,
        ...credentials
      }),
      ...inputEnv(
        { source: kind === 'listing' ? placeholders : source, destination: 's3://bench/www' },
        CHANGES_INPUTS
      )
    }
  } else {
    command = aws
    args = ['--endpoint-url', endpoint, 's3', 'sync', '--dryrun', '--delete', source, 's3://bench/www']
    env = cliEnv
  }
  const start = performance.now()
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', chunk => (output += chunk))
  child.stderr.on('data', chunk => (output += chunk))
  const code = await new Promise(done => child.on('exit', done))
  const ms = performance.now() - start
  if (code !== 0) fatal(`${kind} exited with ${code}:\n${output.slice(-3000)}`)
  if (!kind.startsWith('cli')) {
    const outputs = readFileSync(join(dir, 'github_output'), 'utf8')
    const outputOf = name => new RegExp(`^${name}<<(.+)\\n(.*)\\n`, 'm').exec(outputs)?.[2]
    const count = name => Number(outputOf(name)).toLocaleString('en')
    return {
      ms,
      rss: Number(/bench-maxrss:(\d+)/.exec(output)?.[1]) * 1024,
      // The paths-file itself, to check every run lists the same changes.
      paths: readFileSync(outputOf('paths-file'), 'utf8'),
      listed: `${count('changed')} changed, ${count('added')} added, ${count('deleted')} deleted, ${count('unchanged')} unchanged`
    }
  }
  const uploads = (output.match(/^\(dryrun\) upload:/gm) ?? []).length
  const deletes = (output.match(/^\(dryrun\) delete:/gm) ?? []).length
  return { ms, listed: `${uploads} uploads, ${deletes} deletes` }
}

const kinds = [
  'changes',
  ...(aws ? ['cli'] : []),
  ...(options.phases ? ['listing', 'hashing'] : []),
  ...(delayMs ? ['changes-delay', ...(aws ? ['cli-delay'] : [])] : [])
]
const results = Object.fromEntries(kinds.map(kind => [kind, []]))
// Fills the replay front's memory of the listing.
if (options.phases) await timed('hashing')
for (let round = 0; round < rounds; round++) {
  for (const kind of round % 2 ? [...kinds].reverse() : kinds) results[kind].push(await timed(kind))
}
const label = {
  changes: '`node changes/dist/index.js` (by content)',
  cli: '`aws s3 sync --dryrun --delete` (by size and time)',
  listing: 'changes action, listing alone (0-byte files of the same names: nothing read)',
  hashing: 'changes action, hashing alone (ListObjectsV2 answered from memory)',
  'changes-delay': `changes action, ${delayMs} ms added to every S3 request`,
  'cli-delay': `\`aws s3 sync --dryrun --delete\`, ${delayMs} ms added to every S3 request`
}
const MiBs = bytes => `${Math.round(bytes / MiB)} MiB`
console.log('\n| Process | Median | Min | Peak RSS | Lists |\n| --- | ---: | ---: | ---: | --- |')
const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
for (const kind of kinds) {
  const times = results[kind].map(result => result.ms)
  const rss = kind.startsWith('cli') ? '' : MiBs(Math.max(...results[kind].map(result => result.rss)))
  console.log(
    `| ${label[kind]} | ${(median(times) / 1000).toFixed(1)} s | ${(Math.min(...times) / 1000).toFixed(1)} s | ${rss} | ${results[kind][0].listed} |`
  )
}
const byContent = [...results.changes, ...(results.hashing ?? []), ...(results['changes-delay'] ?? [])].map(
  result => result.paths
)
if (byContent.some(paths => paths !== byContent[0]))
  fatal('the changes action listed different changes in different runs')
if (aws) {
  const ratio = median(results.changes.map(r => r.ms)) / median(results.cli.map(r => r.ms))
  console.log(`\nchanges / aws s3 sync --dryrun (medians): ${ratio.toFixed(2)}x`)
  if (delayMs) {
    const delayed =
      median(results['changes-delay'].map(r => r.ms)) / median(results['cli-delay'].map(r => r.ms))
    console.log(`with ${delayMs} ms added to every S3 request: ${delayed.toFixed(2)}x`)
  }
}
console.log('\n| Bundle | Bytes | gzip |\n| --- | ---: | ---: |')
for (const file of ['dist/index.js', 'changes/dist/index.js']) {
  const data = readFileSync(join(root, file))
  console.log(
    `| ${file} | ${data.length.toLocaleString('en')} | ${(gzipSync(data).length / 1024).toFixed(0)} KiB |`
  )
}
cleanUp()
process.exit(0)
