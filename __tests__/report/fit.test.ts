import { describe, expect, it } from '@jest/globals'
import { fitSummary, type Section } from '../../src/report/fit.js'

describe('fitSummary: a summary within GitHub’s 1 MiB', () => {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8')
  const section = (n: number, size: number): Section => ({
    full: `### \`E${n}\`\n\n${'x'.repeat(size)}`,
    short: `### \`E${n}\``
  })

  it('keeps everything when it fits', () => {
    const text = fitSummary(['# head'], [section(1, 100), section(2, 100)], 1000)
    expect(text).toBe(`# head\n\n${section(1, 100).full}\n\n${section(2, 100).full}\n`)
    expect(text).not.toContain('[!NOTE]')
  })

  it('shortens the sections that do not fit to their heading, in order, and says so', () => {
    const sections = [section(1, 3000), section(2, 3000), section(3, 3000)]
    const text = fitSummary(['# head'], sections, 1024 + 7000)
    expect(bytes(text)).toBeLessThanOrEqual(1024 + 7000)
    expect(text).toContain(sections[0]?.full)
    expect(text).toContain(sections[1]?.full)
    expect(text).not.toContain(sections[2]?.full)
    expect(text).toContain('### `E3`')
    expect(text).toContain('left out: the plan and paths of 1 distribution.')
    expect(text).toContain("The step's log has everything")
  })

  it('leaves out whole sections, then table rows, when even headings do not fit', () => {
    const rows = [
      '| a | b |',
      '| --- | --- |',
      ...Array.from({ length: 400 }, (_, i) => `| row ${i} | ${'y'.repeat(40)} |`)
    ]
    const sections = Array.from({ length: 2000 }, (_, i) => section(i, 10))
    const budget = 1024 + 12_000
    const text = fitSummary(['# head', rows.join('\n')], sections, budget)
    expect(bytes(text)).toBeLessThanOrEqual(budget)
    expect(text).toMatch(
      /left out: \d+ rows of the table; the plan and paths of \d+ distributions; the sections of [\d,]+ more distributions\./
    )
    expect(text).toContain('| row 0 |')
    expect(text).not.toContain('| row 399 |')
  })
})
