/** Text from inputs, files or AWS in Markdown: escaped prose, code spans and fenced blocks. */
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
export function codeBlock(lines: readonly string[], info = 'text'): string {
  const longest = Math.max(2, ...lines.flatMap(line => (line.match(/`+/g) ?? []).map(run => run.length)))
  const fence = '`'.repeat(longest + 1)
  return [`${fence}${info}`, ...lines, fence].join('\n')
}
