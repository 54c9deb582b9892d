#!/usr/bin/env node
// npm run demo: the action, run exactly as the GitHub runner runs it, against a local CloudFront
// emulator (moto_server), with no AWS account. Prints the step log, the outputs and the job summary.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront'

const root = resolve(import.meta.dirname, '..')

/** The job summary's Markdown as a terminal shows it: aligned tables, links as their text. */
function summaryAsText(markdown) {
  const lines = markdown
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')
    .replace(/<details><summary>(.*?)<\/summary>/g, '$1:')
    .replace(/<\/details>|^```\w*$/gm, '')
    .replace(/`/g, '')
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

if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).error) {
  console.error(
    'moto_server is not installed. It is the local CloudFront emulator the demo runs against:\n' +
      "  pip install 'moto[server]'   (or: pipx install 'moto[server]')"
  )
  process.exit(1)
}

const port = await new Promise(done => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address()
    server.close(() => done(free))
  })
})
const endpoint = `http://127.0.0.1:${port}`
const moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
const stop = () => moto.kill('SIGTERM')
process.on('exit', stop)

try {
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) break
    } catch {
      if (tries > 150) throw new Error(`moto_server did not start on ${endpoint}`)
      await new Promise(done => setTimeout(done, 100))
    }
  }

  const credentials = { accessKeyId: 'AKIDEXAMPLEDEMO', secretAccessKey: 'demo-secret' }
  const cloudfront = new CloudFrontClient({ region: 'us-east-1', endpoint, credentials })
  const { Distribution } = await cloudfront.send(
    new CreateDistributionCommand({
      DistributionConfig: {
        CallerReference: `demo-${Date.now()}`,
        Comment: 'demo',
        Enabled: true,
        Origins: {
          Quantity: 1,
          Items: [
            { Id: 'site', DomainName: 'site.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } }
          ]
        },
        DefaultCacheBehavior: {
          TargetOriginId: 'site',
          ViewerProtocolPolicy: 'redirect-to-https',
          ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } },
          TrustedSigners: { Enabled: false, Quantity: 0 },
          MinTTL: 0
        }
      }
    })
  )
  console.log(`Local CloudFront emulator on ${endpoint}, distribution ${Distribution.Id}\n`)

  const dir = mkdtempSync(join(tmpdir(), 'cloudfront-invalidate-demo-'))
  const outputFile = join(dir, 'github_output')
  const summaryFile = join(dir, 'step_summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  writeFileSync(join(dir, 'changed.txt'), '/index.html\n/about us/index.html\n/blog/über-uns.html\n')

  // What the runner gives a step: every input as INPUT_<NAME> (defaults from action.yml applied).
  const inputs = {
    'distribution-id': Distribution.Id,
    'paths-file': 'changed.txt',
    wait: 'true',
    'wait-timeout': '1800',
    'role-session-name': 'GitHubActions',
    'role-duration-seconds': '3600',
    audience: 'sts.amazonaws.com',
    'dry-run': 'false'
  }
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_REPOSITORY: 'octo-org/website',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_ACTION: '__demo',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_CLOUDFRONT: endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
    )
  }
  const node = join(
    execFileSync('bash', [join(root, 'scripts', 'node24.sh')], { encoding: 'utf8' }).trim(),
    'node'
  )
  console.log('──── step log ────')
  const run = spawnSync(node, [join(root, 'dist', 'index.js')], { cwd: dir, env, stdio: 'inherit' })

  console.log('\n──── outputs ────')
  for (const match of readFileSync(outputFile, 'utf8').matchAll(/^(.+)<<(.+)\n([\s\S]*?)\n\2$/gm)) {
    console.log(`${match[1]} = ${match[3]}`)
  }
  console.log('\n──── job summary ────')
  console.log(summaryAsText(readFileSync(summaryFile, 'utf8')))
  process.exitCode = run.status ?? 1
} finally {
  stop()
}
