import { describe, expect, it } from '@jest/globals'
import { inventoryFileText, pathsFileText } from '../../src/changes/report.js'
import { readInventory } from '../../src/paths/inventory.js'
import { splitLines } from '../../src/paths/paths.js'
import { PathReader } from '../../src/paths/reader.js'

describe('readInventory: keys holding \\, as the changes action writes them', () => {
  it('matches a changed key against the same key in the inventory, and keeps old/thing.js apart', () => {
    const changes = [{ key: 'site/old\\thing.js', kind: 'changed' as const, why: 'size' }]
    const options = { originPath: '/site', indexDocument: '' }
    const changed = new PathReader(options).add(splitLines(pathsFileText('b', changes)), 'paths-file')
    expect(changed.items).toEqual(['/old%5Cthing.js'])
    const { text } = inventoryFileText('b', ['site/old\\thing.js', 'site/old/thing.js', 'site/a\\b\\c.js'])
    expect(readInventory(splitLines(text), 'inventory-file', options, changed)).toEqual({
      objects: 3,
      unchanged: ['/old/thing.js', '/a%5Cb%5Cc.js'],
      missing: 0,
      missingPaths: []
    })
  })
})

describe('readInventory: keys holding +', () => {
  it('counts a changed key holding + as one object the inventory holds, whatever its two forms', () => {
    const options = { originPath: '', indexDocument: '' }
    const changed = new PathReader(options).add(['s3://b/a+b.js'], 'paths-file')
    const inventory = readInventory(['s3://b/a+b.js', 's3://b/c+d.js'], 'inventory-file', options, changed)
    expect(inventory).toEqual({ objects: 2, unchanged: ['/c+d.js'], missing: 0, missingPaths: [] })
  })
})

describe('readInventory: lines that name no object of the site', () => {
  const options = { originPath: '', indexDocument: '' }
  const changed = () => new PathReader(options).add(['s3://b/a.html'], 'paths-file')

  it('leaves out what the sync deleted (a bucket alone too) and progress, and counts what changed and is gone', () => {
    const lines = ['delete: s3://b/a.html', 'delete: s3://b', 'delete: build/x.html', 'Completed 1 file(s)']
    expect(readInventory([...lines, 's3://b/c.html'], 'inventory-file', options, changed())).toEqual({
      objects: 1,
      unchanged: ['/c.html'],
      missing: 1,
      missingPaths: ['/a.html']
    })
  })

  it('reads a bare name from the root, and refuses what was pasted from another tool', () => {
    expect(readInventory(['index.html'], 'inventory-file', options, changed()).unchanged).toEqual([
      '/index.html'
    ])
    expect(() => readInventory(['- /a.html'], 'inventory-file', options, changed())).toThrow(
      /^inventory-file: "- \/a\.html" is a YAML list item/
    )
  })
})
