/** The troubleshooting tables of docs/troubleshooting.md, read as its tests read them (troubleshooting.test.ts, unit and e2e). */
import { readFileSync } from 'node:fs'

export const troubleshooting = readFileSync(new URL('../docs/troubleshooting.md', import.meta.url), 'utf8')

/** The table's quote of the wait-timeout error, which the step's flow makes: checked end to end. */
export const WAIT_TIMEOUT_QUOTE = 'Timed out after … (wait-timeout)'

/**
 * The quotes of the tables under "## Error messages": every code span of each row's first cell (a row may
 * quote the forms of one message side by side).
 */
export function troubleshootingQuotes(markdown: string): string[] {
  const section = markdown.split(/^## Error messages$/m)[1]?.split(/^## /m)[0] ?? ''
  return section
    .split('\n')
    .filter(line => line.startsWith('|') && !/^\|\s*-/.test(line))
    .flatMap(line => [...firstCell(line).matchAll(/`([^`]+)`/g)].map(match => match[1] ?? ''))
}

/** A table row's first cell: up to the first `|` outside a code span. */
function firstCell(row: string): string {
  let code = false
  for (let i = 1; i < row.length; i++) {
    if (row[i] === '`') code = !code
    else if (row[i] === '|' && !code && row[i - 1] !== '\\') return row.slice(1, i)
  }
  return row.slice(1)
}

/** A quote as a pattern for the start of a message: `…` stands for any text. */
export function quotePattern(quote: string): RegExp {
  const parts = quote.split('…').map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('.+?')}`)
}
