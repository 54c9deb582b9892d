/** Pure: the paths file, the counts, the summary line and the log lines of the changes action. */
import { UserError } from '../common/errors.js'
import { formatNumber } from '../common/format.js'
import type { Change, ChangeKind, ChangesResult } from './changes.js'

export type Counts = Record<ChangeKind | 'unchanged', number>

export function countChanges(result: ChangesResult): Counts {
  const counts: Counts = { changed: 0, added: 0, deleted: 0, unchanged: result.unchanged }
  for (const change of result.changes) counts[change.kind]++
  return counts
}

/**
 * One `s3://bucket/key` a line, the key raw as S3 names it. A key with a line break cannot be one line:
 * rather than leave it out (a change missed), the step fails and names it.
 */
export function pathsFileText(bucket: string, changes: readonly Change[]): string {
  const broken = changes.find(change => /[\r\n]/.test(change.key))
  if (broken) {
    throw new UserError(
      `The ${broken.kind} object ${JSON.stringify(broken.key)} has a line break in its key, which a paths-file (one s3:// URI a line) cannot hold. Rename the file (or delete the object), or invalidate its folder with paths instead.`
    )
  }
  return changes.map(change => `s3://${bucket}/${change.key}\n`).join('')
}

/**
 * The inventory-file: one `s3://bucket/key` a line for every object the destination holds after the
 * sync. An unchanged key with a line break cannot be a line; it is left out (the invalidate action then
 * counts one object fewer that a wildcard may clear) and named, rather than failing the deploy.
 */
export function inventoryFileText(
  bucket: string,
  keys: readonly string[]
): { text: string; leftOut: string[] } {
  const leftOut: string[] = []
  let text = ''
  for (const key of keys) {
    if (/[\r\n]/.test(key)) leftOut.push(key)
    else text += `s3://${bucket}/${key}\n`
  }
  return { text, leftOut }
}

export function describeCounts(counts: Counts): string {
  return `${formatNumber(counts.changed)} changed, ${formatNumber(counts.added)} added, ${formatNumber(counts.deleted)} deleted, ${formatNumber(counts.unchanged)} unchanged`
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * Text for the inside of an inline <code> element in Markdown, where Markdown still applies: each Markdown
 * punctuation character escaped with a backslash (CommonMark), then no tag or entity survives either.
 */
function escapeCode(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
    .replace(/[&<>"']/g, char => HTML[char] ?? char)
}

/**
 * The job summary: a heading naming the destination (from an input, so untrusted: escaped inside <code>),
 * and one table row of the counts.
 */
export function summaryBlock(destination: string, counts: Counts): string {
  const total = counts.changed + counts.added + counts.deleted
  return [
    `## Changes to <code>${escapeCode(destination)}</code>`,
    '',
    '| Changed | Added | Deleted | Unchanged | In the paths-file |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${[counts.changed, counts.added, counts.deleted, counts.unchanged, total].map(formatNumber).join(' | ')} |`,
    ''
  ].join('\n')
}

/** The log's lines for each change, untrusted: printed through runner.info, which keeps them plain text. */
export function changeLines(changes: readonly Change[]): string[] {
  return changes.map(change => `${change.kind.padEnd(7)} ${change.key}  (${change.why})`)
}
