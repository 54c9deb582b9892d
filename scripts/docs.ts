/**
 * The generated parts of the docs, made from action.yml and changes/action.yml so they never disagree:
 * the full reference of every input and output (docs/inputs-and-outputs.md, docs/changes-action.md) and
 * the README's one-line-each tables that link to it. `npm run docs` rewrites them in place, between
 * `<!-- NAME:start (made from FILE by npm run docs) -->` and `<!-- NAME:end -->`; a unit test fails when
 * a file is out of date. Runs under Node 24 as it is (type stripping): only erasable TypeScript here.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'
import { slug } from './lib/markdown.mjs'

export interface ActionYml {
  description: string
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

/** The files with generated sections, each section's name, and the action.yml it is made from. */
export const GENERATED: Record<string, Record<string, 'action.yml' | 'changes/action.yml'>> = {
  'README.md': {
    'inputs-summary': 'action.yml',
    'outputs-summary': 'action.yml',
    'changes-summary': 'changes/action.yml'
  },
  'docs/inputs-and-outputs.md': { inputs: 'action.yml', outputs: 'action.yml' },
  'docs/changes-action.md': {
    'changes-inputs': 'changes/action.yml',
    'changes-outputs': 'changes/action.yml'
  }
}

/** Where each action's reference is, from the README. */
const REFERENCE = {
  'action.yml': 'docs/inputs-and-outputs.md',
  'changes/action.yml': 'docs/changes-action.md'
}

/**
 * A description as Markdown text: one line, and nothing in it read as HTML, emphasis, a link or a table
 * cell's end (an `_` inside a word, as in AWS_REGION, emphasises nothing and stays as it is).
 */
const prose = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\*<>|[\]])/g, '\\$1')
    .replace(/(^|[^\p{L}\p{N}])_|_(?=$|[^\p{L}\p{N}])/gu, (match: string) => match.replace('_', '\\_'))

/**
 * The gist of a description for a one-line table: its first sentence without the parentheses, cut at
 * the first colon or semicolon when still long, then at the last comma that keeps it short.
 */
export function gist(description: string): string {
  let text = description.replace(/\s+/g, ' ').trim()
  while (/\s*\([^()]*\)/.test(text)) text = text.replace(/\s*\([^()]*\)/g, '')
  text = (text.split(/(?<=\.)\s+(?=[A-Z])/)[0] ?? text).replace(/\.$/, '')
  if (text.length > 90) text = text.split(/[:;]\s/)[0] ?? text
  const comma = text.lastIndexOf(', ', 110)
  if (text.length > 110 && comma > 0) text = text.slice(0, comma)
  return text
}

const fallbackOf = (input: ActionYml['inputs'][string]) =>
  input.required ? 'required' : input.default === undefined ? '' : `\`${input.default}\``

/** The anchors GitHub gives `### \`name\`` headings of a page, in order, repeats numbered as GitHub does. */
function anchorsOf(names: string[]): string[] {
  const seen = new Map<string, number>()
  return names.map(name => {
    const base = slug(name)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    return count === 0 ? base : `${base}-${count}`
  })
}

/** The reference of every input: a heading each (its anchor is the input's name), the default, the description. */
export function inputsReference(action: ActionYml): string {
  return Object.entries(action.inputs)
    .map(([name, input]) => {
      const fallback = input.required
        ? 'Required.'
        : input.default === undefined
          ? 'Optional, no default.'
          : `Optional, default \`${input.default === '' ? "''" : input.default}\`.`
      return `### \`${name}\`\n\n${fallback}\n\n${prose(input.description)}`
    })
    .join('\n\n')
}

export function outputsReference(action: ActionYml): string {
  return Object.entries(action.outputs)
    .map(([name, output]) => `### \`${name}\`\n\n${prose(output.description)}`)
    .join('\n\n')
}

/** The README's one-line-each tables, each name linking to its heading in the reference. */
function summaryTable(
  action: ActionYml,
  reference: string,
  kinds: ('inputs' | 'outputs')[],
  withDefault: boolean
): string {
  // Inputs come before outputs in the reference, so a repeated name's anchor is numbered as GitHub does.
  const names = [...Object.keys(action.inputs), ...Object.keys(action.outputs)]
  const anchor = new Map<string, string>()
  anchorsOf(names).forEach((id, index) =>
    anchor.set(`${index < Object.keys(action.inputs).length ? 'inputs' : 'outputs'}:${names[index]}`, id)
  )
  interface Item {
    kind: 'inputs' | 'outputs'
    name: string
    text: string
    input?: ActionYml['inputs'][string]
  }
  const items = kinds.flatMap((kind): Item[] =>
    kind === 'inputs'
      ? Object.entries(action.inputs).map(([name, input]) => ({ kind, name, input, text: input.description }))
      : Object.entries(action.outputs).map(([name, output]) => ({ kind, name, text: output.description }))
  )
  const rows = items.map(item => {
    const { kind, name } = item
    const link = `[\`${name}\`](${reference}#${anchor.get(`${kind}:${name}`)})`
    const label = kinds.length > 1 ? `${kind === 'inputs' ? 'input' : 'output'} ` : ''
    const fallback = 'input' in item ? fallbackOf(item.input) : ''
    return withDefault
      ? `| ${label}${link} | ${fallback} | ${prose(gist(item.text))} |`
      : `| ${label}${link} | ${prose(gist(item.text))} |`
  })
  const header = withDefault
    ? [
        kinds.length > 1 ? '| Name | Default | What it is |' : '| Input | Default | What it is |',
        '| --- | --- | --- |'
      ]
    : ['| Output | What it is |', '| --- | --- |']
  return ['<!-- prettier-ignore -->', ...header, ...rows].join('\n')
}

/** Every generated section, by name, made from the two action.yml texts. */
export function sections(actionYmlText: string, changesYmlText: string): Record<string, string> {
  const action = parse(actionYmlText) as ActionYml
  const changes = parse(changesYmlText) as ActionYml
  return {
    'inputs-summary': summaryTable(action, REFERENCE['action.yml'], ['inputs'], true),
    'outputs-summary': summaryTable(action, REFERENCE['action.yml'], ['outputs'], false),
    'changes-summary': summaryTable(changes, REFERENCE['changes/action.yml'], ['inputs', 'outputs'], true),
    inputs: inputsReference(action),
    outputs: outputsReference(action),
    'changes-inputs': inputsReference(changes),
    'changes-outputs': outputsReference(changes)
  }
}

/** A file with its generated sections made anew. */
export function updateGenerated(file: string, text: string, made: Record<string, string>): string {
  let updated = text
  for (const [name, source] of Object.entries(GENERATED[file] ?? {})) {
    const start = `<!-- ${name}:start (made from ${source} by npm run docs) -->`
    const end = `<!-- ${name}:end -->`
    const from = updated.indexOf(start)
    const to = updated.indexOf(end)
    if (from === -1 || to < from) throw new Error(`${file} has no ${start} ... ${end} section`)
    updated = `${updated.slice(0, from + start.length)}\n\n${made[name]}\n\n${updated.slice(to)}`
  }
  return updated
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const made = sections(readFileSync('action.yml', 'utf8'), readFileSync('changes/action.yml', 'utf8'))
  for (const file of Object.keys(GENERATED)) {
    const text = readFileSync(file, 'utf8')
    const updated = updateGenerated(file, text, made)
    writeFileSync(file, updated)
    console.log(updated === text ? `${file}: up to date.` : `${file}: updated from action.yml.`)
  }
}
