#!/usr/bin/env node
// npm run local -- distribution-id=E123 paths=/a.html: the bundled action (dist/index.js) run on this
// machine with the inputs given, as the runner runs a step: every input of action.yml that is not given
// takes its default (index-document, max-paths, wait-timeout, ...), as INPUT_* variables. Credentials,
// region, proxies and endpoints come from this shell (AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_REGION,
// AWS_ENDPOINT_URL_CLOUDFRONT for an emulator, ...); relative files are read from the folder npm was run
// in. --changes runs the changes action (changes/dist/index.js) instead. Prints the step log, then each
// output's final value and the job summary, and leaves nothing behind (but the changes action's files,
// for a later run).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const USAGE = `Usage: npm run local -- [--changes] name=value ...

Runs the bundled action with these inputs, and action.yml's defaults for the others:
  npm run local -- distribution-id=E2QWRUHAPOMQZL paths=/index.html wait=true
  npm run local -- --changes source=build destination=s3://my-website-bucket
A value may hold spaces and line breaks (quote it for the shell): paths=$'/a.html\\n/b.html'.
Credentials, region and endpoints come from this shell, as the AWS CLI's do.`

if (process.versions.node.split('.')[0] !== '24') {
  console.error(
    `The action runs under Node 24; this is ${process.version}. Use: npm run local -- name=value ...`
  )
  process.exit(1)
}
// Shared with the demo and the end-to-end tests; Node 24 strips their types.
const { ACTION_INPUTS, CHANGES_DIST, CHANGES_INPUTS, DIST, inputEnv } = await import('./lib/local-aws.ts')
const { finalOutputs, summaryAsText } = await import('./lib/step-files.ts')

const args = process.argv.slice(2)
if (args.length === 0 || args.some(arg => arg === '--help' || arg === '-h')) {
  console.log(USAGE)
  process.exit(args.length === 0 ? 1 : 0)
}
const changes = args.includes('--changes')
const declared = changes ? CHANGES_INPUTS : ACTION_INPUTS
const inputs = {}
for (const arg of args.filter(arg => arg !== '--changes')) {
  const at = arg.indexOf('=')
  const name = at > 0 ? arg.slice(0, at) : arg
  if (at <= 0 || !(name in declared)) {
    console.error(
      `${at <= 0 ? `"${arg}" is not name=value.` : `${name} is not an input of ${changes ? 'changes/action.yml' : 'action.yml'}.`} Its inputs: ${Object.keys(declared).join(', ')}.\n\n${USAGE}`
    )
    process.exit(1)
  }
  inputs[name] = arg.slice(at + 1)
}

// The step's own files, as the runner gives them, in a folder removed at the end.
const dir = mkdtempSync(join(tmpdir(), 'cloudfront-invalidate-local-'))
const files = {
  GITHUB_OUTPUT: join(dir, 'github_output'),
  GITHUB_STEP_SUMMARY: join(dir, 'step_summary'),
  GITHUB_STATE: join(dir, 'github_state'),
  GITHUB_ENV: join(dir, 'github_env')
}
let status = 1
try {
  for (const file of Object.values(files)) writeFileSync(file, '')
  // The changes action's paths-file and inventory-file are for a later run: they stay, in a folder of
  // their own.
  const runnerTemp = changes
    ? mkdtempSync(join(tmpdir(), 'cloudfront-invalidate-changes-'))
    : join(dir, 'tmp')
  mkdirSync(runnerTemp, { recursive: true })
  // This shell's environment without another step's inputs or runner files, then this step's.
  const own = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(INPUT_|GITHUB_|RUNNER_)/.test(name))
  )
  const env = {
    ...own,
    ...files,
    GITHUB_WORKSPACE: process.env.INIT_CWD || process.cwd(),
    RUNNER_TEMP: runnerTemp,
    ...inputEnv(inputs, declared)
  }
  console.log(
    `──── ${changes ? 'changes action' : 'action'} with ${Object.entries(inputs)
      .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
      .join(' ')} (and action.yml's defaults) ────`
  )
  const action = spawn(process.execPath, [changes ? CHANGES_DIST : DIST], {
    cwd: env.GITHUB_WORKSPACE,
    env,
    stdio: 'inherit'
  })
  status = (await new Promise(done => action.on('close', done))) ?? 1

  console.log('\n──── outputs ────')
  for (const [name, value] of finalOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8'))) {
    console.log(`${name} = ${value}`)
  }
  if (changes) console.log(`(paths-file and inventory-file stay in ${runnerTemp}: remove it when done)`)
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
  if (summary.trim()) {
    console.log('\n──── job summary ────')
    console.log(summaryAsText(summary))
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.exitCode = status
