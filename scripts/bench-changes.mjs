#!/usr/bin/env node
// npm run bench:changes (also the last part of npm run bench): the changes action against
// `aws s3 sync --dryrun --delete` on the same data, side by side, alternating, in this one process run.
// Not a test: it reports, it never fails on a number. Runs under Node 24 against moto_server.
//
// Data: --files N files (20,000) of --gib G GiB in all (2): a few large files (uploaded with the AWS CLI,
// so their multipart ETags are real) and many small ones (PutObject with the SDK, to keep set-up short).
// Then a "fresh build": every file rewritten or touched (new mtimes), 10 same-size edits, 5 new files,
// 5 deleted. Options: --rounds N (2), --files N, --gib G, --skip-cli.
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
const largeCount = Math.max(1, Math.min(10, Math.floor(fileCount / 100)))
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

let runs = 0
/** One fresh process, timed from spawn to exit. */
async function timed(kind) {
  runs++
  const dir = join(work, `run-${runs}`)
  mkdirSync(join(dir, 'tmp'), { recursive: true })
  writeFileSync(join(dir, 'github_output'), '')
  writeFileSync(join(dir, 'step_summary'), '')
  let command, args, env
  if (kind === 'changes') {
    command = process.execPath
    args = [CHANGES_DIST]
    env = {
      ...runnerEnv(dir, dir, { TMPDIR: dir, AWS_ENDPOINT_URL_S3: moto.url, ...credentials }),
      ...inputEnv({ source, destination: 's3://bench/www' }, CHANGES_INPUTS)
    }
  } else {
    command = aws
    args = ['--endpoint-url', moto.url, 's3', 'sync', '--dryrun', '--delete', source, 's3://bench/www']
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
  if (kind === 'changes') {
    const outputs = readFileSync(join(dir, 'github_output'), 'utf8')
    const count = name => new RegExp(`^${name}<<(.+)\\n(\\d+)\\n`, 'm').exec(outputs)?.[2]
    return {
      ms,
      listed: `${count('changed')} changed, ${count('added')} added, ${count('deleted')} deleted, ${count('unchanged')} unchanged`
    }
  }
  const uploads = (output.match(/^\(dryrun\) upload:/gm) ?? []).length
  const deletes = (output.match(/^\(dryrun\) delete:/gm) ?? []).length
  return { ms, listed: `${uploads} uploads, ${deletes} deletes` }
}

const kinds = ['changes', ...(aws ? ['cli'] : [])]
const results = Object.fromEntries(kinds.map(kind => [kind, []]))
for (let round = 0; round < rounds; round++) {
  for (const kind of round % 2 ? [...kinds].reverse() : kinds) results[kind].push(await timed(kind))
}
const label = {
  changes: '`node changes/dist/index.js` (by content)',
  cli: '`aws s3 sync --dryrun --delete` (by size and time)'
}
console.log('\n| Process | Median | Min | Lists |\n| --- | ---: | ---: | --- |')
const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
for (const kind of kinds) {
  const times = results[kind].map(result => result.ms)
  console.log(
    `| ${label[kind]} | ${(median(times) / 1000).toFixed(1)} s | ${(Math.min(...times) / 1000).toFixed(1)} s | ${results[kind][0].listed} |`
  )
}
if (aws) {
  const ratio = median(results.changes.map(r => r.ms)) / median(results.cli.map(r => r.ms))
  console.log(`\nchanges / aws s3 sync --dryrun (medians): ${ratio.toFixed(2)}x`)
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
