/** How the inputs were read (CLI lines, index directories, covering wildcards): for the log and the summary. */
import { formatCount } from '../common/format.js'
import { encodePath } from '../paths/paths.js'
import type { CoveringWildcard, PathNotes } from '../types.js'
import { code, logLines, markdownBlock, plainText, type Passage, type Sentence } from './wording.js'

/** Index directories and covering wildcards listed in the summary; the log lists up to NOTES_LOG_LIMIT. */
const NOTES_SUMMARY_LIMIT = 20
const NOTES_LOG_LIMIT = 1000

/** How the inputs were read, worded once: what the log and the summary say (passages), and what only the log warns. */
export interface NotesDescription {
  passages: Passage[]
  warnings: Sentence[]
}

/** How the inputs were read: CLI lines taken, index directories added, covering wildcards. */
export function describeNotes(notes: PathNotes): NotesDescription {
  const passages: Passage[] = []
  const warnings: Sentence[] = []
  const read = readSentence(notes)
  if (read.length > 0) passages.push({ sentence: read })
  if (notes.indexAdded.length > 0) {
    passages.push({
      sentence: [
        'index-document ',
        code(encodePath(notes.indexDocument)),
        `: added ${formatCount(notes.indexAdded.length, 'directory path')}, cached apart from the index document listed:`
      ],
      items: notes.indexAdded.map(added => ({ name: added.path, says: ['for ', code(added.because)] }))
    })
  }
  if (notes.covering.length > 0) {
    passages.push({
      sentence: [
        `${formatCount(notes.covering.length, 'covering wildcard')} sent for paths CloudFront cannot take as browsers request them (a raw `,
        code('~'),
        ', or a ',
        code('*'),
        ' inside a key):'
      ],
      items: notes.covering.map(wildcard => ({ name: wildcard.path, says: covers(wildcard) }))
    })
    const everything = notes.covering.find(wildcard => wildcard.path === '/*')
    if (everything) {
      warnings.push([
        code(everything.example),
        ' starts with ',
        code(everything.character),
        ', which CloudFront refuses in a path, so ',
        code('/*'),
        ' is sent to cover it: every cached object of the distribution. Rename the file, or list a narrower path yourself.'
      ])
    }
  }
  return { passages, warnings }
}

/** `covers 2 paths with a raw ~, such as /a~b.js`, or for one, `covers 1 path with a raw ~: /a~b.js`. */
function covers(wildcard: CoveringWildcard): Sentence {
  const paths = `covers ${formatCount(wildcard.covers, 'path')} with a raw `
  const example = wildcard.covers > 1 ? ', such as ' : ': '
  return [paths, code(wildcard.character), example, code(wildcard.example)]
}

/** `Read as S3 keys: 3 lines of AWS CLI output (origin-path /prod taken off); …`, or nothing. */
function readSentence(notes: PathNotes): Sentence {
  const parts: Sentence[] = []
  const counts: string[] = []
  if (notes.cliKeys > 0) counts.push(`${formatCount(notes.cliKeys, 'line')} of AWS CLI output`)
  if (notes.s3Keys > 0) counts.push(formatCount(notes.s3Keys, 's3:// URI'))
  if (counts.length > 0) {
    const origin = notes.originPath
      ? [' (origin-path ', code(encodePath(notes.originPath)), ' taken off)']
      : []
    parts.push([`read as S3 keys: ${counts.join(' and ')}`, ...origin])
  }
  if (notes.plusKeys > 0) {
    parts.push([
      `sent ${formatCount(notes.plusKeys, 'key')} holding `,
      code('+'),
      ' also with ',
      code('%2B'),
      ', the URL an S3 REST origin serves it at'
    ])
  }
  if (notes.urls > 0) parts.push([`read ${formatCount(notes.urls, 'http(s) URL')} as its path and query`])
  if (notes.cliIgnored > 0) {
    parts.push([
      `ignored ${formatCount(notes.cliIgnored, 'other line')} of AWS CLI output (progress, Completed, dry run, failures, warnings, downloads)`
    ])
  }
  if (parts.length === 0) return []
  const [first = '', ...rest] = parts.flatMap((part, index) => (index === 0 ? part : ['; ', ...part]))
  // Every part starts with our own words, so the sentence's first letter is one of them.
  return typeof first === 'string'
    ? [first.charAt(0).toUpperCase() + first.slice(1), ...rest, '.']
    : [first, ...rest, '.']
}

/** The notes as log lines: what is said (up to NOTES_LOG_LIMIT items a list), and the warnings. */
export function notesLog(notes: PathNotes): { info: string[]; warnings: string[] } {
  const { passages, warnings } = describeNotes(notes)
  return {
    info: passages.flatMap(passage => logLines(passage, NOTES_LOG_LIMIT)),
    warnings: warnings.map(plainText)
  }
}

/**
 * The notes as Markdown blocks for the summary (up to NOTES_SUMMARY_LIMIT items a list). Every path in
 * notes is percent-encoded, so it holds no backtick, | or <, and each is a code span besides.
 */
export function notesMarkdown(notes: PathNotes): string[] {
  return describeNotes(notes).passages.map(passage => markdownBlock(passage, NOTES_SUMMARY_LIMIT))
}
