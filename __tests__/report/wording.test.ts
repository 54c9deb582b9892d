import { describe, expect, it } from '@jest/globals'
import { code, logLines, markdownBlock, type Passage } from '../../src/report/wording.js'

const passage: Passage = {
  sentence: ['2 wildcards sent for a raw ', code('~'), ':'],
  items: [
    { name: '/a*', says: ['covers ', code('/a~b.js')] },
    { name: '/c`d*', says: ['covers ', code('/c`d~e|f.js')] }
  ]
}

describe('one passage, two renderings', () => {
  it('writes the log as plain text, each item indented with its name set apart', () => {
    expect(logLines(passage, 10)).toEqual([
      '2 wildcards sent for a raw ~:',
      '  /a*  covers /a~b.js',
      '  /c`d*  covers /c`d~e|f.js'
    ])
  })

  it('writes Markdown with every code part a code span that holds it, whatever it is', () => {
    expect(markdownBlock(passage, 10)).toBe(
      [
        '2 wildcards sent for a raw `~`:',
        '- `/a*` covers `/a~b.js`',
        '- ``/c`d*`` covers ``/c`d~e\\|f.js``'
      ].join('\n')
    )
  })

  it('counts the items past the limit', () => {
    expect(logLines(passage, 1)).toEqual([
      '2 wildcards sent for a raw ~:',
      '  /a*  covers /a~b.js',
      '  … and 1 more'
    ])
    expect(markdownBlock(passage, 1).split('\n').at(-1)).toBe('- … and 1 more')
  })
})
