/**
 * What OpenSSF Scorecard and GitHub's SHA-pinning policy check in the repository's own workflows, kept
 * true on every change: actions pinned to a full commit SHA with the version in a comment, read-only
 * tokens by default, no persisted checkout credentials, and no pip step of their own (npm test installs
 * moto_server, so CI proves that path).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

const dir = new URL('../.github/workflows/', import.meta.url)
const workflows = readdirSync(dir)
  .filter(name => /\.ya?ml$/.test(name))
  .map(name => {
    const text = readFileSync(new URL(name, dir), 'utf8')
    return { name, text, doc: parse(text) as Workflow }
  })

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Workflow {
  permissions?: string | Record<string, string>
  jobs: Record<string, { steps?: Step[]; permissions?: Record<string, string> }>
}

const steps = (doc: Workflow) => Object.values(doc.jobs).flatMap(job => job.steps ?? [])

describe('the workflows', () => {
  it('are there', () => {
    expect(workflows.map(workflow => workflow.name).sort()).toEqual(
      expect.arrayContaining(['check-dist.yml', 'ci.yml', 'codeql.yml', 'release.yml', 'scorecard.yml'])
    )
  })

  it.each(workflows.map(workflow => [workflow.name, workflow] as const))(
    '%s pins every action to a full commit SHA, with its version in a comment',
    (_name, { text, doc }) => {
      const remote = steps(doc).filter(step => step.uses && !step.uses.startsWith('./'))
      for (const step of remote) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/)
      const lines = text.split('\n').filter(line => /^\s*(- )?uses: (?!\.\/)/.test(line))
      expect(lines).toHaveLength(remote.length)
      for (const line of lines) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
    }
  )

  it.each(workflows.map(workflow => [workflow.name, workflow] as const))(
    '%s gives its token read access only, unless a job asks for more',
    (_name, { doc }) => {
      const top = doc.permissions
      if (typeof top === 'string') expect(top).toBe('read-all')
      else expect(Object.values(top ?? { missing: 'none' }).every(level => level === 'read')).toBe(true)
    }
  )

  it.each(workflows.map(workflow => [workflow.name, workflow] as const))(
    '%s checks out without persisting the token, and installs no Python package itself',
    (_name, { doc }) => {
      for (const step of steps(doc)) {
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(false)
        expect(step.run ?? '').not.toMatch(/pip install/)
      }
    }
  )

  it('run the action on every runner OS', () => {
    const ci = workflows.find(workflow => workflow.name === 'ci.yml')?.doc as unknown as {
      jobs: { action: { strategy: { matrix: { os: string[] } } } }
    }
    expect(ci.jobs.action.strategy.matrix.os).toEqual([
      'ubuntu-latest',
      'windows-latest',
      'macos-latest',
      'ubuntu-24.04-arm'
    ])
  })
})
