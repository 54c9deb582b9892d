/**
 * What `npm run demo` and `npm run local` show of a step once it ran: its outputs as later steps see them,
 * and its job summary as a terminal can show it.
 *
 * Erasable TypeScript only: the scripts load it with Node 24's type stripping, the tests through ts-jest.
 */

/**
 * Each output's final value, from a GITHUB_OUTPUT file, in the order the outputs were first written. The
 * action writes some outputs more than once (an empty list at the start, the IDs as they come); the runner
 * keeps the last value, and so does this.
 */
export function finalOutputs(text: string): Map<string, string> {
  const outputs = new Map<string, string>()
  for (const match of text.matchAll(/^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm)) {
    const [, name = '', , value = ''] = match
    outputs.set(name, value)
  }
  return outputs
}

/** The job summary's Markdown as a terminal shows it: aligned tables, links and emphasis as their text. */
export function summaryAsText(markdown: string): string {
  const lines = markdown
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')
    .replace(/<details><summary>(.*?)<\/summary>/g, '$1:')
    .replace(/<\/details>|^```\w*$/gm, '')
    .replace(/<\/?code>/g, '')
    .replace(/`|\*\*/g, '')
    .split('\n')
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (!line.startsWith('|')) {
      out.push(line.replace(/^#+ /, ''))
      continue
    }
    const rows: string[][] = []
    for (; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) {
      const row = lines[i] ?? ''
      if (!/^\|[\s:|-]+\|$/.test(row)) {
        rows.push(
          row
            .slice(1, -1)
            .split('|')
            .map(cell => cell.trim())
        )
      }
    }
    i--
    const widths = (rows[0] ?? []).map((_, column) =>
      Math.max(...rows.map(row => (row[column] ?? '').length))
    )
    for (const row of rows) {
      out.push(
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd()
      )
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n')
}
