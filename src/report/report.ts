import { formatCount, formatDuration, formatNumber } from '../common/format.js'
import { encodePath } from '../paths/paths.js'
import { billedPaths } from '../paths/plan.js'
import type {
  CompactedWildcard,
  DistributionResult,
  InvalidationStatus,
  PathNotes,
  PathPlan,
  RunContext
} from '../types.js'

/** Paths listed in the summary before the rest is counted; GitHub caps a step summary at 1 MiB. */
export const SUMMARY_PATH_LIMIT = 500
/** And at most this many characters of them, so the summary stays far below GitHub's limit. */
export const SUMMARY_PATH_CHARACTERS = 256 * 1024
/**
 * The most the step writes to its summary. GitHub drops a step's summary whole when it is over 1 MiB
 * ("supports content up to a size of 1024k"); this leaves room for what a runner adds.
 */
export const SUMMARY_BYTE_BUDGET = 1000 * 1024
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

/**
 * Text from inputs, files or AWS, for Markdown prose: every character Markdown or HTML could read as
 * syntax is escaped (CommonMark lets any ASCII punctuation be escaped with a backslash), and line breaks
 * become spaces, so the text can neither format, link, nor leave its block.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|[\r\n]/g, ' ').replace(/[\\`*_{}[\]()#+!|<>&~]/g, '\\$&')
}

/** An inline code span that holds any text: fenced by more backticks than any run inside it. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r\n|[\r\n]/g, ' ')
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  // A | would end a table cell even inside a code span (GitHub's tables); escaped, it shows as itself.
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`
}

/** A fenced code block that no line inside can close: its fence is longer than any backtick run. */
function codeBlock(lines: readonly string[], info = 'text'): string {
  const longest = Math.max(2, ...lines.flatMap(line => (line.match(/`+/g) ?? []).map(run => run.length)))
  const fence = '`'.repeat(longest + 1)
  return [`${fence}${info}`, ...lines, fence].join('\n')
}

/** The run's page, on github.com or a GitHub Enterprise Server; undefined outside a run. */
function runUrl(context: RunContext): string | undefined {
  if (!context.repository || !/^\d+$/.test(context.runId)) return undefined
  return `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}/attempts/${context.runAttempt}`
}

/** InProgress unless every invalidation of the step is known to be Completed. */
export function overallStatus(results: readonly DistributionResult[]): InvalidationStatus {
  return results.length > 0 && results.every(result => result.status === 'Completed')
    ? 'Completed'
    : 'InProgress'
}

/** What the log says of the bill with the plan (log.ts); the summary's bill line says the rest once. */
export const BILLING_NOTE =
  'CloudFront bills each path sent, a wildcard or a cache tag counting as one; the first 1,000 paths a month are free, per AWS account across all its distributions.'

/** What the summary's bill line adds to describeCost, which names the free paths already. */
export const BILL_COUNTING =
  'A wildcard or a cache tag counts as one path, and the free paths are shared by all the distributions of the account.'

/** CloudFront's price per invalidation path beyond the free ones, in thousandths of a US dollar. */
const PRICE_PER_PATH_MILLIDOLLARS = 5
const FREE_PATHS_PER_MONTH = 1000

/** USD 0.005, USD 0.14, USD 1,234.50: at least two decimals, three where a half cent needs them. */
export function formatUsd(millidollars: number): string {
  const whole = Math.floor(millidollars / 1000)
  const fraction = String(millidollars % 1000).padStart(3, '0')
  return `USD ${formatNumber(whole)}.${fraction.endsWith('0') ? fraction.slice(0, 2) : fraction}`
}

/**
 * What billed paths cost once the account's free paths of the month are used up. The action cannot see
 * how many are (CloudFront has no API for it, and other steps and distributions share them), so it says
 * both ends.
 */
export function describeCost(billed: number): string {
  return `${formatUsd(billed * PRICE_PER_PATH_MILLIDOLLARS)} at USD 0.005 a path once the account has used its ${formatNumber(FREE_PATHS_PER_MONTH)} free paths this month (the action cannot see how many it has used)`
}

/** What the plan clears that did not change, as far as the inventory tells. */
function describeUnchanged(plan: PathPlan): string | undefined {
  const inventory = plan.inventory
  if (!inventory) {
    return plan.compacted.length > 0
      ? 'unchanged objects the wildcards clear: unknown without inventory-file'
      : undefined
  }
  return `inventory of ${formatCount(inventory.objects, 'object')} (${formatNumber(inventory.unchanged)} unchanged): the wildcards clear ${formatCount(inventory.cleared, 'unchanged object')}${inventory.exact ? '' : ' (the search for the fewest gave up; deepest wildcards sent)'}`
}

/** One line on how the paths sent came from those requested: what the log and the summary both say. */
export function describePlan(plan: PathPlan): string {
  const kinds = [
    formatCount(plan.wildcards, 'wildcard'),
    ...(plan.tags > 0 ? [formatCount(plan.tags, 'cache tag')] : [])
  ]
  const parts = [
    `requested ${formatCount(plan.requested, 'path')}`,
    `sent ${formatNumber(plan.paths.length)} (${kinds.join(', ')})`
  ]
  if (plan.alreadyCovered > 0) {
    parts.push(`${formatNumber(plan.alreadyCovered)} dropped as a listed wildcard covers them`)
  }
  if (plan.compacted.length > 0) {
    const covered = plan.compacted.reduce((sum, wildcard) => sum + wildcard.covers, 0)
    parts.push(`${formatNumber(covered)} compacted into ${formatCount(plan.compacted.length, 'wildcard')}`)
  }
  parts.push(`billed paths: ${formatNumber(billedPaths(plan))}`)
  const unchanged = describeUnchanged(plan)
  if (unchanged) parts.push(unchanged)
  const text = parts.join('; ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

/** Index directories and covering wildcards listed in the summary; the log lists up to NOTES_LOG_LIMIT. */
const NOTES_SUMMARY_LIMIT = 20
const NOTES_LOG_LIMIT = 1000

/** How the inputs were read, as log lines: CLI lines taken, index directories added, covering wildcards. */
export function describeNotes(notes: PathNotes): { info: string[]; warnings: string[] } {
  const info: string[] = []
  const warnings: string[] = []
  const read = readLine(notes)
  if (read) info.push(`${read}.`)
  if (notes.indexAdded.length > 0) {
    info.push(
      `index-document ${encodePath(notes.indexDocument)}: added ${formatCount(notes.indexAdded.length, 'directory path')}, cached apart from the index document listed:`
    )
    info.push(...limited(notes.indexAdded, NOTES_LOG_LIMIT, added => `  ${added.path}  for ${added.because}`))
  }
  if (notes.covering.length > 0) {
    info.push(
      `${formatCount(notes.covering.length, 'covering wildcard')} sent for paths CloudFront cannot take as browsers request them (a raw ~, or a * inside a key):`
    )
    info.push(
      ...limited(
        notes.covering,
        NOTES_LOG_LIMIT,
        wildcard =>
          `  ${wildcard.path}  covers ${formatCount(wildcard.covers, 'path')} with a raw ${wildcard.character} (${wildcard.example}${wildcard.covers > 1 ? ', …' : ''})`
      )
    )
    const everything = notes.covering.find(wildcard => wildcard.path === '/*')
    if (everything) {
      warnings.push(
        `${everything.example} starts with ${everything.character}, which CloudFront refuses in a path, so /* is sent to cover it: every cached object of the distribution. Rename the file, or list a narrower path yourself.`
      )
    }
  }
  return { info, warnings }
}

function readLine(notes: PathNotes): string {
  const parts: string[] = []
  if (notes.cliKeys > 0) parts.push(`${formatCount(notes.cliKeys, 'line')} of AWS CLI output`)
  if (notes.s3Keys > 0) parts.push(formatCount(notes.s3Keys, 's3:// URI'))
  const keys = parts.length > 0 ? `Read as S3 keys: ${parts.join(' and ')}` : ''
  const origin = keys && notes.originPath ? ` (origin-path ${encodePath(notes.originPath)} taken off)` : ''
  const ignored =
    notes.cliIgnored > 0
      ? `ignored ${formatCount(notes.cliIgnored, 'other line')} of AWS CLI output (progress, Completed, dry run, failures, warnings, downloads)`
      : ''
  const urls = notes.urls > 0 ? `read ${formatCount(notes.urls, 'http(s) URL')} as its path and query` : ''
  const plus =
    notes.plusKeys > 0
      ? `sent ${formatCount(notes.plusKeys, 'key')} holding + also with %2B, the URL an S3 REST origin serves it at`
      : ''
  const text = [keys + origin, plus, urls, ignored].filter(Boolean).join('; ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function limited<T>(items: readonly T[], limit: number, line: (item: T) => string): string[] {
  const shown = items.slice(0, limit).map(line)
  return items.length > limit ? [...shown, `  … and ${formatNumber(items.length - limit)} more`] : shown
}

/** The same, as Markdown. Every path in notes is percent-encoded, so it holds no backtick, | or <. */
function notesDetails(notes: PathNotes): string[] {
  const blocks: string[] = []
  const read = readLine(notes)
  if (read) blocks.push(`${read}.`)
  if (notes.indexAdded.length > 0) {
    blocks.push(
      [
        `index-document \`${encodePath(notes.indexDocument)}\` added ${formatCount(notes.indexAdded.length, 'directory path')}, cached apart from the index document:`,
        ...limited(
          notes.indexAdded,
          NOTES_SUMMARY_LIMIT,
          added => `- \`${added.path}\` for \`${added.because}\``
        )
      ].join('\n')
    )
  }
  if (notes.covering.length > 0) {
    blocks.push(
      [
        `${formatCount(notes.covering.length, 'covering wildcard')} sent where CloudFront cannot take the path as browsers request it (a raw \`~\`, or a \`*\` inside a key):`,
        ...limited(
          notes.covering,
          NOTES_SUMMARY_LIMIT,
          wildcard =>
            `- \`${wildcard.path}\` covers ${formatCount(wildcard.covers, 'path')} with a raw \`${wildcard.character}\`, such as \`${wildcard.example}\``
        )
      ].join('\n')
    )
  }
  return blocks.map(block => block.replace(/^ {2}… and/m, '- … and'))
}

/** `, clears 3 unchanged objects`, when the inventory tells. */
export function clears(wildcard: CompactedWildcard): string {
  return wildcard.unchanged === undefined
    ? ''
    : `, clears ${formatCount(wildcard.unchanged, 'unchanged object')}`
}

function planDetails(plan: PathPlan): string {
  const compacted = plan.compacted.map(
    wildcard =>
      `- ${inlineCode(wildcard.path)} stands for ${formatCount(wildcard.covers, 'requested path')}${clears(wildcard)}`
  )
  const fallback = !plan.everything
    ? []
    : !plan.inventory
      ? [
          '> [!WARNING]\n> Nothing narrower than `/*` fitted max-paths and 15 wildcards: everything is invalidated.'
        ]
      : plan.inventory.cleared > 0
        ? [
            '> [!WARNING]\n> No plan within max-paths and 15 wildcards clears fewer unchanged objects than `/*`: everything is invalidated.'
          ]
        : []
  const notes = plan.notes ? notesDetails(plan.notes) : []
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

/** How a distribution found by a lookup was found; nothing for one only named by its ID. */
function foundBy(result: DistributionResult): string {
  const sources = result.foundBy ?? []
  if (sources.every(source => source === 'distribution-id' || source === 'distribution-tenant-id')) return ''
  const named = sources.map(source => {
    const [, kind, value] = /^(alias|tag) (.*)$/s.exec(source) ?? []
    return kind && value !== undefined ? `${kind} ${inlineCode(value)}` : escapeMarkdown(source)
  })
  return `\n\nFound by ${named.join(', ')}.`
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((item, index) => item === b[index]))
}

/**
 * What the step bills: the paths of the invalidations it created, or in a dry run of those it would
 * create. The log and the summary both count with this.
 */
export function billedOfStep(
  results: readonly DistributionResult[],
  dryRun: boolean
): { billed: number; invalidations: number } {
  const planned = results.flatMap(result =>
    result.plan && (dryRun || result.invalidationId) ? [result.plan] : []
  )
  return { billed: planned.reduce((sum, plan) => sum + billedPaths(plan), 0), invalidations: planned.length }
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
  if (target?.kind !== 'tenant') return inlineCode(result.distributionId)
  const of = target.distributionId ? ` of ${inlineCode(target.distributionId)}` : ''
  return `${inlineCode(target.id)} (tenant${of})`
}

/** What the summary says of a tenant under its heading: its name and distribution. */
function tenantLine(result: DistributionResult): string {
  const target = result.target
  if (target?.kind !== 'tenant') return ''
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
  const tenants = results.some(result => result.target?.kind === 'tenant')
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
  if (result.target?.kind === 'tenant') return inlineCode(result.invalidationId)
  return `[${result.invalidationId}](${consoleUrl(result.distributionId, result.invalidationId, region)})`
}

function statusCell(result: DistributionResult, dryRun: boolean): string {
  // An invalidation whose wait failed (timed out, cancelled) did not fail itself: it goes on.
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

/** A part of the summary that can be shortened: in full, or only its heading (and error). */
export interface Section {
  full: string
  short: string
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8')
const joinBlocks = (blocks: readonly string[]) => blocks.join('\n\n') + '\n'

/**
 * The summary within SUMMARY_BYTE_BUDGET: the head (title, table, bill), every section in full and the
 * tail (the end of a fold) when they fit; otherwise sections shortened to their heading from the last one
 * up, then, if still too long, left out from the last one up, then table rows cut. A note under the title
 * says what was shortened and that the log has it all.
 */
export function fitSummary(
  head: readonly string[],
  sections: readonly Section[],
  budget = SUMMARY_BYTE_BUDGET,
  tail: readonly string[] = []
): string {
  const whole = joinBlocks([...head, ...sections.map(section => section.full), ...tail])
  if (bytes(whole) <= budget) return whole

  // Room for the note, which is short and said once, and for the tail.
  const room = budget - 1024 - bytes(joinBlocks(tail))
  const { fitted, rowsCut } = cutTableRows(head, room)
  const chosen = chooseSections(sections, bytes(joinBlocks(fitted)), room)
  const shortened = sections.filter(
    (section, index) => chosen[index] === section.short && section.short !== section.full
  ).length
  const left = chosen.filter(text => text === undefined).length
  const [top = '', ...rest] = fitted
  return joinBlocks([
    top,
    shortenedNote(rowsCut, shortened, left),
    ...rest,
    ...chosen.filter((text): text is string => text !== undefined),
    ...tail
  ])
}

/** The head within room, its table's last rows cut if it is not already. */
function cutTableRows(head: readonly string[], room: number): { fitted: string[]; rowsCut: number } {
  if (bytes(joinBlocks(head)) <= room) return { fitted: [...head], rowsCut: 0 }
  // Only a table of thousands of rows gets here: keep the rows that fit.
  const blocks = head.map(block => {
    const lines = block.split('\n')
    if (lines.length < 3) return { kept: block, cut: 0 }
    const kept: string[] = []
    let size = 0
    for (const line of lines) {
      size += bytes(line) + 1
      if (size > room / 2) break
      kept.push(line)
    }
    return { kept: kept.join('\n'), cut: lines.length - kept.length }
  })
  return {
    fitted: blocks.map(block => block.kept),
    rowsCut: blocks.reduce((sum, block) => sum + block.cut, 0)
  }
}

/** Each section as it fits after the head: in full, as its heading, or left out (undefined). */
function chooseSections(
  sections: readonly Section[],
  headBytes: number,
  room: number
): (string | undefined)[] {
  // Shortest first: every section's heading, as long as they fit; then full sections in order.
  const chosen: (string | undefined)[] = sections.map(() => undefined)
  let used = headBytes
  for (const [index, section] of sections.entries()) {
    const size = bytes(section.short) + 2
    if (used + size > room) break
    chosen[index] = section.short
    used += size
  }
  for (const [index, section] of sections.entries()) {
    const short = chosen[index]
    if (short === undefined) break
    const extra = bytes(section.full) - bytes(short)
    if (used + extra > room) continue
    chosen[index] = section.full
    used += extra
  }
  return chosen
}

function shortenedNote(rowsCut: number, shortened: number, left: number): string {
  const what = [
    ...(rowsCut > 0 ? [`${formatCount(rowsCut, 'row')} of the table`] : []),
    ...(shortened > 0 ? [`the plan and paths of ${formatCount(shortened, 'distribution')}`] : []),
    ...(left > 0 ? [`the sections of ${formatCount(left, 'more distribution')}`] : [])
  ]
  return `> [!NOTE]\n> Shortened to stay within GitHub's 1 MiB limit for a step summary; left out: ${what.join('; ')}. The step's log has everything: the plan and every path sent (the groups "Paths: …" and "Paths sent"), and a line for each distribution.`
}

/** What a step's results were made on: `30 distributions`, `200 tenants`, `1 distribution and 3 tenants`. */
export function describeTargets(results: readonly DistributionResult[]): string {
  const tenants = results.filter(result => result.target?.kind === 'tenant').length
  const distributions = results.length - tenants
  const parts = [
    ...(distributions > 0 || tenants === 0 ? [formatCount(distributions, 'distribution')] : []),
    ...(tenants > 0 ? [formatCount(tenants, 'tenant')] : [])
  ]
  return parts.join(' and ')
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
