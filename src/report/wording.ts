/**
 * What the log and the summary both say, worded once: sentences whose paths, characters and values are
 * marked as code, and lists of items. The log renders them as plain text, the summary as Markdown.
 */
import { formatNumber } from '../common/format.js'
import { inlineCode } from './markdown.js'

/** Code (a path, a character, an input's value): as it is in the log, a code span in the summary. */
export interface Code {
  code: string
}

/** A sentence: our own words, and code. Words are never escaped, so anything read from outside is code. */
export type Sentence = readonly (string | Code)[]

/** An item of a list: what it names (a path), and what is said of it. */
export interface Item {
  name: string
  says: Sentence
}

/** A paragraph: a sentence, and the items listed under it, if any. */
export interface Passage {
  sentence: Sentence
  items?: readonly Item[]
}

export function code(text: string): Code {
  return { code: text }
}

/** A sentence as the log writes it. */
export function plainText(sentence: Sentence): string {
  return sentence.map(part => (typeof part === 'string' ? part : part.code)).join('')
}

/** A sentence as Markdown: each code part a code span that holds whatever it is (markdown.ts). */
export function markdownText(sentence: Sentence): string {
  return sentence.map(part => (typeof part === 'string' ? part : inlineCode(part.code))).join('')
}

/** Up to limit items, each a line, then the count of the rest. */
function limited(items: readonly Item[], limit: number, line: (item: Item) => string): string[] {
  const shown = items.slice(0, limit).map(line)
  return items.length > limit ? [...shown, `… and ${formatNumber(items.length - limit)} more`] : shown
}

/** A passage as log lines: its sentence, then each item indented, its name set apart by two spaces. */
export function logLines(passage: Passage, limit: number): string[] {
  const items = limited(passage.items ?? [], limit, item => `${item.name}  ${plainText(item.says)}`)
  return [plainText(passage.sentence), ...items.map(line => `  ${line}`)]
}

/** A passage as a Markdown block: its sentence, then each item as a list item, its name as code. */
export function markdownBlock(passage: Passage, limit: number): string {
  const items = limited(
    passage.items ?? [],
    limit,
    item => `${inlineCode(item.name)} ${markdownText(item.says)}`
  )
  return [markdownText(passage.sentence), ...items.map(line => `- ${line}`)].join('\n')
}
