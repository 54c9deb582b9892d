/** How the inputs were read (CLI lines, index directories, covering wildcards): for the log and the summary. */
import { formatCount, formatNumber } from '../common/format.js'
import { encodePath } from '../paths/paths.js'
import type { PathNotes } from '../types.js'

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
    info.push(
      ...limited(notes.indexAdded, NOTES_LOG_LIMIT, '  ', added => `${added.path}  for ${added.because}`)
    )
  }
  if (notes.covering.length > 0) {
    info.push(
      `${formatCount(notes.covering.length, 'covering wildcard')} sent for paths CloudFront cannot take as browsers request them (a raw ~, or a * inside a key):`
    )
    info.push(
      ...limited(
        notes.covering,
        NOTES_LOG_LIMIT,
        '  ',
        wildcard =>
          `${wildcard.path}  covers ${formatCount(wildcard.covers, 'path')} with a raw ${wildcard.character} (${wildcard.example}${wildcard.covers > 1 ? ', …' : ''})`
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

/** Up to limit items, each a line after its bullet (two spaces in the log, `- ` in Markdown), then the count of the rest. */
function limited<T>(items: readonly T[], limit: number, bullet: string, line: (item: T) => string): string[] {
  const shown = items.slice(0, limit).map(item => bullet + line(item))
  return items.length > limit
    ? [...shown, `${bullet}… and ${formatNumber(items.length - limit)} more`]
    : shown
}

/** The same, as Markdown. Every path in notes is percent-encoded, so it holds no backtick, | or <. */
export function notesDetails(notes: PathNotes): string[] {
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
          '- ',
          added => `\`${added.path}\` for \`${added.because}\``
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
          '- ',
          wildcard =>
            `\`${wildcard.path}\` covers ${formatCount(wildcard.covers, 'path')} with a raw \`${wildcard.character}\`, such as \`${wildcard.example}\``
        )
      ].join('\n')
    )
  }
  return blocks
}
