#!/usr/bin/env node
// npm run demo: the action, run exactly as the GitHub runner runs it, against a local CloudFront
// emulator (moto_server), with no AWS account. Prints the step log, the outputs and the job summary.
// moto completes invalidations at once; a small front before it keeps each one InProgress for a few
// seconds, as CloudFront does, so `wait: true` shows what waiting looks like.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

if (process.versions.node.split('.')[0] !== '24') {
  console.error(`The demo runs under Node 24, like the action; this is ${process.version}. Use: npm run demo`)
  process.exit(1)
}
// Shared with the end-to-end tests and the benchmark; Node 24 strips its types.
const { DIST, MOTO_MISSING, createDistribution, inputEnv, runnerEnv, startHoldingFront, startMoto } =
  await import('./lib/local-aws.ts')

/** The job summary's Markdown as a terminal shows it: aligned tables, links and emphasis as their text. */
function summaryAsText(markdown) {
  const lines = markdown
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')
    .replace(/<details><summary>(.*?)<\/summary>/g, '$1:')
    .replace(/<\/details>|^```\w*$/gm, '')
    .replace(/`|\*\*/g, '')
    .split('\n')
  const out = []
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('|')) {
      out.push(lines[i].replace(/^#+ /, ''))
      continue
    }
    const rows = []
    for (; i < lines.length && lines[i].startsWith('|'); i++) {
      if (!/^\|[\s:|-]+\|$/.test(lines[i]))
        rows.push(
          lines[i]
            .slice(1, -1)
            .split('|')
            .map(cell => cell.trim())
        )
    }
    i--
    const widths = rows[0].map((_, column) => Math.max(...rows.map(row => (row[column] ?? '').length)))
    for (const row of rows)
      out.push(
        row
          .map((cell, column) => cell.padEnd(widths[column]))
          .join('  ')
          .trimEnd()
      )
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n')
}

let moto
let front
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

  const dir = mkdtempSync(join(tmpdir(), 'cloudfront-invalidate-demo-'))
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

  console.log('\n──── outputs ────')
  for (const match of readFileSync(join(dir, 'github_output'), 'utf8').matchAll(
    /^(.+)<<(.+)\n([\s\S]*?)\n\2$/gm
  )) {
    console.log(`${match[1]} = ${match[3]}`)
  }
  console.log('\n──── job summary ────')
  console.log(summaryAsText(readFileSync(join(dir, 'step_summary'), 'utf8')))
  process.exitCode = status ?? 1
} finally {
  await front?.close()
  await moto.stop()
}
