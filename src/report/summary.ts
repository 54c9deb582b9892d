import { formatCount, formatDuration, formatNumber } from '../common/format.js'
import { BILL_COUNTING, billedOfStep, describeCost } from './billing.js'
import { fitSummary, SUMMARY_BYTE_BUDGET, type Section } from './fit.js'
import { codeBlock, escapeMarkdown, inlineCode } from './markdown.js'
import { notesMarkdown } from './notes.js'
import { clears, describeEverything, describePlan } from './plan.js'
import { describeTargets } from './results.js'
import { markdownText } from './wording.js'
import type { DistributionResult, FoundBy, PathPlan, RunContext } from '../types.js'

/** Paths listed in the summary before the rest is counted; GitHub caps a step summary at 1 MiB. */
export const SUMMARY_PATH_LIMIT = 500
/** And at most this many characters of them, so the summary stays far below GitHub's limit. */
export const SUMMARY_PATH_CHARACTERS = 256 * 1024
/** Longer path lists are folded into a <details> block. */
export const INLINE_PATH_LIMIT = 10
/** A step with more targets than this folds its per-target table and sections into a <details> block. */
export const TABLE_FOLD_LIMIT = 10
/** Failed targets listed above a folded table; the rest are counted. */
export const FAILURES_LISTED = 50

/**
 * The invalidation in the CloudFront console. The China regions have their own console, at
 * console.amazonaws.cn, which takes the region (as public projects link it:
 * console.amazonaws.cn/cloudfront/v3/home?region=cn-north-1#/distributions/<id>).
 */
export function consoleUrl(distributionId: string, invalidationId: string, region?: string): string {
  const page = `#/distributions/${distributionId}/invalidations/details/${invalidationId}`
  if (region && /^cn-[a-z]+-\d+$/.test(region)) {
    return `https://console.amazonaws.cn/cloudfront/v3/home?region=${region}${page}`
  }
  return `https://console.aws.amazon.com/cloudfront/v4/home${page}`
}

/** The run's page, on github.com or a GitHub Enterprise Server; undefined outside a run. */
function runUrl(context: RunContext): string | undefined {
  if (!context.repository || !/^\d+$/.test(context.runId)) return undefined
  return `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}/attempts/${context.runAttempt}`
}

function planDetails(plan: PathPlan): string {
  const compacted = plan.compacted.map(
    wildcard =>
      `- ${inlineCode(wildcard.path)} stands for ${formatCount(wildcard.covers, 'requested path')}${clears(wildcard)}`
  )
  const everything = describeEverything(plan)
  const fallback = everything
    ? [`> [!${everything.warning ? 'WARNING' : 'NOTE'}]\n> ${markdownText(everything.sentence)}`]
    : []
  const notes = plan.notes ? notesMarkdown(plan.notes) : []
  return [
    describePlan(plan),
    ...fallback,
    ...notes,
    ...(compacted.length > 0 ? [compacted.join('\n')] : [])
  ].join('\n\n')
}

function pathList(paths: readonly string[]): string {
  // Up to SUMMARY_PATH_LIMIT paths, and no more than SUMMARY_PATH_CHARACTERS of them (paths may be long).
  let characters = 0
  let count = 0
  for (const path of paths.slice(0, SUMMARY_PATH_LIMIT)) {
    characters += path.length + 1
    if (characters > SUMMARY_PATH_CHARACTERS) break
    count++
  }
  const shown = paths.slice(0, count)
  const rest = paths.length - shown.length
  const block = codeBlock([...shown, ...(rest > 0 ? [`… and ${rest} more`] : [])])
  if (paths.length <= INLINE_PATH_LIMIT) return block
  return `<details><summary>${paths.length} paths</summary>\n\n${block}\n\n</details>`
}

/** An input that named a target, in Markdown: `distribution-id`, alias `www.example.com`, tag `env=prod`. */
export function describeFoundBy(source: FoundBy): string {
  switch (source.by) {
    case 'alias':
      return `alias ${inlineCode(source.name)}`
    case 'tag':
      return `tag ${inlineCode(source.tag)}`
    case 'tenant-of':
      return `tenant of ${escapeMarkdown(source.distributionId)}`
    default:
      return source.by
  }
}

/** How a distribution found by a lookup was found; nothing for one only named by its ID. */
function foundBy(result: DistributionResult): string {
  const sources = result.foundBy ?? []
  if (sources.every(source => source.by === 'distribution-id' || source.by === 'distribution-tenant-id')) {
    return ''
  }
  return `\n\nFound by ${sources.map(describeFoundBy).join(', ')}.`
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((item, index) => item === b[index]))
}

export interface SummaryOptions {
  dryRun: boolean
  /** The run, for a link to it. */
  run?: RunContext
  /** The configured region: a China one (cn-…) links the China console. */
  region?: string | undefined
}

/** A tenant's cell and heading: its ID, and its distribution when known. */
function targetLabel(result: DistributionResult): string {
  const target = result.target
  if (target.kind !== 'tenant') return inlineCode(result.distributionId)
  const of = target.distributionId ? ` of ${inlineCode(target.distributionId)}` : ''
  return `${inlineCode(target.id)} (tenant${of})`
}

/** What the summary says of a tenant under its heading: its name and distribution. */
function tenantLine(result: DistributionResult): string {
  const target = result.target
  if (target.kind !== 'tenant') return ''
  const name = target.name ? ` ${inlineCode(target.name)}` : ''
  const of = target.distributionId
    ? ` of the multi-tenant distribution ${inlineCode(target.distributionId)}`
    : ''
  return `\n\nDistribution tenant${name}${of}.`
}

/** The run that did it, when there is one: for finding the run from the summary of a later job. */
function runLine(run: RunContext | undefined): string[] {
  const url = run && runUrl(run)
  if (!run || !url) return []
  return [
    `By [run ${run.runId}, attempt ${run.runAttempt}](${url}); CallerReferences the action derives start with \`gha-${run.runId}-${run.runAttempt}-\`.`
  ]
}

/** The summary of a step whose paths-file listed nothing: nothing changed, so nothing was sent. */
export function renderNothingChanged(
  source: string,
  distributionIds: readonly string[],
  run?: RunContext
): string {
  const targets = distributionIds.map(id => inlineCode(id)).join(', ')
  return (
    [
      '## CloudFront invalidation',
      `Nothing changed: ${escapeMarkdown(source)} lists no paths, so nothing was invalidated${targets ? ` on ${targets}` : ''}.`,
      ...runLine(run)
    ].join('\n\n') + '\n'
  )
}

/** The job summary, as GitHub-flavoured Markdown. */
export function renderSummary(results: readonly DistributionResult[], options: SummaryOptions): string {
  const title = options.dryRun
    ? '## CloudFront invalidation (dry run: nothing was created)'
    : '## CloudFront invalidation'
  const table = summaryTable(results, options)
  const sections = targetSections(results)
  const bill = billLine(results, options.dryRun)
  const counts = results.length > 1 ? [fleetCounts(results, options.dryRun)] : []
  if (results.length <= TABLE_FOLD_LIMIT) {
    return fitSummary([title, ...counts, table, ...bill, ...runLine(options.run)], sections)
  }
  // A fleet: counts first, what failed in plain sight, and every target's row and section folded.
  const fold = `<details><summary>Each of the ${describeTargets(results)}: invalidation, status, paths</summary>`
  return fitSummary(
    [title, ...counts, ...failureList(results), ...bill, ...runLine(options.run), fold, table],
    sections,
    SUMMARY_BYTE_BUDGET,
    ['</details>']
  )
}

/** One row per target: its invalidation, status, paths and wait. */
function summaryTable(results: readonly DistributionResult[], options: SummaryOptions): string {
  const tenants = results.some(result => result.target.kind === 'tenant')
  const header = `| ${tenants ? 'Distribution or tenant' : 'Distribution'} | Invalidation | Status | Paths | Waited |\n| --- | --- | --- | ---: | --- |`
  const rows = results.map(result => {
    const waited =
      result.waitedMs === undefined
        ? '—'
        : (result.polls ?? 0) === 0 && result.status === 'Completed'
          ? // Completed in CloudFront's answer to the create (or, for invalidation-id, to the first read).
            'no wait: Completed at once'
          : `${formatDuration(result.waitedMs)} (${formatCount(result.polls ?? 0, 'poll')})`
    return `| ${targetLabel(result)} | ${invalidationCell(result, options.region)} | ${statusCell(result, options.dryRun)} | ${result.paths.length} | ${waited} |`
  })
  return [header, ...rows].join('\n')
}

function invalidationCell(result: DistributionResult, region: string | undefined): string {
  if (!result.invalidationId) return '—'
  // The console's page of a tenant's invalidation is not documented: its ID is shown without a link.
  if (result.target.kind === 'tenant') return inlineCode(result.invalidationId)
  return `[${result.invalidationId}](${consoleUrl(result.distributionId, result.invalidationId, region)})`
}

function statusCell(result: DistributionResult, dryRun: boolean): string {
  // An invalidation whose wait failed (timed out, cancelled) did not fail itself: it goes on.
  if (result.error && result.maybeCreated) return '⚠️ Unknown'
  if (result.error) return result.invalidationId ? `❌ ${result.status ?? 'InProgress'}` : '❌ Failed'
  if (dryRun) return 'Dry run'
  return result.warning ? `⚠️ ${result.status ?? 'InProgress'}` : (result.status ?? '—')
}

/** Each target's section: its heading (and error), its plan and its paths. */
function targetSections(results: readonly DistributionResult[]): Section[] {
  const first = results[0]
  const firstPlan = first?.plan && planDetails(first.plan)
  return results.map((result, index): Section => {
    const error = result.error
      ? `\n\n> [!CAUTION]\n> ${escapeMarkdown(result.error)}`
      : result.warning
        ? `\n\n> [!WARNING]\n> ${escapeMarkdown(result.warning)}`
        : ''
    const heading = `### ${inlineCode(result.distributionId)}${tenantLine(result)}${foundBy(result)}${error}`
    // Every distribution of a step is usually sent the same paths with the same plan: both are written
    // once (17 distributions each repeating 15 long wildcards once passed GitHub's 1 MiB).
    const samePaths = index > 0 && first !== undefined && sameItems(result.paths, first.paths)
    const plan = result.plan && planDetails(result.plan)
    const samePlan = samePaths && plan !== undefined && plan === firstPlan
    const paths = samePaths
      ? `The same ${samePlan ? 'plan and ' : ''}${formatCount(result.paths.length, 'path')} as ${inlineCode(first.distributionId)}.`
      : pathList(result.paths)
    return {
      full: `${heading}${plan && !samePlan ? `\n\n${plan}` : ''}\n\n${paths}`,
      short: heading
    }
  })
}

/** What the step bills, when it created (or in a dry run would create) an invalidation. */
function billLine(results: readonly DistributionResult[], dryRun: boolean): string[] {
  // A dry run would be billed for every plan; a real one for the invalidations that were created.
  const { billed, invalidations } = billedOfStep(results, dryRun)
  if (invalidations === 0) return []
  return [
    `Billed paths ${dryRun ? 'this step would send' : 'of this step'}: **${formatNumber(billed)}**, ${describeCost(billed)}. ${BILL_COUNTING}`
  ]
}

/** `30 distributions: 28 created, 27 completed, 2 failed.` */
function fleetCounts(results: readonly DistributionResult[], dryRun: boolean): string {
  const of = describeTargets(results)
  if (dryRun) return `${of}: dry run, nothing was created.`
  const created = results.filter(result => result.invalidationId).length
  const completed = results.filter(result => !result.error && result.status === 'Completed').length
  const failed = results.filter(result => result.error).length
  const parts = [`${formatNumber(created)} created`, `${formatNumber(completed)} completed`]
  if (failed > 0) parts.push(`${formatNumber(failed)} failed`)
  return `${of}: ${parts.join(', ')}.`
}

function failureList(results: readonly DistributionResult[]): string[] {
  const failed = results.filter(result => result.error)
  if (failed.length === 0) return []
  const lines = failed
    .slice(0, FAILURES_LISTED)
    .map(result => `- ${inlineCode(result.distributionId)}: ${escapeMarkdown(result.error ?? '')}`)
  const rest = failed.length - FAILURES_LISTED
  return [
    [
      '> [!CAUTION]',
      '> Failed:',
      ...lines.map(line => `> ${line}`),
      ...(rest > 0 ? [`> - … and ${formatNumber(rest)} more`] : [])
    ].join('\n')
  ]
}
