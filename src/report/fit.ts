/** The summary within GitHub's 1 MiB: sections shortened, left out, table rows cut, and a note saying so. */
import { formatCount } from '../common/format.js'

/**
 * The most the step writes to its summary. GitHub drops a step's summary whole when it is over 1 MiB
 * ("supports content up to a size of 1024k"); this leaves room for what a runner adds.
 */
export const SUMMARY_BYTE_BUDGET = 1000 * 1024

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
