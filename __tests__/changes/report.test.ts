/** The changes action's paths file, inventory, counts, summary and log lines: pure. */
import { describe, expect, it } from '@jest/globals'
import type { Change } from '../../src/changes/changes.js'
import {
  changeLines,
  countChanges,
  describeCounts,
  inventoryFileText,
  pathsFileText,
  summaryBlock
} from '../../src/changes/report.js'

describe('report', () => {
  it('writes one s3:// URI a line, keys raw', () => {
    expect(
      pathsFileText('b1', [
        { key: 'a b/ü%20.html', kind: 'changed', why: '' },
        { key: '::error::x', kind: 'added', why: '' }
      ])
    ).toBe('s3://b1/a b/ü%20.html\ns3://b1/::error::x\n')
    expect(pathsFileText('b1', [])).toBe('')
  })

  it('fails rather than miss a key with a line break', () => {
    expect(() => pathsFileText('b1', [{ key: 'a\nb', kind: 'deleted', why: '' }])).toThrow(
      /^The deleted object "a\\nb" has a line break in its key/
    )
  })

  it('writes the inventory one s3:// URI a line, leaving out and naming a key with a line break', () => {
    expect(inventoryFileText('b1', ['a b/ü.html', 'x\ny', 'z'])).toEqual({
      text: 's3://b1/a b/ü.html\ns3://b1/z\n',
      leftOut: ['x\ny']
    })
  })

  it('writes the summary as a heading and a table of the counts, the destination escaped', () => {
    expect(summaryBlock('s3://b1/<img src=x>/', { changed: 1, added: 2, deleted: 0, unchanged: 1234 })).toBe(
      [
        '## Changes to <code>s3://b1/&lt;img src=x&gt;/</code>',
        '',
        '| Changed | Added | Deleted | Unchanged | In the paths-file |',
        '| ---: | ---: | ---: | ---: | ---: |',
        '| 1 | 2 | 0 | 1,234 | 3 |',
        ''
      ].join('\n')
    )
    // Markdown applies between inline HTML tags: none of it survives, nor a line break or a table cell's end.
    expect(
      summaryBlock('s3://b1/a*b*_c_`d`[e](f)|g\n## h/', {
        changed: 0,
        added: 0,
        deleted: 0,
        unchanged: 0
      }).split('\n')[0]
    ).toBe('## Changes to <code>s3://b1/a\\*b\\*\\_c\\_\\`d\\`\\[e\\]\\(f\\)\\|g \\#\\# h/</code>')
  })
})

describe('counts', () => {
  const changes: Change[] = [
    { key: 'a.html', kind: 'changed', why: 'size differs (6 bytes here, 7 in S3)' },
    { key: 'b.html', kind: 'added', why: 'not in S3 yet' },
    { key: 'c.html', kind: 'added', why: 'not in S3 yet' },
    { key: 'old/d.html', kind: 'deleted', why: 'not in source (sync --delete deletes it)' }
  ]

  it('counts each kind of change, and takes the unchanged from the result', () => {
    expect(
      countChanges({
        changes,
        unchanged: 12_345,
        unchangedHow: new Map(),
        listedObjects: 12_347,
        excludedObjects: 0,
        inventory: [],
        unreadable: []
      })
    ).toEqual({ changed: 1, added: 2, deleted: 1, unchanged: 12_345 })
  })

  it('says the counts in one line, with thousands separated', () => {
    expect(describeCounts({ changed: 1, added: 2, deleted: 0, unchanged: 12_345 })).toBe(
      '1 changed, 2 added, 0 deleted, 12,345 unchanged'
    )
  })

  it('logs one line a change: the kind in a column, the key, and why', () => {
    expect(changeLines(changes)).toEqual([
      'changed a.html  (size differs (6 bytes here, 7 in S3))',
      'added   b.html  (not in S3 yet)',
      'added   c.html  (not in S3 yet)',
      'deleted old/d.html  (not in source (sync --delete deletes it))'
    ])
  })
})
