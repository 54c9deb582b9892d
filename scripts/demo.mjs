#!/usr/bin/env node
// npm run demo: the action, run exactly as the GitHub runner runs it, against a local CloudFront
// emulator (moto_server), with no AWS account. Prints the step log, the outputs and the job summary.
// moto completes invalidations at once; a small front before it keeps each one InProgress for a few
// seconds, as CloudFront does, so `wait: true` shows what waiting looks like.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

if (process.versions.node.split('.')[0] !== '24') {
  console.error(`The demo runs under Node 24, like the action; this is ${process.version}. Use: npm run demo`)
  process.exit(1)
}
// Shared with the end-to-end tests and the benchmark; Node 24 strips its types.
const { DIST, MOTO_MISSING, createDistribution, inputEnv, runnerEnv, startHoldingFront, startMoto } =
  await import('./lib/local-aws.ts')
const { finalOutputs, summaryAsText } = await import('./lib/step-files.ts')

let moto
let front
let dir
try {
  moto = await startMoto()
} catch (error) {
  console.error(String(error).includes(MOTO_MISSING) ? MOTO_MISSING : String(error))
  process.exit(1)
}
try {
  front = await startHoldingFront(moto.url)
  front.hold(4_000)
  const distributionId = await createDistribution(moto.url, 'demo')
  console.log(`Local CloudFront emulator on ${moto.url}, distribution ${distributionId}\n`)

  dir = mkdtempSync(join(tmpdir(), 'cloudfront-invalidate-demo-'))
  const workspace = join(dir, 'workspace')
  mkdirSync(workspace)
  for (const file of ['github_output', 'step_summary']) writeFileSync(join(dir, file), '')
  writeFileSync(join(workspace, 'changed.txt'), '/index.html\n/about us/index.html\n/blog/über-uns.html\n')

  // What the runner gives the step of a workflow with:
  //   - uses: cloudfront-invalidate-action/cloudfront-invalidate-action@v1
  //     with: { distribution-id: ..., paths-file: changed.txt, wait: true }
  // after aws-actions/configure-aws-credentials exported the job's credentials.
  const env = {
    ...runnerEnv(workspace, dir, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLEDEMO',
      AWS_SECRET_ACCESS_KEY: 'demo-secret',
      AWS_ENDPOINT_URL_CLOUDFRONT: front.url
    }),
    ...inputEnv({ 'distribution-id': distributionId, 'paths-file': 'changed.txt', wait: 'true' })
  }
  console.log('──── step log ────')
  // Not spawnSync: the front answers from this process's event loop.
  const action = spawn(process.execPath, [DIST], { cwd: workspace, env, stdio: 'inherit' })
  const status = await new Promise(done => action.on('close', done))

  // Each output as a later step reads it: its last value (the action writes some more than once).
  console.log('\n──── outputs ────')
  for (const [name, value] of finalOutputs(readFileSync(join(dir, 'github_output'), 'utf8'))) {
    console.log(`${name} = ${value}`)
  }
  console.log('\n──── job summary ────')
  console.log(summaryAsText(readFileSync(join(dir, 'step_summary'), 'utf8')))
  process.exitCode = status ?? 1
} finally {
  await front?.close()
  await moto.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
}
