/** Text from inputs, files or AWS, put into Markdown so that it shows as itself: pure. */
import { describe, expect, it } from '@jest/globals'
import { codeBlock, escapeMarkdown, inlineCode } from '../../src/report/markdown.js'

describe('escapeMarkdown', () => {
  it('escapes every character Markdown or HTML could read as syntax', () => {
    expect(escapeMarkdown('**bold** _it_ `code` [link](https://x) <img src=x> # | ~ ! + & {} \\')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[link\\]\\(https://x\\) \\<img src=x\\> \\# \\| \\~ \\! \\+ \\& \\{\\} \\\\'
    )
  })

  it('leaves plain text, paths and IDs as they are', () => {
    expect(escapeMarkdown('/img/a-b.png E1AAAAAAAAAAAA: 3 paths, 10.5 s')).toBe(
      '/img/a-b.png E1AAAAAAAAAAAA: 3 paths, 10.5 s'
    )
  })

  it('turns each line break into a space, so the text cannot leave its block', () => {
    expect(escapeMarkdown('one\r\ntwo\nthree\rfour')).toBe('one two three four')
    expect(escapeMarkdown('a\n## b')).toBe('a \\#\\# b')
  })
})

describe('inlineCode', () => {
  it('fences plain text with one backtick', () => {
    expect(inlineCode('/index.html')).toBe('`/index.html`')
  })

  it('fences with one backtick more than the longest run inside', () => {
    expect(inlineCode('a`b``c')).toBe('```a`b``c```')
  })

  it('pads text that starts or ends with a backtick, which would otherwise join the fence', () => {
    expect(inlineCode('`a')).toBe('`` `a ``')
    expect(inlineCode('a`')).toBe('`` a` ``')
  })

  it('escapes a | that would end a table cell, and flattens line breaks', () => {
    expect(inlineCode('a|b')).toBe('`a\\|b`')
    expect(inlineCode('a\r\nb\nc')).toBe('`a b c`')
  })
})

describe('codeBlock', () => {
  it('fences the lines with three backticks and the info string, text by default', () => {
    expect(codeBlock(['/a.html', '/b/*'])).toBe('```text\n/a.html\n/b/*\n```')
    expect(codeBlock(['{}'], 'json')).toBe('```json\n{}\n```')
    expect(codeBlock([])).toBe('```text\n```')
  })

  it('uses a fence longer than any backtick run inside, so no line can close it', () => {
    expect(codeBlock(['```', 'a````b'])).toBe('`````text\n```\na````b\n`````')
  })
})
