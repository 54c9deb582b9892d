import { describe, expect, it } from '@jest/globals'
import { planPaths } from '../../src/paths/plan.js'
import { BILL_COUNTING, BILLING_NOTE } from '../../src/report/billing.js'
import { SUMMARY_BYTE_BUDGET } from '../../src/report/fit.js'
import { describePlan } from '../../src/report/plan.js'
import {
  INLINE_PATH_LIMIT,
  SUMMARY_PATH_CHARACTERS,
  SUMMARY_PATH_LIMIT,
  consoleUrl,
  describeFoundBy,
  renderSummary,
  TABLE_FOLD_LIMIT,
  FAILURES_LISTED
} from '../../src/report/summary.js'
import type { DistributionResult, FoundBy } from '../../src/types.js'

const DISTRIBUTION = 'E2QWRUHAPOMQZL'
const INVALIDATION = 'I2J0I21PCUYOIK'

/** A distribution's result: its ID, as the target it names. */
const distribution = (id: string) => ({ distributionId: id, target: { kind: 'distribution' as const, id } })
const numbered = (count: number) => Array.from({ length: count }, (_, i) => `/page-${i + 1}.html`)

const completed: DistributionResult = {
  ...distribution(DISTRIBUTION),
  paths: ['/index.html', '/app.js', '/my%20file.html'],
  invalidationId: INVALIDATION,
  status: 'Completed',
  waitedMs: 65_000,
  polls: 12
}

/** The cells of the summary table's row for one distribution. */
function rowOf(summary: string, distributionId: string): string[] {
  const row = summary.split('\n').find(line => line.startsWith(`| \`${distributionId}\``))
  if (!row) throw new Error(`no row for ${distributionId} in:\n${summary}`)
  return row
    .split('|')
    .slice(1, -1)
    .map(cell => cell.trim())
}

/** The lines of the fenced block listing a distribution's paths. */
function listedPaths(summary: string, distributionId: string): string[] {
  const section = summary.split(`### \`${distributionId}\``)[1] ?? ''
  const block = /```text\n([\s\S]*?)\n```/.exec(section)
  return block?.[1]?.split('\n') ?? []
}

describe('path lists in the summary', () => {
  it('lists the paths once when every distribution is sent the same ones', () => {
    const paths = numbered(30)
    const other = { ...completed, ...distribution('E1OTHERDISTRO'), paths: [...paths] }
    const summary = renderSummary([{ ...completed, paths }, other], { dryRun: false })
    expect(listedPaths(summary, DISTRIBUTION)).toEqual(paths)
    expect(listedPaths(summary, 'E1OTHERDISTRO')).toEqual([])
    expect(summary).toContain(`The same 30 paths as \`${DISTRIBUTION}\`.`)
  })

  it('keeps long paths within SUMMARY_PATH_CHARACTERS, counting the rest', () => {
    const long = Array.from({ length: 400 }, (_, i) => `/${String(i).padStart(4, '0')}/${'x'.repeat(3990)}`)
    const listed = listedPaths(
      renderSummary([{ ...completed, paths: long }], { dryRun: false }),
      DISTRIBUTION
    )
    const shown = listed.filter(line => line.startsWith('/'))
    expect(shown.join('\n').length).toBeLessThanOrEqual(SUMMARY_PATH_CHARACTERS)
    expect(shown.length).toBeGreaterThan(0)
    expect(listed.at(-1)).toBe(`… and ${long.length - shown.length} more`)
  })
})

describe('consoleUrl', () => {
  it("points to the invalidation's page in the CloudFront console", () => {
    const url = new URL(consoleUrl(DISTRIBUTION, INVALIDATION))
    expect(url.origin).toBe('https://console.aws.amazon.com')
    expect(url.pathname).toMatch(/^\/cloudfront\//)
    expect(url.hash).toContain(`/distributions/${DISTRIBUTION}/`)
    expect(url.hash).toMatch(new RegExp(`/${INVALIDATION}$`))
  })
})

describe('renderSummary', () => {
  it('shows distribution, linked invalidation, status, path count and wait in one table row', () => {
    const summary = renderSummary([completed], { dryRun: false })
    expect(summary).toMatch(/^## CloudFront invalidation\n/)
    expect(summary).not.toMatch(/dry run/i)
    expect(rowOf(summary, DISTRIBUTION)).toEqual([
      `\`${DISTRIBUTION}\``,
      `[${INVALIDATION}](${consoleUrl(DISTRIBUTION, INVALIDATION)})`,
      'Completed',
      '3',
      '1 min 5 s (12 polls)'
    ])
  })

  it('says an invalidation Completed in its first answer needed no wait, rather than 0.0 s (0 polls)', () => {
    const summary = renderSummary([{ ...completed, waitedMs: 0, polls: 0 }], { dryRun: false })
    expect(rowOf(summary, DISTRIBUTION)[4]).toBe('no wait: Completed at once')
    const waiting = renderSummary([{ ...completed, status: 'InProgress', waitedMs: 0, polls: 0 }], {
      dryRun: false
    })
    expect(rowOf(waiting, DISTRIBUTION)[4]).toBe('0.0 s (0 polls)')
  })

  it('shows dashes for what is not known: no invalidation yet, no wait', () => {
    const summary = renderSummary([{ ...distribution(DISTRIBUTION), paths: ['/*'] }], { dryRun: false })
    expect(rowOf(summary, DISTRIBUTION)).toEqual([`\`${DISTRIBUTION}\``, '—', '—', '1', '—'])
  })

  it('has a row and a section per distribution', () => {
    const other: DistributionResult = {
      ...distribution('E1ABCDEFGHIJ01'),
      paths: ['/*'],
      status: 'InProgress'
    }
    const summary = renderSummary([completed, other], { dryRun: false })
    expect(rowOf(summary, 'E1ABCDEFGHIJ01')[2]).toBe('InProgress')
    expect(listedPaths(summary, DISTRIBUTION)).toEqual(completed.paths)
    expect(listedPaths(summary, 'E1ABCDEFGHIJ01')).toEqual(['/*'])
  })

  it.each([1, INLINE_PATH_LIMIT])('lists %d paths inline', count => {
    const paths = numbered(count)
    const summary = renderSummary([{ ...completed, paths }], { dryRun: false })
    expect(summary).not.toContain('<details>')
    expect(listedPaths(summary, DISTRIBUTION)).toEqual(paths)
  })

  it(`folds more than ${INLINE_PATH_LIMIT} paths into a <details> block`, () => {
    const paths = numbered(INLINE_PATH_LIMIT + 1)
    const summary = renderSummary([{ ...completed, paths }], { dryRun: false })
    expect(summary).toContain(`<details><summary>${paths.length} paths</summary>`)
    expect(summary.indexOf('<details>')).toBeLessThan(summary.indexOf('/page-1.html'))
    expect(summary.indexOf('</details>')).toBeGreaterThan(summary.indexOf(`/page-${paths.length}.html`))
    expect(listedPaths(summary, DISTRIBUTION)).toEqual(paths)
  })

  it(`lists at most ${SUMMARY_PATH_LIMIT} paths and counts the rest`, () => {
    const paths = numbered(SUMMARY_PATH_LIMIT + 3)
    const summary = renderSummary([{ ...completed, paths }], { dryRun: false })
    expect(listedPaths(summary, DISTRIBUTION)).toEqual([
      ...paths.slice(0, SUMMARY_PATH_LIMIT),
      '… and 3 more'
    ])
    expect(rowOf(summary, DISTRIBUTION)[3]).toBe(String(SUMMARY_PATH_LIMIT + 3))
    expect(summary).toContain(`<summary>${SUMMARY_PATH_LIMIT + 3} paths</summary>`)
  })

  it('says "and N more" only when something was left out', () => {
    const summary = renderSummary([{ ...completed, paths: numbered(SUMMARY_PATH_LIMIT) }], { dryRun: false })
    expect(summary).not.toContain('… and')
  })

  it('titles a dry run so, and shows "Dry run" as the status', () => {
    const summary = renderSummary([{ ...distribution(DISTRIBUTION), paths: ['/*'] }], { dryRun: true })
    expect(summary.split('\n')[0]).toMatch(/^## .*dry run.*nothing was created/i)
    expect(rowOf(summary, DISTRIBUTION)[2]).toBe('Dry run')
  })

  it("shows a failed distribution's error, on one line, next to the others' results", () => {
    const failed: DistributionResult = {
      ...distribution('E1ABCDEFGHIJ01'),
      paths: ['/*'],
      error: 'Access denied to cloudfront:CreateInvalidation.\nAllow it in the policy.'
    }
    const summary = renderSummary([completed, failed], { dryRun: false })
    expect(rowOf(summary, 'E1ABCDEFGHIJ01')[2]).toBe('❌ Failed')
    expect(rowOf(summary, DISTRIBUTION)[2]).toBe('Completed')
    expect(summary).toContain('> Access denied to cloudfront:CreateInvalidation. Allow it in the policy.\n')
    const section = summary.split('### `E1ABCDEFGHIJ01`')[1] ?? ''
    expect(section).toContain('[!CAUTION]')
    expect(summary.split('### `E1ABCDEFGHIJ01`')[0]).not.toContain('[!CAUTION]')
  })

  it('keeps the link of an invalidation whose wait failed', () => {
    const timedOut = { ...completed, status: 'InProgress' as const, error: 'Timed out after 60 s' }
    const row = rowOf(renderSummary([timedOut], { dryRun: false }), DISTRIBUTION)
    expect(row[1]).toContain(consoleUrl(DISTRIBUTION, INVALIDATION))
    // The wait failed, not the invalidation: it goes on in CloudFront.
    expect(row[2]).toBe('❌ InProgress')
  })
})

describe('renderSummary, for a fleet', () => {
  const fleet = (count: number, failed: number[] = []): DistributionResult[] =>
    Array.from({ length: count }, (_, index) => {
      const distributionId = `E${String(index).padStart(13, '0')}`
      return failed.includes(index)
        ? { ...distribution(distributionId), paths: ['/*'], error: `Access denied <b>${index}</b>` }
        : { ...completed, ...distribution(distributionId), invalidationId: `I${index}` }
    })

  it('counts first, lists what failed, and folds the long table and the sections', () => {
    const summary = renderSummary(fleet(30, [3, 17]), { dryRun: false })
    const [before = '', folded = ''] = summary.split('<details><summary>Each of the 30 distributions')
    expect(
      before.startsWith(
        '## CloudFront invalidation\n\n30 distributions: 28 created, 28 completed, 2 failed.\n\n'
      )
    ).toBe(true)
    expect(before).toContain('> - `E0000000000003`: Access denied \\<b\\>3\\</b\\>')
    expect(before).toContain('`E0000000000017`')
    expect(before).not.toContain('| Distribution |')
    expect(folded).toContain('| Distribution |')
    expect(folded).toContain('### `E0000000000029`')
    expect(folded.trimEnd().endsWith('</details>')).toBe(true)
  })

  it('lists at most FAILURES_LISTED failures and counts the rest', () => {
    const many = fleet(
      FAILURES_LISTED + 12,
      Array.from({ length: FAILURES_LISTED + 5 }, (_, i) => i)
    )
    const summary = renderSummary(many, { dryRun: false })
    expect(summary).toContain('> - … and 5 more')
  })

  it('keeps a short fleet unfolded, with its counts above the table', () => {
    const summary = renderSummary(fleet(TABLE_FOLD_LIMIT), { dryRun: false })
    expect(summary).not.toContain('<details><summary>Each of')
    expect(summary.indexOf('10 distributions: 10 created, 10 completed.')).toBeLessThan(
      summary.indexOf('| Distribution |')
    )
    expect(renderSummary(fleet(3), { dryRun: true })).toContain(
      '3 distributions: dry run, nothing was created.'
    )
    expect(renderSummary(fleet(1), { dryRun: false })).not.toContain('1 distributions')
  })
})

describe('renderSummary, for distributions found by alias or tag', () => {
  it.each<[FoundBy, string]>([
    [{ by: 'distribution-id' }, 'distribution-id'],
    [{ by: 'distribution-tenant-id' }, 'distribution-tenant-id'],
    [{ by: 'alias', name: 'www.example.com' }, 'alias `www.example.com`'],
    [{ by: 'tag', tag: 'env=prod' }, 'tag `env=prod`'],
    [{ by: 'tenant-of', distributionId: 'E1MULTI00000' }, 'tenant of E1MULTI00000']
  ])('words %j as %s', (source, text) => {
    expect(describeFoundBy(source)).toBe(text)
  })

  it('says which alias or tag found each distribution, and nothing for one given by ID alone', () => {
    const summary = renderSummary(
      [
        { ...completed, foundBy: [{ by: 'distribution-id' }] },
        {
          ...completed,
          ...distribution('E1FOUND00000'),
          foundBy: [
            { by: 'alias', name: 'www.example.com' },
            { by: 'tag', tag: 'env=prod' }
          ]
        },
        {
          ...completed,
          ...distribution('E2GIVEN00000'),
          foundBy: [{ by: 'distribution-id' }, { by: 'tag', tag: 'env=prod' }]
        }
      ],
      { dryRun: false }
    )
    expect(rowOf(summary, 'E1FOUND00000')).toBeDefined()
    expect(summary).toContain('### `E1FOUND00000`\n\nFound by alias `www.example.com`, tag `env=prod`.\n')
    expect(summary).toContain('### `E2GIVEN00000`\n\nFound by distribution-id, tag `env=prod`.\n')
    expect(summary).toContain(`### \`${DISTRIBUTION}\`\n\n\`\`\`text`)
    expect(summary.match(/Found by/g)).toHaveLength(2)
  })
})

describe('renderSummary with path plans', () => {
  const compacted = planPaths(
    Array.from({ length: 5000 }, (_, i) => `/assets/${i}.js`),
    { maxPaths: 3000 }
  )

  it('shows the compaction and the bill of the step, with the free tier per account per month', () => {
    const results: DistributionResult[] = [
      { ...completed, paths: compacted.paths, plan: compacted },
      { ...completed, ...distribution('E1ABCDEFGHIJ01'), paths: compacted.paths, plan: compacted }
    ]
    const summary = renderSummary(results, { dryRun: false })
    expect(summary).toContain(
      'Billed paths of this step: **2**, USD 0.01 at USD 0.005 a path once the account has used its 1,000 free paths this month (the action cannot see how many it has used).'
    )
    expect(summary).toContain(BILL_COUNTING)
    // The free paths are said once, not twice.
    expect(summary.match(/1,000/g)).toHaveLength(1)
    expect(summary).not.toContain(BILLING_NOTE)
    expect(summary).toContain('- `/assets/*` stands for 5,000 requested paths')
    expect(summary).toContain('Requested 5,000 paths; sent 1 (1 wildcard)')
    expect(listedPaths(summary, DISTRIBUTION)).toEqual(['/assets/*'])
  })

  it('bills only the invalidations that were created', () => {
    const failed = { ...distribution('E1ABCDEFGHIJ01'), paths: compacted.paths, plan: compacted, error: 'x' }
    const summary = renderSummary([{ ...completed, plan: compacted }, failed], { dryRun: false })
    expect(summary).toContain(
      'Billed paths of this step: **1**, USD 0.005 at USD 0.005 a path once the account has used its 1,000 free paths this month (the action cannot see how many it has used).'
    )
  })

  it('shows what a dry run would bill, and warns when everything is invalidated', () => {
    const everything = planPaths(
      Array.from({ length: 50 }, (_, i) => `/page-${i}.html`),
      { maxPaths: 10 }
    )
    const summary = renderSummary(
      [{ ...distribution(DISTRIBUTION), paths: everything.paths, plan: everything }],
      {
        dryRun: true
      }
    )
    expect(summary).toContain(
      'Billed paths this step would send: **1**, USD 0.005 at USD 0.005 a path once the account has used its 1,000 free paths this month (the action cannot see how many it has used).'
    )
    expect(summary).toContain(
      '> [!WARNING]\n> max-paths: the 50 requested paths could not be covered by at most 15 directory wildcards and 10 paths in all, so `/*` is invalidated instead'
    )
    expect(listedPaths(summary, DISTRIBUTION)).toEqual(['/*'])
  })
})

describe('what a deploy costs', () => {
  const inventory = (objects: string[], changed: string[]) => ({
    objects: objects.length,
    unchanged: objects.filter(path => !changed.includes(path)),
    missing: 0
  })

  it('says how many unchanged objects the wildcards clear, and each one', () => {
    const changed = [...Array.from({ length: 20 }, (_, i) => `/img/${i}.png`), '/a.html', '/b.html']
    const objects = [...changed, '/img/logo.svg', '/c.html']
    const plan = planPaths(changed, { maxPaths: 2 }, undefined, inventory(objects, changed))
    expect(describePlan(plan)).toBe(
      'Requested 22 paths; sent 1 (1 wildcard); 22 compacted into 1 wildcard; billed paths: 1; inventory of 24 objects (2 unchanged): the wildcards clear 2 unchanged objects.'
    )
    const summary = renderSummary([{ ...distribution(DISTRIBUTION), paths: plan.paths, plan }], {
      dryRun: true
    })
    expect(summary).toContain('- `/*` stands for 22 requested paths, clears 2 unchanged objects')
    // Nothing narrower fitted: the warning stays, since /* clears what did not change.
    expect(summary).toContain(
      '> [!WARNING]\n> max-paths: `/*` is invalidated, every cached object of the distribution (2 unchanged objects by the inventory): no plan within 2 paths and 15 wildcards clears fewer.'
    )
  })

  it('does not warn about /* when every object changed', () => {
    const changed = Array.from({ length: 20 }, (_, i) => `/p${i}.html`)
    const plan = planPaths(changed, { maxPaths: 5 }, undefined, inventory(changed, changed))
    expect(plan.paths).toEqual(['/*'])
    const summary = renderSummary([{ ...distribution(DISTRIBUTION), paths: plan.paths, plan }], {
      dryRun: true
    })
    expect(summary).not.toContain('[!WARNING]')
    expect(summary).toContain(
      '> [!NOTE]\n> Every object the inventory holds changed, so `/*` clears nothing that did not change'
    )
    expect(summary).toContain('the wildcards clear 0 unchanged objects')
  })
})

describe('renderSummary, within GitHub’s 1 MiB', () => {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8')
  it(`holds ${SUMMARY_BYTE_BUDGET} bytes for 40,000 distributions with a plan each`, () => {
    const plan = planPaths(
      Array.from({ length: 15 }, (_, i) => `/${'d'.repeat(3900)}${i}/*`),
      { maxPaths: 3000 }
    )
    const results: DistributionResult[] = Array.from({ length: 40_000 }, (_, i) => ({
      ...distribution(`E${String(i).padStart(12, '0')}A`),
      paths: plan.paths,
      plan,
      error: i % 2 === 0 ? 'AccessDenied <b>x</b>' : undefined
    })).map(({ error, ...result }) => (error ? { ...result, error } : result))
    const summary = renderSummary(results, { dryRun: false })
    expect(bytes(summary)).toBeLessThanOrEqual(SUMMARY_BYTE_BUDGET)
    expect(summary).toContain('> [!NOTE]\n> Shortened to stay within GitHub')
    // The escaping survives the cut.
    expect(summary).not.toContain('<b>')
  })

  it('writes a plan every distribution shares once', () => {
    const plan = planPaths(
      Array.from({ length: 15 }, (_, i) => `/${'d'.repeat(3900)}${i}/*`),
      { maxPaths: 3000 }
    )
    const results: DistributionResult[] = Array.from({ length: 17 }, (_, i) => ({
      ...distribution(`E${String(i).padStart(12, '0')}A`),
      paths: plan.paths,
      plan
    }))
    const summary = renderSummary(results, { dryRun: true })
    expect(summary.split(describePlan(plan))).toHaveLength(2)
    expect(summary.match(/The same plan and 15 paths as `E000000000000A`\./g)).toHaveLength(16)
    expect(bytes(summary)).toBeLessThan(100_000)
  })
})
