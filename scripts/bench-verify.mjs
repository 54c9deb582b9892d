#!/usr/bin/env node
// npm run bench:verify (and the last section of npm run bench): what verify adds to the step, side by side
// in the same run. Alternating fresh processes of the bundled action, both with wait: true and the same
// 100 changed files (100 exact paths sent), given as s3:// keys: (a) without verify, (b) with verify
// against a local edge (__tests__/e2e/edge.ts) that answers each request after 50 ms, caching a local
// origin, and the content check's HeadObject to moto's S3 behind a front that answers each call after
// 50 ms. Both against moto_server. The budget (issues 25 and 31): verify adds at most 2 s. Reports; never
// fails on a number.
//
// Options: --rounds N (5), --urls N (100), --latency MS (50, the edge's and S3's each).
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createServer, request as httpRequest } from 'node:http'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    urls: { type: 'string', default: '100' },
    latency: { type: 'string', default: '50' }
  }
})
const rounds = Number(options.rounds)
const urls = Number(options.urls)
const latencyMs = Number(options.latency)

const { DIST, createDistribution, inputEnv, runnerEnv, startMoto } = await import('./lib/local-aws.ts')
const { Edge, Origin } = await import('../__tests__/e2e/edge.ts')

const work = mkdtempSync(join(tmpdir(), 'cf-bench-verify-'))
const moto = await startMoto()
const origin = await new Origin().start()
// The ETag S3 gives the body 'v2' (its MD5), so that the content check finds the bucket's bytes served.
const etag = `"${createHash('md5').update('v2').digest('hex')}"`
origin.prefixes.push({
  prefix: '/v/',
  make: () => ({ status: 200, body: 'v2', headers: { 'cache-control': 'no-cache', etag } })
})
const BUCKET = 'bench-verify'
const { S3Client, CreateBucketCommand, PutObjectCommand } = await import('@aws-sdk/client-s3')
const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: moto.url,
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKIDBENCHMARK0001', secretAccessKey: 'benchmark-secret-key' }
})
await s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
// S3 as far away as the edge: each call to moto answered after latencyMs.
const slowS3 = createServer((request, response) => {
  setTimeout(() => {
    const forward = httpRequest(
      `${moto.url}${request.url}`,
      { method: request.method, headers: request.headers },
      answer => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    request.pipe(forward)
  }, latencyMs)
})
await new Promise(done => slowS3.listen(0, '127.0.0.1', done))
const slowS3Url = `http://127.0.0.1:${slowS3.address().port}`
const distributionId = await createDistribution(moto.url, 'bench-verify')
// Every URL is new to the edge (a miss): it need not look at the invalidations, which would time moto.
const edge = await new Edge({
  origin,
  endpoint: moto.url,
  distributionId,
  latencyMs,
  honourInvalidations: false
}).start()

let counter = 0
async function step(verify) {
  counter++
  const dir = join(work, `run-${counter}`)
  mkdirSync(dir)
  for (const file of ['github_output', 'step_summary']) writeFileSync(join(dir, file), '')
  // Each run its own files, so that no CallerReference repeats and every URL is a miss at first.
  const keys = Array.from({ length: urls }, (_, i) => `v/${counter}/${i}.html`)
  if (verify) {
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'v2' }))
  }
  writeFileSync(join(dir, 'changed.txt'), keys.map(key => `s3://${BUCKET}/${key}`).join('\n'))
  const env = {
    ...runnerEnv(dir, dir, {
      GITHUB_RUN_ID: String(7_000_000_000 + counter),
      TMPDIR: dir,
      AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK0001',
      AWS_SECRET_ACCESS_KEY: 'benchmark-secret-key',
      AWS_ENDPOINT_URL_CLOUDFRONT: moto.url,
      AWS_ENDPOINT_URL_S3: slowS3Url
    }),
    ...inputEnv({
      'distribution-id': distributionId,
      'paths-file': 'changed.txt',
      'max-paths': String(Math.max(urls, 1)),
      'index-document': '',
      wait: 'true',
      ...(verify ? { verify: 'true', 'verify-url': edge.url } : {})
    })
  }
  const started = performance.now()
  const child = spawn(process.execPath, [DIST], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', chunk => (output += chunk))
  child.stderr.on('data', chunk => (output += chunk))
  const code = await new Promise(done => child.on('exit', done))
  const ms = performance.now() - started
  if (code !== 0) throw new Error(`the step${verify ? ' with verify' : ''} exited with ${code}:\n${output}`)
  if (verify && !output.includes(`live: ${urls} URLs`)) throw new Error(`not every URL was live:\n${output}`)
  if (verify && (output.match(/judged by ETag/g) ?? []).length !== urls)
    throw new Error(`not every URL was judged by its content:\n${output}`)
  return ms
}

const plain = []
const verified = []
try {
  for (let round = 0; round < rounds; round++) {
    // Order swapped every round, so that neither side always runs on a warmer machine.
    if (round % 2 === 0) {
      plain.push(await step(false))
      verified.push(await step(true))
    } else {
      verified.push(await step(true))
      plain.push(await step(false))
    }
  }
} finally {
  await edge.stop()
  await origin.stop()
  slowS3.closeAllConnections()
  await new Promise(done => slowS3.close(done))
  s3.destroy()
  await moto.stop()
  rmSync(work, { recursive: true, force: true })
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const s = ms => `${(ms / 1000).toFixed(2)} s`
const added = verified.map((ms, i) => ms - plain[i])
console.log(
  `verify: ${urls} URLs given as s3:// keys, the edge and S3 each answering in ${latencyMs} ms, ${rounds} rounds side by side (wait: true both)`
)
console.log(`  without verify  median ${s(median(plain))}  (${plain.map(s).join(', ')})`)
console.log(`  with verify     median ${s(median(verified))}  (${verified.map(s).join(', ')})`)
console.log(
  `  added           median ${s(median(added))}, max ${s(Math.max(...added))}; budget 2.00 s: ${median(added) <= 2000 ? 'within' : 'OVER'}`
)
