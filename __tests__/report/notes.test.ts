import { describe, expect, it } from '@jest/globals'
import { notesLog, notesMarkdown } from '../../src/report/notes.js'
import type { PathNotes } from '../../src/types.js'

const notes = (directories: number): PathNotes => ({
  cliKeys: 0,
  cliIgnored: 0,
  s3Keys: 0,
  urls: 0,
  plusKeys: 0,
  originPath: '',
  indexDocument: 'index.html',
  indexAdded: Array.from({ length: directories }, (_, i) => ({
    path: `/d${i}/`,
    because: `/d${i}/index.html`
  })),
  covering: []
})

describe('the lists of the notes', () => {
  it('lists up to 1,000 in the log, indented, and counts the rest', () => {
    const { info } = notesLog(notes(1001))
    expect(info).toHaveLength(1002)
    expect(info[1]).toBe('  /d0/  for /d0/index.html')
    expect(info.at(-1)).toBe('  … and 1 more')
  })

  it('lists up to 20 in the summary, as Markdown items, and counts the rest', () => {
    const [block = ''] = notesMarkdown(notes(21))
    const lines = block.split('\n')
    expect(lines).toHaveLength(22)
    expect(lines[1]).toBe('- `/d0/` for `/d0/index.html`')
    expect(lines.at(-1)).toBe('- … and 1 more')
  })

  it('words a covering wildcard once: plain in the log, with code spans in the summary', () => {
    const covering: PathNotes = {
      ...notes(0),
      covering: [
        { path: '/js/runtime*', character: '~', covers: 2, example: '/js/runtime~a.js' },
        { path: '/img/a*', character: '*', covers: 1, example: '/img/a*b.png' }
      ]
    }
    expect(notesLog(covering).info).toEqual([
      '2 covering wildcards sent for paths CloudFront cannot take as browsers request them (a raw ~, or a * inside a key):',
      '  /js/runtime*  covers 2 paths with a raw ~, such as /js/runtime~a.js',
      '  /img/a*  covers 1 path with a raw *: /img/a*b.png'
    ])
    expect(notesMarkdown(covering)).toEqual([
      [
        '2 covering wildcards sent for paths CloudFront cannot take as browsers request them (a raw `~`, or a `*` inside a key):',
        '- `/js/runtime*` covers 2 paths with a raw `~`, such as `/js/runtime~a.js`',
        '- `/img/a*` covers 1 path with a raw `*`: `/img/a*b.png`'
      ].join('\n')
    ])
  })
})
