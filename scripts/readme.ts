/**
 * The README's inputs and outputs tables, made from action.yml so the two never disagree.
 * `npm run docs` rewrites them in place; a unit test fails when the README is out of date.
 * Runs under Node 24 as it is (type stripping): only erasable TypeScript here.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

const cell = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')

export function inputsTable(action: ActionYml): string {
  const rows = Object.entries(action.inputs).map(([name, input]) => {
    const fallback = input.required ? 'required' : input.default === undefined ? '' : `\`${input.default}\``
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`
  })
  return ['| Input | Default | Description |', '| --- | --- | --- |', ...rows].join('\n')
}

export function outputsTable(action: ActionYml): string {
  const rows = Object.entries(action.outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
  )
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n')
}

/**
 * The README with the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` made anew; with the
 * changes action's changes/action.yml, its tables (`changes-inputs`, `changes-outputs`) too.
 */
export function updateReadme(readme: string, actionYmlText: string, changesYmlText?: string): string {
  const action = parse(actionYmlText) as ActionYml
  const tables: Record<string, string> = { inputs: inputsTable(action), outputs: outputsTable(action) }
  if (changesYmlText !== undefined) {
    const changes = parse(changesYmlText) as ActionYml
    tables['changes-inputs'] = inputsTable(changes)
    tables['changes-outputs'] = outputsTable(changes)
  }
  let updated = readme
  for (const [name, table] of Object.entries(tables)) {
    const file = name.startsWith('changes-') ? 'changes/action.yml' : 'action.yml'
    const start = `<!-- ${name}:start (made from ${file} by npm run docs) -->`
    const end = `<!-- ${name}:end -->`
    const from = updated.indexOf(start)
    const to = updated.indexOf(end)
    if (from === -1 || to < from) throw new Error(`README.md has no ${start} ... ${end} section`)
    updated = `${updated.slice(0, from + start.length)}\n\n${table}\n\n${updated.slice(to)}`
  }
  return updated
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8')
  const updated = updateReadme(
    readme,
    readFileSync('action.yml', 'utf8'),
    readFileSync('changes/action.yml', 'utf8')
  )
  writeFileSync('README.md', updated)
  console.log(
    updated === readme
      ? 'README.md tables are up to date.'
      : 'README.md tables updated from action.yml and changes/action.yml.'
  )
}
