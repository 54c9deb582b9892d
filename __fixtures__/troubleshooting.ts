/** The troubleshooting table of docs/troubleshooting.md, read as its tests read it (troubleshooting.test.ts, unit and e2e). */
import { readFileSync } from 'node:fs'

export const troubleshooting = readFileSync(new URL('../docs/troubleshooting.md', import.meta.url), 'utf8')

/** The table's quote of the wait-timeout error, which the step's flow makes: checked end to end. */
export const WAIT_TIMEOUT_QUOTE = 'Timed out after … (wait-timeout)'

/** The first code span of each row's first cell, in the table under "## Error messages". */
export function troubleshootingQuotes(markdown: string): string[] {
  const section = markdown.split(/^## Error messages$/m)[1]?.split(/^## /m)[0] ?? ''
  return section
    .split('\n')
    .filter(line => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1) // the header row
    .map(line => /^\|[^|`]*`([^`]+)`/.exec(line)?.[1])
    .filter((quote): quote is string => quote !== undefined)
}

/** A quote as a pattern for the start of a message: `…` stands for any text. */
export function quotePattern(quote: string): RegExp {
  const parts = quote.split('…').map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('.+?')}`)
}
