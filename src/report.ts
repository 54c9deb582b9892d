import type { InvalidationStatus } from './cloudfront.js'

/** What happened to one distribution in this step; the summary and the outputs are made from these. */
export interface DistributionResult {
  distributionId: string
  /** The inputs that named it (`distribution-id`, `alias www.example.com`, `tag env=prod`). */
  foundBy?: readonly string[]
  paths: readonly string[]
  invalidationId?: string
  status?: InvalidationStatus
  /** Set when the step waited for this invalidation. */
  waitedMs?: number
  polls?: number
  error?: string
}

/** Paths listed in the summary before the rest is counted; GitHub caps a step summary at 1 MiB. */
export const SUMMARY_PATH_LIMIT = 500
/** Longer path lists are folded into a <details> block. */
export const INLINE_PATH_LIMIT = 10

export function consoleUrl(distributionId: string, invalidationId: string): string {
  return `https://console.aws.amazon.com/cloudfront/v4/home#/distributions/${distributionId}/invalidations/details/${invalidationId}`
}

/** InProgress unless every invalidation of the step is known to be Completed. */
export function overallStatus(results: readonly DistributionResult[]): InvalidationStatus {
  return results.length > 0 && results.every(result => result.status === 'Completed')
    ? 'Completed'
    : 'InProgress'
}

export function formatDuration(ms: number): string {
  const tenths = Math.round(ms / 100)
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`
  const seconds = Math.round(ms / 1000)
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

function pathList(paths: readonly string[]): string {
  const shown = paths.slice(0, SUMMARY_PATH_LIMIT)
  const rest = paths.length - shown.length
  const block = ['```text', ...shown, ...(rest > 0 ? [`… and ${rest} more`] : []), '```'].join('\n')
  if (paths.length <= INLINE_PATH_LIMIT) return block
  return `<details><summary>${paths.length} paths</summary>\n\n${block}\n\n</details>`
}

/** How a distribution found by a lookup was found; nothing for one only named by its ID. */
function foundBy(result: DistributionResult): string {
  const sources = result.foundBy ?? []
  if (sources.every(source => source === 'distribution-id')) return ''
  return `\n\nFound by ${sources.map(source => source.replace(/^(alias|tag) (.*)$/, '$1 `$2`')).join(', ')}.`
}

/** The job summary, as GitHub-flavoured Markdown. */
export function renderSummary(results: readonly DistributionResult[], options: { dryRun: boolean }): string {
  const title = options.dryRun
    ? '## CloudFront invalidation (dry run: nothing was created)'
    : '## CloudFront invalidation'
  const header = '| Distribution | Invalidation | Status | Paths | Waited |\n| --- | --- | --- | ---: | --- |'
  const rows = results.map(result => {
    const invalidation = result.invalidationId
      ? `[${result.invalidationId}](${consoleUrl(result.distributionId, result.invalidationId)})`
      : '—'
    const status = result.error ? '❌ Failed' : options.dryRun ? 'Dry run' : (result.status ?? '—')
    const waited =
      result.waitedMs === undefined ? '—' : `${formatDuration(result.waitedMs)} (${result.polls ?? 0} polls)`
    return `| \`${result.distributionId}\` | ${invalidation} | ${status} | ${result.paths.length} | ${waited} |`
  })
  const details = results.map(result => {
    const error = result.error ? `\n\n> [!CAUTION]\n> ${result.error.replace(/\n/g, ' ')}` : ''
    return `### \`${result.distributionId}\`${foundBy(result)}${error}\n\n${pathList(result.paths)}`
  })
  return [title, [header, ...rows].join('\n'), ...details].join('\n\n') + '\n'
}
